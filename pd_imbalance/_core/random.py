"""Turn a user's ``random_state`` into one numpy Generator per call."""

from __future__ import annotations

import numbers

import numpy as np

RandomStateLike = int | np.random.Generator | np.random.SeedSequence | np.random.RandomState | None

_VALID = "None, a non-negative int, a numpy.random.Generator, SeedSequence or RandomState"


def seed_sequence(random_state: object) -> np.random.SeedSequence:
    """Return the SeedSequence that every random stream of one call derives from.

    Parameters
    ----------
    random_state : None, int, Generator, SeedSequence or RandomState
        ``None`` draws fresh entropy; an int gives a reproducible stream; a Generator or
        RandomState is consumed: advanced by one draw to seed the call (as scikit-learn
        does), so passing the same one twice gives two different results. A SeedSequence
        is never changed: the call works on a copy (same entropy, spawn key, pool size and
        number of children already spawned), so the same object gives the same result
        every time.

    Returns
    -------
    numpy.random.SeedSequence
        A sequence the call owns: spawning from it does not affect the caller's objects.

    Raises
    ------
    TypeError
        For any other type (floats and bools included).
    ValueError
        For a negative int.
    """
    if random_state is None:
        return np.random.SeedSequence()
    if isinstance(random_state, np.random.SeedSequence):
        return np.random.SeedSequence(  # a copy: the call spawns from it
            random_state.entropy,
            spawn_key=random_state.spawn_key,
            pool_size=random_state.pool_size,
            n_children_spawned=random_state.n_children_spawned,
        )
    if isinstance(random_state, bool | np.bool_) or not isinstance(
        random_state, numbers.Integral | np.random.Generator | np.random.RandomState
    ):
        raise TypeError(
            f"random_state must be {_VALID}; got {type(random_state).__name__} {random_state!r}."
        )
    if isinstance(random_state, np.random.Generator):
        return np.random.SeedSequence(int(random_state.integers(0, 2**63)))
    if isinstance(random_state, np.random.RandomState):
        return np.random.SeedSequence(int(random_state.randint(0, 2**31)))
    if int(random_state) < 0:
        raise ValueError(f"random_state must be {_VALID}; got the negative int {random_state}.")
    return np.random.SeedSequence(int(random_state))


def make_generator(random_state: object) -> np.random.Generator:
    """Return the single Generator used by one call (see :func:`seed_sequence`)."""
    return np.random.default_rng(seed_sequence(random_state))


def child_seed(seed: np.random.SeedSequence, number: int) -> np.random.SeedSequence:
    """Return child ``number`` of ``seed`` without advancing it (unlike ``seed.spawn``).

    Lazy tasks derive their streams with this, so computing a result twice gives the same
    values.

    Examples
    --------
    >>> root = np.random.SeedSequence(42)
    >>> a = child_seed(root, 3).generate_state(1)
    >>> bool((a == child_seed(root, 3).generate_state(1)).all())
    True
    """
    return np.random.SeedSequence(
        seed.entropy, spawn_key=(*seed.spawn_key, number), pool_size=seed.pool_size
    )


def spawn(seed: np.random.SeedSequence, n: int) -> list[np.random.SeedSequence]:
    """Return the ``n`` children that ``seed.spawn(n)`` would, without advancing ``seed``.

    A caller's SeedSequence passed as ``random_state`` is left as it was, so passing it
    again gives the same result.

    Examples
    --------
    >>> seed = np.random.SeedSequence(42)
    >>> [c.spawn_key for c in spawn(seed, 2)], seed.n_children_spawned
    ([(0,), (1,)], 0)
    """
    first = seed.n_children_spawned
    return [child_seed(seed, first + number) for number in range(n)]
