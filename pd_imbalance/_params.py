"""Every argument check of every verb, written once.

Each check takes the user's value and the parameter's name and returns the value in the form
the verbs use (``np.int64(5)`` becomes ``5``), or raises a TypeError / ValueError that names
the parameter, what was given and what is accepted. The pandas verbs, the dask door and the
scikit-learn samplers all call these, so a parameter means the same everywhere.

No pandas here: checks that need a frame's columns take the columns.
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import numpy as np

from pd_imbalance._core.approx_knn import ApproximateNeighbors, import_faiss
from pd_imbalance._core.neighbor_rule import NeighborRule

__all__ = [
    "METHOD_NAMES",
    "MaxClasses",
    "Method",
    "MethodName",
    "Resampler",
    "check_bool",
    "check_costs",
    "check_max_classes",
    "check_method",
    "check_method_options",
    "check_n_splits",
    "check_neighbors",
    "check_new_column",
    "check_objective",
    "check_optional_positive_int",
    "check_pos_label_use",
    "check_positive_int",
    "check_real",
    "check_search",
    "check_share",
    "check_test_size",
    "method_options",
    "unknown_method",
]

#: The method names a split accepts (see ``pd_imbalance._verbs.steps.RESAMPLERS``).
MethodName = Literal[
    "undersample",
    "nearmiss-1",
    "nearmiss-2",
    "nearmiss-3",
    "oversample",
    "smote",
    "borderline-1",
    "borderline-2",
    "adasyn",
    "tomek",
    "enn",
    "renn",
    "allknn",
    "ncr",
    "oss",
    "none",
]
#: Every value of :data:`MethodName`, in order (for messages).
METHOD_NAMES: tuple[str, ...] = get_args(MethodName)

#: What a split does to its training part: a method name (or "none"), a sequence of steps
#: (names, ``(name, {option: value})`` pairs, callables ``f(frame) -> frame``), or a callable.
Method = (
    MethodName
    | Sequence[str | tuple[str, Mapping[str, Any]] | Callable[[Any], Any]]
    | Callable[[Any], Any]
)

#: The guard against a label column with too many classes: ``"auto"`` (refuse an ID-like
#: column), a largest number of classes, or None (no limit).
MaxClasses = int | Literal["auto"] | None

#: Parameters of a resampling verb that a split passes itself, never the user (a split
#: checks ``max_classes`` on the whole frame, once).
NOT_PASSED_BY_USER = frozenset(
    {"df", "ddf", "target", "random_state", "return_plan", "max_classes"}
)


def _is_int(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_)


def check_bool(name: str, value: object) -> bool:
    """Return ``value`` as a bool if it is one (numpy bools too), else raise a TypeError.

    Examples
    --------
    >>> check_bool("replacement", np.True_)
    True
    """
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False; got {type(value).__name__} {value!r}.")
    return bool(value)


def check_positive_int(name: str, value: object) -> int:
    """Return ``value`` as an int if it is a whole number >= 1 (numpy ints too).

    Examples
    --------
    >>> check_positive_int("k_neighbors", np.int64(3))
    3
    """
    if not _is_int(value):
        raise TypeError(f"{name} must be a positive int; got {type(value).__name__} {value!r}.")
    number: int = int(value)  # type: ignore[call-overload]
    if number < 1:
        raise ValueError(f"{name} must be a positive int; got {number}.")
    return number


def check_optional_positive_int(name: str, value: object) -> int | None:
    """As :func:`check_positive_int`, None allowed.

    Examples
    --------
    >>> check_optional_positive_int("block_rows", None) is None
    True
    """
    if value is None:
        return None
    if not _is_int(value):
        raise TypeError(
            f"{name} must be None or a positive int; got {type(value).__name__} {value!r}."
        )
    return check_positive_int(name, value)


def check_neighbors(
    name: str, value: object, *, within: bool = True, neighbors: object = "exact"
) -> NeighborRule:
    """Return the :class:`NeighborRule` of a neighbourhood parameter: an int or a search object.

    An int ``k`` asks for ``k`` neighbours. An object needs ``fit`` and ``kneighbors``; its
    own ``n_neighbors`` (when an int) counts the row itself where rows are searched among
    their own set (``within=True``), as in imbalanced-learn.

    ``neighbors`` chooses the search for an int: ``"exact"`` (the built-in exact search),
    ``"approximate"`` (:class:`~pd_imbalance._core.approx_knn.ApproximateNeighbors`, needs
    the ``[ann]`` extra) or an object asked for exactly ``k`` neighbours.

    Examples
    --------
    >>> check_neighbors("k_neighbors", 5).k
    5
    >>> from sklearn.neighbors import NearestNeighbors
    >>> check_neighbors("k_neighbors", NearestNeighbors(n_neighbors=6)).k
    5
    >>> rule = check_neighbors("k_neighbors", 5, neighbors=NearestNeighbors())
    >>> rule.k, rule.explicit
    (5, True)
    """
    search = check_search(neighbors)
    if _is_int(value):
        k = check_positive_int(name, value)
        if isinstance(search, str) and search == "exact":
            return NeighborRule(name, k)
        if isinstance(search, str):  # "approximate"
            import_faiss()  # the missing extra is named before any work
            search = ApproximateNeighbors(n_neighbors=k + 1 if within else k)
        return NeighborRule(name, k, search, explicit=True)
    if not (isinstance(search, str) and search == "exact") and _is_search(value):
        raise TypeError(
            f"{name} is a search object ({type(value).__name__}) and neighbors={neighbors!r} "
            f"names another search; give the object as {name} (its own n_neighbors) or an "
            f"int {name} with neighbors=<the object>, not both."
        )
    if _is_search(value):
        own = getattr(value, "n_neighbors", None)
        if _is_int(own):
            k = int(own) - 1 if within else int(own)  # type: ignore[arg-type]
            if k < 1:
                why = " (the row itself comes back among its neighbours)" if within else ""
                raise ValueError(
                    f"{name}={value!r} has n_neighbors={own}; it must be at least "
                    f"{2 if within else 1}{why}."
                )
            return NeighborRule(name, k if within else k - 1, value)
        return NeighborRule(name, None, value)
    raise TypeError(
        f"{name} must be a positive int or an object with fit and kneighbors methods (like "
        f"sklearn.neighbors.NearestNeighbors); got {type(value).__name__} {value!r}."
    )


def _is_search(value: object) -> bool:
    return callable(getattr(value, "kneighbors", None)) and callable(getattr(value, "fit", None))


def check_search(value: object) -> object:
    """Check a ``neighbors=`` value: ``"exact"``, ``"approximate"`` or a search object.

    Examples
    --------
    >>> check_search("exact")
    'exact'
    >>> check_search("fast")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: neighbors must be "exact" (the default), "approximate" or an object ...
    """
    if isinstance(value, str) and value in ("exact", "approximate"):
        return value
    if _is_search(value):
        return value
    raise ValueError(
        'neighbors must be "exact" (the default), "approximate" or an object with fit and '
        "kneighbors methods (like sklearn.neighbors.NearestNeighbors); got "
        f"{value!r}."
    )


def check_max_classes(value: object) -> MaxClasses:
    """Return ``max_classes`` if it is ``"auto"``, None or an int >= 2 (numpy ints too).

    Examples
    --------
    >>> check_max_classes(np.int64(5000)), check_max_classes("auto"), check_max_classes(None)
    (5000, 'auto', None)
    """
    if value is None:
        return None
    if isinstance(value, str) and value == "auto":
        return "auto"
    if not _is_int(value):
        raise TypeError(
            "max_classes must be 'auto', None (no limit) or an int >= 2; got "
            f"{type(value).__name__} {value!r}."
        )
    number: int = int(value)  # type: ignore[call-overload]
    if number < 2:
        raise ValueError(
            f"max_classes must be 'auto', None (no limit) or an int >= 2; got {number}."
        )
    return number


def check_real(name: str, value: object) -> float:
    """Return ``value`` as a finite float, else raise naming ``name``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite; got {number}.")
    return number


def check_share(name: str, value: object, objective: str, wanted: str) -> float | None:
    """Return the share ``value`` in (0, 1] that objective ``wanted`` needs (None otherwise)."""
    if value is None:
        if objective == wanted:
            raise ValueError(
                f"objective={wanted!r} needs {name}=, a share in (0, 1], e.g. {name}=0.8."
            )
        return None
    if objective != wanted:
        raise ValueError(
            f"{name} is used only with objective={wanted!r}; got objective={objective!r}. "
            f"Pass objective={wanted!r}, or drop {name}."
        )
    share = check_real(name, value)
    if not 0 < share <= 1:
        raise ValueError(f"{name} must be in (0, 1]; got {share}.")
    return share


def check_objective(objective: object, objectives: Collection[str]) -> str:
    """Return ``objective`` if it is one of ``objectives``."""
    if not isinstance(objective, str) or objective not in objectives:
        raise ValueError(
            f"objective must be one of {', '.join(map(repr, objectives))}; got {objective!r}."
        )
    return objective


def check_costs(fn_cost: object, fp_cost: object) -> tuple[float, float]:
    """Return the two error costs: numbers >= 0, not both 0."""
    costs = check_real("fn_cost", fn_cost), check_real("fp_cost", fp_cost)
    if min(costs) < 0 or max(costs) == 0:
        raise ValueError(
            f"fn_cost and fp_cost must be >= 0 and not both 0; got fn_cost={costs[0]}, "
            f"fp_cost={costs[1]}."
        )
    return costs


def check_new_column(name: str, value: object, columns: Collection[Hashable]) -> str | None:
    """Return ``value``, the name of a column to add (or None), if it is a new str name.

    Examples
    --------
    >>> check_new_column("synthetic_flag", "is_synthetic", ["x", "y"])
    'is_synthetic'
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be None or a new column name (str); got {type(value).__name__}."
        )
    if value in columns:
        raise ValueError(f"{name}={value!r} is already a column; choose another name.")
    return value


def check_test_size(test_size: object, n: int) -> int:
    """Return the number of test rows: ``test_size`` rows, or a share of ``n`` rounded up.

    Examples
    --------
    >>> check_test_size(0.25, 10), check_test_size(3, 10)
    (3, 3)
    """
    if isinstance(test_size, bool | np.bool_) or not isinstance(test_size, numbers.Real):
        raise TypeError(
            f"test_size must be a float in (0, 1) or a whole number of rows; got "
            f"{type(test_size).__name__} {test_size!r}."
        )
    if isinstance(test_size, numbers.Integral):
        if not 0 < int(test_size) < n:
            raise ValueError(f"test_size={test_size} rows must be between 1 and {n - 1}.")
        return int(test_size)
    if not 0.0 < float(test_size) < 1.0:
        raise ValueError(f"test_size={test_size!r} must be a float in (0, 1) (a share of rows).")
    return min(n - 1, max(1, math.ceil(float(test_size) * n)))


def check_n_splits(n_splits: object) -> int:
    """Return ``n_splits`` if it is an int >= 2."""
    if not _is_int(n_splits):
        raise TypeError(f"n_splits must be an int >= 2; got {type(n_splits).__name__}.")
    number: int = int(n_splits)  # type: ignore[call-overload]
    if number < 2:
        raise ValueError(f"n_splits must be at least 2; got {number}.")
    return number


def check_pos_label_use(pos_label: object, scores: object) -> None:
    """``pos_label`` only makes sense together with ``scores``."""
    if pos_label is not None and scores is None:
        raise ValueError(
            "pos_label names the class that scores= are for; pass scores='column' too, or "
            "drop pos_label (per-class numbers of predictions= cover every class)."
        )


@dataclass(frozen=True)
class Resampler:
    """A method name's verb and the options the name fixes or leaves out.

    Attributes
    ----------
    verb : callable
        The resampling verb (pandas or dask).
    fixed : dict
        Options the name sets itself, e.g. ``{"method": "nearmiss-1"}``; never the user's.
    excluded : frozenset of str
        The verb's parameters that belong to its other methods (not options of this name).
    """

    verb: Callable[..., Any]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    excluded: frozenset[str] = frozenset()

    @property
    def options(self) -> list[str]:
        """Return the options a user may pass with this name (in the verb's order)."""
        return [
            p for p in method_options(self.verb) if p not in self.fixed and p not in self.excluded
        ]


def method_options(verb: Callable[..., Any]) -> list[str]:
    """Return the options a split passes on to resampling verb ``verb`` (its parameters)."""
    return [p for p in inspect.signature(verb).parameters if p not in NOT_PASSED_BY_USER]


def check_method_options(name: str, options: Mapping[str, Any], resampler: Resampler) -> None:
    """Raise a TypeError naming the options of method ``name`` that it does not take.

    Examples
    --------
    >>> def undersample(df, target=None, *, method="random", replacement=False): ...
    >>> try:
    ...     check_method_options("nearmiss-1", {"method": "random"},
    ...                          Resampler(undersample, {"method": "nearmiss-1"}))
    ... except TypeError as error:
    ...     print(str(error).split(";")[0])
    ['method'] are not options of method='nearmiss-1' (it sets method='nearmiss-1' itself)
    """
    if not isinstance(options, Mapping) or not all(isinstance(o, str) for o in options):
        raise TypeError(
            f"the options of method={name!r} must be a dict of option names (str) to values; "
            f"got {type(options).__name__} {options!r}."
        )
    valid = resampler.options
    unknown = sorted(set(options) - set(valid))
    if unknown:
        fixed = [f"{k}={v!r}" for k, v in resampler.fixed.items() if k in unknown]
        note = f" (it sets {', '.join(fixed)} itself)" if fixed else ""
        raise TypeError(
            f"{unknown} are not options of method={name!r}{note}; its options are {valid}."
        )


def unknown_method(method: object, argument: str = "method") -> ValueError:
    """Return the error for a method name that no door knows (the same in every door)."""
    return ValueError(
        f"{argument} must be one of {', '.join(map(repr, METHOD_NAMES))}; got {method!r}."
    )


def check_method(
    method: object,
    options: Mapping[str, Any],
    verbs: Mapping[str, Resampler | Callable[..., Any]],
    *,
    door: str = "dask",
) -> Callable[..., Any] | None:
    """Return the resampling verb that ``method`` names in ``verbs`` (None for ``"none"``).

    For a door that takes single method names only (the dask door): ``options`` (the
    split's ``**method_kwargs``) must all be options of that name, and a name the pandas
    verbs know but ``verbs`` lacks gets an error naming the pandas alternative. A table
    entry is a verb or a :class:`Resampler`.

    Examples
    --------
    >>> def smote(df, target=None, *, k_neighbors=5, random_state=None): ...
    >>> check_method("smote", {"k_neighbors": 3}, {"smote": smote}) is smote
    True
    """
    if isinstance(method, str) and method == "none":
        if options:
            raise TypeError(f"method='none' takes no resampling options; got {sorted(options)}.")
        return None
    if isinstance(method, str) and method in verbs:
        entry = verbs[method]
        resampler = entry if isinstance(entry, Resampler) else Resampler(entry)
        check_method_options(method, options, resampler)
        return resampler.verb
    available = ", ".join(map(repr, [*verbs, "none"]))
    if isinstance(method, str) and method in METHOD_NAMES:
        raise ValueError(
            f"method={method!r} is not available on the {door} door (it needs every training "
            f"row in memory); its methods are {available}. Compute the frame first and use "
            f"the pandas verbs: pdi.split_then_resample(ddf.compute(), ..., method={method!r})."
        )
    if not isinstance(method, str):
        raise TypeError(
            f"the {door} door's method= takes one method name ({available}); got "
            f"{type(method).__name__}. For a sequence of steps or a callable, compute the frame "
            "first and use the pandas verbs: pdi.split_then_resample(ddf.compute(), ...)."
        )
    raise unknown_method(method)
