"""What the accessors share: a verb bound to the accessor's frame, with the verb's signature.

``smote = VerbMethod(verbs.smote)`` in an accessor class makes ``df.imbalance.smote(...)``
call ``verbs.smote(df, ...)``. The method *is* the verb bound to the frame (a
``types.MethodType``): its signature, docstring and type hints are the verb's, minus the
frame, so no door repeats a signature and type checkers see the verb's parameters.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, cast, overload

__all__ = ["VerbMethod"]

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F")


class _HoldsFrame(Protocol):
    """An accessor: it keeps the frame it was created for."""

    @property
    def frame(self) -> Any: ...


class VerbMethod(Generic[F, P, R]):
    """A descriptor that binds ``verb`` to the frame of the accessor it is read from."""

    def __init__(self, verb: Callable[Concatenate[F, P], R]) -> None:
        self.verb = verb
        self.__doc__ = verb.__doc__
        self.__wrapped__ = verb

    @overload
    def __get__(
        self, accessor: None, owner: type | None = None
    ) -> Callable[Concatenate[F, P], R]: ...

    @overload
    def __get__(self, accessor: _HoldsFrame, owner: type | None = None) -> Callable[P, R]: ...

    def __get__(
        self, accessor: _HoldsFrame | None, owner: type | None = None
    ) -> Callable[Concatenate[F, P], R] | Callable[P, R]:
        if accessor is None:  # on the class: the verb itself (for help() and the docs)
            return self.verb
        return cast("Callable[P, R]", types.MethodType(self.verb, accessor.frame))
