"""Compose a sampler's numpydoc docstring from its verb's.

A verb's docstring is the reference: its summary line and its parameter entries (type line
and description) are reused for the sampler under the sampler's parameter names.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["parameter_entries", "section", "summary_line", "with_default"]

_HEADER = re.compile(r"^(\S[^\n]*)\n-{3,}\n", re.MULTILINE)


def _sections(doc: str) -> dict[str, str]:
    """Return the numpydoc sections of ``doc`` by title (the text before any: ``""``)."""
    parts = _HEADER.split(doc)
    found = {"": parts[0]}
    for title, body in zip(parts[1::2], parts[2::2], strict=True):
        found[title.strip()] = body
    return found


def summary_line(function: Callable[..., Any]) -> str:
    """Return the first line of ``function``'s docstring.

    Examples
    --------
    >>> def f():
    ...     '''Do it.
    ...
    ...     More.'''
    >>> summary_line(f)
    'Do it.'
    """
    return (inspect.getdoc(function) or "").strip().splitlines()[0]


def parameter_entries(function: Callable[..., Any]) -> dict[str, tuple[str, str]]:
    """Return ``{name: (type line, description)}`` of ``function``'s Parameters section.

    An entry naming several parameters (``a, b : int``) is given to each.

    Examples
    --------
    >>> def f(a, b, c):
    ...     '''Sum.
    ...
    ...     Parameters
    ...     ----------
    ...     a : int
    ...         The first.
    ...     b, c : float, default=0
    ...         The others.
    ...     '''
    >>> parameter_entries(f)["c"]
    ('float, default=0', 'The others.')
    """
    body = _sections(inspect.getdoc(function) or "").get("Parameters", "")
    entries: dict[str, tuple[str, str]] = {}
    names: list[str] = []
    kind, lines = "", list[str]()

    def close() -> None:
        for name in names:
            entries[name] = (kind, textwrap.dedent("\n".join(lines)).strip())

    for line in body.splitlines():
        if line and not line[0].isspace():
            close()
            head, _, kind = line.partition(" : ")
            names, lines = [n.strip() for n in head.split(",")], []
        elif names:
            lines.append(line)
    close()
    return entries


def section(title: str, entries: Iterable[tuple[str, str, str]]) -> str:
    """Return a numpydoc section: ``(name, type line, description)`` per entry.

    Examples
    --------
    >>> section("Attributes", [("n_", "int", "How many.")]).splitlines()[2:]
    ['n_ : int', '    How many.']
    """
    lines = [title, "-" * len(title)]
    for name, kind, description in entries:
        lines.append(f"{name} : {kind}" if kind else name)
        lines.extend(textwrap.indent(description, "    ").splitlines())
    return "\n".join(lines) + "\n"


def with_default(kind: str, default: Any) -> str:
    """Return a type line ending in ``default=...`` (replacing the verb's own default).

    Examples
    --------
    >>> with_default("int, default=5", 3)
    'int, default=3'
    """
    kind = re.sub(r",\s*(default=.*|optional)$", "", kind)
    return f"{kind}, default={default!r}"
