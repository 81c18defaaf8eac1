"""The counting fast paths for integer labels agree with the hashing path, for every dtype.

``count_classes`` and ``encode_labels`` count numpy integer labels in a narrow range
without hashing (comparisons for a few values, ``bincount`` otherwise); the result must be
the class table that ``value_counts`` gives: same classes (values, dtype, name), counts and
missing count, and codes that map back to the labels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pd_imbalance._core import codes as core_codes
from pd_imbalance._pandas.features import hashable_values
from pd_imbalance._pandas.labels import LabelTable, count_classes, encode_labels, table_from_counts

INT_DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]


def hashed_table(series: pd.Series) -> LabelTable:
    counts = hashable_values(series).value_counts(dropna=False, sort=False)
    return table_from_counts(counts, series.name)


def value_sets(dtype: type) -> list[list[int]]:
    info = np.iinfo(dtype)
    sets = [
        [0, 1],
        [3, 2, 7],
        [0, 1, 2, 3, 4, 5, 6],
        [info.max, info.max - 1],
        [info.min, info.min + 5],
    ]
    if info.min < 0:
        sets.append([-3, 4, -1])
    if info.max > 2**21:
        sets.append([0, 2**21])  # too wide a range: the hashing path
    return sets


def assert_same_table(table: LabelTable, expected: LabelTable) -> None:
    assert table.classes.equals(expected.classes)
    assert table.classes.dtype == expected.classes.dtype
    assert table.classes.name == expected.classes.name
    assert table.counts.tolist() == expected.counts.tolist()
    assert table.counts.dtype == np.int64
    assert table.n_missing == expected.n_missing == 0


@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_integer_tables_match_the_hashing_path(dtype: type) -> None:
    rng = np.random.default_rng(0)
    for values in value_sets(dtype):
        for p in (None, np.r_[0.9, np.full(len(values) - 1, 0.1 / (len(values) - 1))]):
            labels = rng.choice(np.array(values, dtype=dtype), size=501, p=p)
            series = pd.Series(labels, name="label")
            expected = hashed_table(series)
            assert_same_table(count_classes(series), expected)
            table, codes = encode_labels(series)
            assert_same_table(table, expected)
            assert codes.dtype == np.int8
            assert (table.classes.to_numpy()[codes] == labels).all()


def test_more_rows_than_one_block() -> None:
    # past CHUNK_ROWS the counts and codes are built block by block
    n = core_codes.CHUNK_ROWS + 12_345
    rng = np.random.default_rng(1)
    for classes in ([5, 9], [-2, 0, 1, 4, 8, 11]):
        labels = rng.choice(np.array(classes, dtype=np.int64), size=n)
        series = pd.Series(labels, name="y")
        expected = hashed_table(series)
        assert_same_table(count_classes(series), expected)
        table, codes = encode_labels(series)
        assert_same_table(table, expected)
        assert (table.classes.to_numpy()[codes] == labels).all()


def test_small_range_codes_declines_a_wide_range() -> None:
    assert core_codes.small_range_codes(np.array([0, 1 << 20])) is None
    assert core_codes.count_small_range_ints(np.array([0, 1 << 20])) is None
    assert core_codes.small_range_codes(np.array([2**64 - 1, 2**64 - 2], dtype=np.uint64)) is None


def test_counting_does_not_change_the_labels() -> None:
    labels = np.array([3, 1, 3, 3, 2], dtype=np.int64)
    series = pd.Series(labels.copy(), name="y")
    count_classes(series)
    encode_labels(series)
    assert series.to_numpy().tolist() == labels.tolist()
