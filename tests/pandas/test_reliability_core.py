"""Reliability of the core: exact integer interpolation at the int64/uint64 limits, caller
seeds left untouched, bounded sampling-strategy counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

import pd_imbalance as pdi
from pd_imbalance._core.strategy import MAX_CLASS_ROWS, count_limit, resolve_sampling_strategy
from pd_imbalance.sklearn import SMOTE, RandomUnderSampler

I64 = np.iinfo(np.int64)
U64_MAX = 2**64 - 1


# --------------------------------------------------------------- integers at the 64-bit limits


def _extreme_frame() -> pd.DataFrame:
    """A minority class whose int columns span (nearly) the whole int64 / uint64 range."""
    rng = np.random.default_rng(5)
    big = [I64.min, I64.max, -(2**62) - 5, 2**62 + 5, I64.min + 1, I64.max - 1, 0, -1, 1, 7]
    huge = [U64_MAX, 0, 2**63, 2**63 - 1, U64_MAX - 1, 2**63 + 12345, 1, 2**62, 17, 2**64 - 2**11]
    n_minor, n_major = len(big), 30
    return pd.DataFrame(
        {
            "i64": np.array(big + list(range(n_major)), dtype=np.int64),
            "u64": np.array(huge + list(range(n_major)), dtype=np.uint64),
            "Int64": pd.array(big + list(range(n_major)), dtype="Int64"),
            "UInt64": pd.array(huge + list(range(n_major)), dtype="UInt64"),
            "f": rng.normal(size=n_minor + n_major),
            "y": ["rare"] * n_minor + ["common"] * n_major,
        },
        index=pd.Index(np.arange(n_minor + n_major) * 3 + 100),
    )


def _python_ints(series: pd.Series) -> list[int]:
    return [int(v) for v in series.tolist()]


def test_smote_integers_stay_on_the_segment_at_the_64_bit_limits() -> None:
    df = _extreme_frame()
    before = df.copy(deep=True)
    out, prov = pdi.smote(df, "y", k_neighbors=3, random_state=0, return_plan=True)
    pd.testing.assert_frame_equal(df, before)  # the input is not mutated
    assert out.dtypes.equals(df.dtypes)
    n = len(df)
    pd.testing.assert_frame_equal(out.iloc[:n], df)  # original rows unchanged
    syn = out.iloc[n:]
    assert len(syn) == 20
    base = prov["base_position"].to_numpy()
    neighbor = prov["neighbor_position"].to_numpy()
    lam = prov["lam"].to_numpy()
    for column in ["i64", "u64", "Int64", "UInt64"]:
        values = _python_ints(df[column])  # exact Python ints: no wrap, no overflow
        got = _python_ints(syn[column])
        for x_pos, z_pos, t, value in zip(base, neighbor, lam, got, strict=True):
            x, z = values[x_pos], values[z_pos]
            assert min(x, z) <= value <= max(x, z), (column, x, z, value)
            exact = x + t * (z - x)  # float only for the tolerance
            # float64 rounding of the step: relative error 2**-52 of the distance
            assert abs(value - exact) <= 1 + abs(z - x) * 2.0**-51, (column, x, z, t, value)


def test_smote_segment_wider_than_int64_is_interpolated_not_clamped() -> None:
    # the gap between the two values is 2**63 + 10: it used to wrap in int64 and every
    # synthetic value was clamped onto the base
    low, high = -(2**62) - 5, 2**62 + 5
    df = pd.DataFrame(
        {
            "v": np.array([low, high] * 2 + list(range(20)), dtype=np.int64),
            "y": [1] * 4 + [0] * 20,
        }
    )
    out, prov = pdi.smote(df, "y", k_neighbors=3, random_state=1, return_plan=True)
    syn = _python_ints(out["v"].iloc[len(df) :])
    values = _python_ints(df["v"])
    crossing = 0
    for x_pos, z_pos, t, value in zip(
        prov["base_position"], prov["neighbor_position"], prov["lam"], syn, strict=True
    ):
        x, z = values[x_pos], values[z_pos]
        assert min(x, z) <= value <= max(x, z)
        assert abs(value - (x + t * (z - x))) <= 2**12  # float64 step: a few ulps of 2**63
        if x != z:
            crossing += 1
            assert x != value or t < 2**-50  # moved off the base
    assert crossing > 0


def test_uint64_distances_use_the_true_values() -> None:
    # 2**64 - 1 and 2**64 - 2 are neighbours; wrapped into int64 they were -1 and -2, next
    # to 0 and 1 instead
    values = [U64_MAX, U64_MAX - 1, U64_MAX - 2, 0, 1, 2]
    df = pd.DataFrame(
        {
            "u": np.array(values + list(range(10)), dtype=np.uint64),
            "y": ["a"] * 6 + ["b"] * 10,
        }
    )
    out, prov = pdi.smote(df, "y", k_neighbors=2, random_state=0, return_plan=True)
    near_top = {0, 1, 2}
    for b, z in zip(prov["base_position"], prov["neighbor_position"], strict=True):
        assert (b in near_top) == (z in near_top), (b, z)
    syn = _python_ints(out["u"].iloc[len(df) :])
    tops = [v for b, v in zip(prov["base_position"], syn, strict=True) if b in near_top]
    assert tops and min(tops) >= U64_MAX - 2
    assert out["u"].dtype == np.uint64


# ------------------------------------------------------------------------ caller's seeds


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n_major, n_minor = 40, 12
    return pd.DataFrame(
        {
            "x": rng.normal(size=n_major + n_minor),
            "k": rng.integers(0, 100, size=n_major + n_minor),
            "y": [0] * n_major + [1] * n_minor,
        }
    )


def _frames(result: Any) -> list[pd.DataFrame]:
    """Every frame of a verb's result, for comparing two runs."""
    if isinstance(result, pd.DataFrame):
        return [result]
    if isinstance(result, pd.Series):
        return [result.to_frame()]
    frames: list[pd.DataFrame] = []
    for part in result:
        frames += _frames(part)
    return frames


VERBS: dict[str, Callable[[pd.DataFrame, Any], Any]] = {
    "undersample": lambda df, seed: pdi.undersample(df, "y", random_state=seed),
    "smote": lambda df, seed: pdi.smote(df, "y", k_neighbors=3, random_state=seed),
    "smote-plan": lambda df, seed: pdi.smote(
        df, "y", k_neighbors=3, random_state=seed, return_plan=True
    ),
    "accessor-smote": lambda df, seed: df.imbalance.smote("y", k_neighbors=3, random_state=seed),
    "split_then_resample-smote": lambda df, seed: pdi.split_then_resample(
        df, "y", method="smote", k_neighbors=3, random_state=seed
    ),
    "split_then_resample-undersample": lambda df, seed: pdi.split_then_resample(
        df, "y", method="undersample", random_state=seed
    ),
    "cv_splits": lambda df, seed: list(
        pdi.cv_splits(df, "y", n_splits=3, method="smote", k_neighbors=3, random_state=seed)
    ),
    "sklearn-RandomUnderSampler": lambda df, seed: RandomUnderSampler(
        random_state=seed
    ).fit_resample(df[["x", "k"]], df["y"]),
    "sklearn-SMOTE": lambda df, seed: SMOTE(k_neighbors=3, random_state=seed).fit_resample(
        df[["x", "k"]], df["y"]
    ),
}


@pytest.mark.parametrize("verb", list(VERBS))
@pytest.mark.parametrize("spawned", [0, 2])
def test_seed_sequence_is_not_mutated_and_reproduces(verb: str, spawned: int) -> None:
    df = _frame()
    seed = np.random.SeedSequence(42)
    seed.spawn(spawned)  # the caller may have used it already
    state = (seed.entropy, seed.spawn_key, seed.pool_size, seed.n_children_spawned)
    first = _frames(VERBS[verb](df, seed))
    assert (seed.entropy, seed.spawn_key, seed.pool_size, seed.n_children_spawned) == state
    second = _frames(VERBS[verb](df, seed))
    assert seed.n_children_spawned == spawned
    assert len(first) == len(second)
    for a, b in zip(first, second, strict=True):
        pd.testing.assert_frame_equal(a, b)
    # a fresh, equal SeedSequence gives the same result too
    fresh = np.random.SeedSequence(42)
    fresh.spawn(spawned)
    for a, b in zip(first, _frames(VERBS[verb](df, fresh)), strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_seed_sequence_result_is_the_one_an_int_seed_gives() -> None:
    # SeedSequence(42) and 42 seed the same streams (as before the copy)
    df = _frame()
    pd.testing.assert_frame_equal(
        pdi.smote(df, "y", k_neighbors=3, random_state=np.random.SeedSequence(42)),
        pdi.smote(df, "y", k_neighbors=3, random_state=42),
    )


def test_generators_are_consumed_as_documented() -> None:
    df = _frame()
    rng = np.random.default_rng(3)
    first = pdi.smote(df, "y", k_neighbors=3, random_state=rng)
    second = pdi.smote(df, "y", k_neighbors=3, random_state=rng)
    assert not first.equals(second)  # the generator moved on
    again = pdi.smote(df, "y", k_neighbors=3, random_state=np.random.default_rng(3))
    pd.testing.assert_frame_equal(first, again)


def test_dask_verbs_leave_the_seed_sequence_alone() -> None:
    dd = pytest.importorskip("dask.dataframe")
    import pd_imbalance.dask as pdd

    ddf = dd.from_pandas(_frame(), npartitions=2)
    seed = np.random.SeedSequence(7)
    runs = [
        [
            pdd.smote(ddf, "y", k_neighbors=3, random_state=seed).compute(),
            pdd.undersample(ddf, "y", exact=True, random_state=seed).compute(),
            *pdd.split_then_resample(ddf, "y", method="undersample", exact=True, random_state=seed),
        ]
        for _ in range(2)
    ]
    assert seed.n_children_spawned == 0
    for a, b in zip(*runs, strict=True):
        a = a.compute() if hasattr(a, "compute") else a
        b = b.compute() if hasattr(b, "compute") else b
        pd.testing.assert_frame_equal(a, b)


# ------------------------------------------------------------------ bounded final counts

COUNTS = np.array([900, 100])
CLASSES = ["ok", "fraud"]


def test_count_limit_is_documented_cap() -> None:
    assert count_limit(COUNTS) == 900_000
    assert count_limit(np.array([10**7, 3])) == MAX_CLASS_ROWS == 2**31 - 1


def test_absurd_dict_count_is_a_clear_error_end_to_end() -> None:
    df = _frame()
    with pytest.raises(ValueError, match="sampling_strategy") as info:
        pdi.smote(df, "y", sampling_strategy={1: 10**12})
    message = str(info.value)
    assert "1,000,000,000,000" in message  # the absurd value
    assert "class 1" in message  # the class
    assert "40,000" in message  # the limit: 1,000 x the largest class (40 rows)
    with pytest.raises(ValueError, match="at most"):
        SMOTE(sampling_strategy={1: 10**12}).fit_resample(df[["x", "k"]], df["y"])


@pytest.mark.parametrize("wanted", [900_001, 10**12, 2**63, 10**30])
def test_counts_above_the_cap_are_refused(wanted: int) -> None:
    with pytest.raises(ValueError, match="at most 900,000 rows") as info:
        resolve_sampling_strategy({"fraud": wanted}, COUNTS, CLASSES, kind="over")
    assert "'fraud'" in str(info.value)
    assert f"{wanted:,}" in str(info.value)


def test_count_at_the_cap_is_accepted() -> None:
    out = resolve_sampling_strategy({"fraud": 900_000}, COUNTS, CLASSES, kind="over")
    assert out.tolist() == [900, 900_000]


def test_absolute_cap_holds_for_huge_classes() -> None:
    counts = np.array([5_000_000, 10])
    with pytest.raises(ValueError, match="2,147,483,647"):
        resolve_sampling_strategy({"fraud": 2**31}, counts, CLASSES, kind="over")


def test_callable_returning_an_absurd_count_is_refused() -> None:
    def absurd(y: object) -> dict[str, int]:
        return {"fraud": 10**15}

    with pytest.raises(ValueError, match=r"sampling_strategy\(y\)\['fraud'\]") as info:
        resolve_sampling_strategy(absurd, COUNTS, CLASSES, kind="over")
    assert "'fraud'" in str(info.value) and "900,000" in str(info.value)


@pytest.mark.parametrize("ratio", [5e-324, 1e-300])
def test_tiny_ratios_do_not_overflow(ratio: float) -> None:
    # counts[small] / ratio is inf or astronomically large: nothing to drop, no OverflowError
    out = resolve_sampling_strategy(ratio, COUNTS, CLASSES, kind="under")
    assert out.tolist() == [900, 100]
    assert resolve_sampling_strategy(ratio, COUNTS, CLASSES, kind="over").tolist() == [900, 100]


@pytest.mark.parametrize(
    "strategy", [pytest.param(10**400, id="10**400"), float("inf"), -float("inf"), 2]
)
def test_out_of_range_numbers_are_ratio_errors(strategy: float) -> None:
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        resolve_sampling_strategy(strategy, COUNTS, CLASSES, kind="over")


@pytest.mark.parametrize(
    ("value", "exc", "needle"),
    [
        (float("nan"), TypeError, "missing value"),
        (np.float64("nan"), TypeError, "missing value"),
        (200.0, TypeError, "write 200 instead"),
        (2.5, TypeError, "got float 2.5"),
        (True, TypeError, "got bool True"),
        ("200", TypeError, "got str '200'"),
        (None, TypeError, "got NoneType"),
        (-5, ValueError, "cannot be negative"),
    ],
)
def test_bad_dict_values_have_clear_messages(value: object, exc: type, needle: str) -> None:
    for kind in ("over", "under"):
        with pytest.raises(exc) as info:
            resolve_sampling_strategy({"fraud": value}, COUNTS, CLASSES, kind=kind)  # type: ignore[arg-type]
        message = str(info.value)
        assert needle in message, message
        assert "sampling_strategy['fraud']" in message
