"""Label validation: pandera schemas turned into our errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, snapshot

import pd_imbalance as pdi
from pd_imbalance._pandas.checks import check_class_sizes
from pd_imbalance._pandas.labels import count_classes
from pd_imbalance.errors import InsufficientSamplesError, InvalidTargetError

VERBS = {
    "report": lambda df: pdi.report(df, "y"),
    "undersample": lambda df: pdi.undersample(df, "y", random_state=0),
    "weights": lambda df: pdi.weights(df, "y"),
    "sample_weights": lambda df: pdi.sample_weights(df, "y"),
}


@pytest.fixture(params=sorted(VERBS))
def verb(request: pytest.FixtureRequest):
    return VERBS[request.param]


@pytest.mark.parametrize(
    "missing",
    [np.nan, None, pd.NA],
    ids=["nan", "none", "na"],
)
def test_missing_labels(verb, missing: object) -> None:
    y = pd.array(["a", "b", missing, "a", missing, "a"], dtype="object")
    df = pd.DataFrame({"x": range(6), "y": y}, index=list("pqrstu"))
    snap = snapshot(df)
    with pytest.raises(InvalidTargetError) as info:
        verb(df)
    msg = str(info.value)
    assert "'y'" in msg and "2 missing" in msg and "'r', 't'" in msg and "dropna" in msg
    cases = info.value.failure_cases
    assert isinstance(cases, pd.DataFrame) and sorted(cases["index"]) == ["r", "t"]
    assert_unchanged(df, snap)


@pytest.mark.parametrize("dtype", ["Int64", "boolean", "string", "category", "float64"])
def test_missing_labels_nullable_dtypes(dtype: str) -> None:
    values = {"Int64": [1, 0, None], "boolean": [True, False, None], "string": ["a", "b", None]}
    values["category"] = values["string"]
    values["float64"] = [1.0, 0.0, None]
    df = pd.DataFrame({"x": [1, 2, 3], "y": pd.array(values[dtype], dtype=dtype)})
    with pytest.raises(InvalidTargetError, match="1 missing"):
        pdi.weights(df, "y")


def test_single_class(verb) -> None:
    df = pd.DataFrame({"x": range(5), "y": ["only"] * 5})
    snap = snapshot(df)
    with pytest.raises(InvalidTargetError) as info:
        verb(df)
    msg = str(info.value)
    assert "1 class ('only': 5 rows)" in msg and "at least 2" in msg
    assert info.value.failure_cases is not None
    assert_unchanged(df, snap)


def test_continuous_float_labels_rejected(verb) -> None:
    df = pd.DataFrame({"x": range(6), "y": [0.1, 0.5, 0.5, 1.7, 2.0, 0.1]})
    with pytest.raises(InvalidTargetError) as info:
        verb(df)
    msg = str(info.value)
    assert "continuous" in msg and "0.1" in msg and "3 non-integral of 4" in msg
    assert "pd.cut" in msg


def test_integral_float_labels_accepted() -> None:
    df = pd.DataFrame({"x": range(4), "y": [1.0, 0.0, 0.0, 0.0]})
    assert pdi.weights(df, "y").to_dict() == {0.0: 4 / 6, 1.0: 2.0}
    out = pdi.undersample(df, "y", random_state=0)
    assert out["y"].dtype == np.float64 and sorted(out["y"]) == [0.0, 1.0]


def test_too_many_classes() -> None:
    df = pd.DataFrame({"y": np.arange(1001) % 1001})
    with pytest.raises(InvalidTargetError, match="1001 distinct values, more than 1000"):
        pdi.report(df, "y")
    ok = pd.DataFrame({"y": np.arange(2000) % 1000})
    assert pdi.report(ok, "y").n_classes == 1000


def test_mixed_type_labels(verb) -> None:
    df = pd.DataFrame({"y": pd.Series([1, "1", 1, "1"], dtype=object)})
    with pytest.raises(InvalidTargetError, match="mixes value types"):
        verb(df)


def test_unhashable_labels(verb) -> None:
    df = pd.DataFrame({"y": pd.Series([[1], [2], [1]], dtype=object)})
    with pytest.raises(InvalidTargetError, match="not usable as classes"):
        verb(df)


def test_check_class_sizes_names_class_count_and_fix() -> None:
    table = count_classes(pd.Series(["a"] * 10 + ["b"] * 3 + ["c"] * 2, name="y"))
    with pytest.raises(InsufficientSamplesError) as info:
        check_class_sizes(
            table,
            min_count=4,
            operation="smote",
            reason="k_neighbors=3 plus the row",
            fix="use a smaller k_neighbors.",
        )
    msg = str(info.value)
    assert "'b' (3 rows)" in msg and "'c' (2 rows)" in msg and "'a'" not in msg
    assert "at least 4" in msg and "smaller k_neighbors" in msg
    assert isinstance(info.value, InvalidTargetError)
    # a mask restricts the check to the classes an operation uses
    check_class_sizes(
        table,
        min_count=4,
        which=np.array([True, False, False]),
        operation="smote",
        reason="r",
        fix="f",
    )


def test_label_table_and_codes_agree_for_every_dtype(label_dtype: str) -> None:
    from conftest import binary_frame

    from pd_imbalance._pandas.labels import encode_labels

    df = binary_frame(label_dtype)
    table = count_classes(df["y"])
    table2, codes = encode_labels(df["y"])
    assert table.labels == table2.labels
    assert table.counts.tolist() == table2.counts.tolist()
    assert table.classes.dtype == df["y"].dtype
    assert np.array_equal(np.asarray(table2.classes)[codes], df["y"].to_numpy())


_INT_CASES = {
    "negative": [5, -3, 5, 7, -3],
    "wide-range": [0, 10**12, 0, 0],
    "int64-min": [int(np.iinfo(np.int64).min), 0, 0],
    "small": [200, 3, 3],
}
_INT_PARAMS = [
    pytest.param(values, dtype, id=f"{name}-{dtype}")
    for name, values in _INT_CASES.items()
    for dtype in ("int64", "int8", "uint16", "int32")
    if np.iinfo(dtype).min <= min(values) and max(values) <= np.iinfo(dtype).max
]


@pytest.mark.parametrize(("values", "dtype"), _INT_PARAMS)
def test_integer_label_fast_path_matches_factorize(values: list[int], dtype: str) -> None:
    from pd_imbalance._pandas.labels import encode_labels

    series = pd.Series(np.array(values, dtype=dtype), name="y")
    table, codes = encode_labels(series)
    expected = sorted(set(values))
    assert table.labels == expected
    assert table.classes.dtype == series.dtype
    assert [expected[c] for c in codes] == values
    assert table.counts.tolist() == [values.count(v) for v in expected]


@pytest.mark.parametrize(
    ("labels", "max_classes"),
    [
        (["a", "b", "b"], "auto"),
        (["a", "a"], "auto"),
        ([0.0, 1.0, 1.0], "auto"),
        ([0.5, 1.0, 1.0], "auto"),
        (list(range(1500)), "auto"),
        (list(range(1500)) * 2, "auto"),
        (list(range(30)), 20),
        (list(range(30)), None),
    ],
)
def test_the_fast_path_decides_like_the_pandera_schema(labels: list, max_classes: object) -> None:
    # check_labels skips pandera when every check passes: the same functions decide both
    import pandera.pandas as pa

    from pd_imbalance._pandas.checks import _label_schema, _table_checks, _table_frame

    table = count_classes(pd.Series(labels, name="y"))
    checks = _table_checks(table, max_classes)  # type: ignore[arg-type]
    fast = all(passes() for passes in checks.values())
    try:
        _label_schema(checks).validate(_table_frame(table), lazy=True)
        by_pandera = True
    except pa.errors.SchemaErrors:
        by_pandera = False
    assert fast == by_pandera
