"""Register the dask accessor when ``dask.dataframe`` gets imported, without importing it.

``import pd_imbalance`` calls :func:`install`: if ``dask.dataframe`` is already imported,
:mod:`pd_imbalance.dask` is imported at once; otherwise a finder on ``sys.meta_path`` waits
for ``dask.dataframe`` to finish importing and then imports :mod:`pd_imbalance.dask`. So
``ddf.imbalance`` works whichever of the two the user imports first, and a plain ``import
pd_imbalance`` costs nothing when dask is not used.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import Any

WATCHED = "dask.dataframe"
BACKEND = "pd_imbalance.dask"


def _register() -> None:
    try:
        importlib.import_module(BACKEND)
    except Exception as exc:  # never break the user's import of dask
        warnings.warn(
            f"pd_imbalance could not register the dask accessor ({exc!r}); "
            "import pd_imbalance.dask to see the error.",
            ImportWarning,
            stacklevel=2,
        )


class _Loader(importlib.abc.Loader):
    """Runs the real loader, then registers the accessor."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        _register()


class _Finder(importlib.abc.MetaPathFinder):
    """Wraps the loader of ``dask.dataframe`` (once), then steps aside."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != WATCHED:
            return None
        uninstall()
        for finder in sys.meta_path:
            spec: Any = getattr(finder, "find_spec", lambda *a: None)(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _Loader(spec.loader)
                return spec  # type: ignore[no-any-return]
        return None


_FINDER = _Finder()


def uninstall() -> None:
    """Remove the finder (done as soon as ``dask.dataframe`` starts importing)."""
    while _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)


def install() -> None:
    """Register now if ``dask.dataframe`` is imported, else when it is."""
    if WATCHED in sys.modules:
        _register()
    elif _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
