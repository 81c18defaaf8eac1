"""One shared pool of worker threads for the numpy-heavy loops (searches, generation).

numpy releases the GIL in matrix products, gathers and arithmetic, so two Python threads
use two cores. Starting threads costs about a millisecond each, so the pool is created
once per process (again after a fork: a child inherits no threads) and reused. Tasks
given to it must not wait on other tasks of the pool (none of ours do).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = ["available_cpus", "blas_single_thread", "run_threads"]

_T = TypeVar("_T")
_R = TypeVar("_R")

_LOCK = threading.Lock()
_POOLS: dict[int, tuple[int, ThreadPoolExecutor]] = {}
_CONTROLLER: Any = None


def blas_single_thread() -> Any:
    """Return a context manager that limits BLAS to one thread while it is active.

    The threadpoolctl controller is built once (about 1 ms) and cached; entering its
    limit costs microseconds. Small matrix products run faster on one thread than on a
    pool that must wake (and, on a busy machine, wait for) its other threads.
    """
    global _CONTROLLER
    if _CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER.limit(limits=1, user_api="blas")


def available_cpus() -> int:
    """Return the number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not available on all platforms
        return os.cpu_count() or 1


def _pool(n_threads: int) -> ThreadPoolExecutor:
    pid = os.getpid()
    with _LOCK:
        found = _POOLS.get(n_threads)
        if found is None or found[0] != pid:
            found = (pid, ThreadPoolExecutor(n_threads, thread_name_prefix="pd_imbalance"))
            _POOLS[n_threads] = found
        return found[1]


def run_threads(fn: Callable[[_T], _R], items: Iterable[_T], n_threads: int) -> list[_R]:
    """Map ``fn`` over ``items`` with ``n_threads`` threads of the shared pool, in order.

    Examples
    --------
    >>> run_threads(lambda x: x * x, range(4), 2)
    [0, 1, 4, 9]
    """
    items = list(items)
    if n_threads <= 1 or len(items) <= 1:
        return [fn(it) for it in items]
    return list(_pool(n_threads).map(fn, items))
