"""A bad-input matrix over the public entry points.

Each case builds a small frame, calls one entry point (accessor method, functional verb,
scikit-learn sampler or the CLI) on a bad or unusual input, and checks that it either raises
our specific error with a message that names the column / class / count / parameter, or works
and gives the right result. After every case the input frame must be unchanged.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, make_frame, snapshot

import pd_imbalance as pdi
from pd_imbalance import cli
from pd_imbalance.sklearn import SMOTE, RandomUnderSampler

TNF = pdi.TargetNotFoundError
ITE = pdi.InvalidTargetError
ISE = pdi.InsufficientSamplesError
IFE = pdi.InvalidFeaturesError

Check = Callable[[Any, pd.DataFrame], None]


@dataclass
class Case:
    """One row of the matrix: a frame builder, a call, and what must happen."""

    frame: Callable[[], pd.DataFrame]
    call: Callable[[pd.DataFrame], Any]
    raises: type[BaseException] | tuple[type[BaseException], ...] | None = None
    # every entry must occur in the message; a tuple entry means "any one of these"
    match: list[str | tuple[str, ...]] = field(default_factory=list)
    check: Check | None = None
    # strings that must NOT occur in the message (e.g. internal column names)
    absent: list[str] = field(default_factory=list)


INTERNAL = "__pd_imbalance_target__"

# ---------------------------------------------------------------------------------------------
# frames


def base() -> pd.DataFrame:
    """Binary: 12 rows of class 0, 6 of class 1, with float/int/category/str features."""
    return make_frame([12, 6])


def three() -> pd.DataFrame:
    return make_frame([12, 8, 6])


def with_y(y: list[Any], dtype: str | None = None, **features: Any) -> Callable[[], pd.DataFrame]:
    def build() -> pd.DataFrame:
        n = len(y)
        rng = np.random.default_rng(1)
        cols: dict[str, Any] = {"x": rng.normal(size=n)}
        cols.update({name: f(n) if callable(f) else f for name, f in features.items()})
        cols["y"] = pd.array(y, dtype=dtype) if dtype else y
        return pd.DataFrame(cols)

    return build


def empty() -> pd.DataFrame:
    return make_frame([0, 0])


def only_target() -> pd.DataFrame:
    return pd.DataFrame({"y": [0] * 12 + [1] * 6})


def dup_features() -> pd.DataFrame:
    df = pd.DataFrame(np.random.default_rng(2).normal(size=(18, 2)), columns=pd.Index(["x", "x"]))
    df["y"] = [0] * 12 + [1] * 6
    return df


def dup_target() -> pd.DataFrame:
    df = pd.DataFrame({"x": np.arange(18.0), "a": [0] * 12 + [1] * 6, "b": [1] * 6 + [0] * 12})
    df.columns = pd.Index(["x", "y", "y"])
    return df


def multiindex_columns() -> pd.DataFrame:
    df = pd.DataFrame(
        {
            ("feat", "x"): np.arange(18.0),
            ("feat", "z"): np.arange(18.0) ** 2,
            ("lab", "y"): [0] * 12 + [1] * 6,
        }
    )
    assert isinstance(df.columns, pd.MultiIndex)
    return df


def int_columns() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame({0: rng.normal(size=18), 1: rng.normal(size=18), 2: [0] * 12 + [1] * 6})


def one_row_class() -> pd.DataFrame:
    return make_frame([12, 6, 1], [0, 1, 2])


def many_classes() -> pd.DataFrame:
    return pd.DataFrame({"x": np.arange(10_000.0), "y": np.arange(10_000)})


def minority_value(column: str, value: Any, dtype: Any = None) -> Callable[[], pd.DataFrame]:
    """The base frame with ``value`` put in ``column`` at one row of the minority class 1."""

    def build() -> pd.DataFrame:
        df = base()
        if dtype is not None:
            df[column] = df[column].astype(dtype)
        pos = int(np.flatnonzero(df["y"].to_numpy() == 1)[0])
        df.iloc[pos, df.columns.get_loc(column)] = value
        return df

    return build


def majority_nan() -> pd.DataFrame:
    df = base()
    pos = int(np.flatnonzero(df["y"].to_numpy() == 0)[0])
    df.iloc[pos, df.columns.get_loc("f_float")] = np.nan
    return df


def with_feature(name: str, make: Callable[[int], Any]) -> Callable[[], pd.DataFrame]:
    def build() -> pd.DataFrame:
        df = base()
        df.insert(0, name, make(len(df)))
        return df

    return build


def tz_dates(n: int) -> Any:
    return pd.date_range("2024-01-01", periods=n, freq="h", tz="Europe/Paris")


def timedeltas(n: int) -> Any:
    return pd.to_timedelta(np.arange(n), unit="min")


def periods(n: int) -> Any:
    return pd.period_range("2024-01", periods=n, freq="M")


def mixed_objects(n: int) -> Any:
    return pd.array([[1, "a", 2.5][i % 3] for i in range(n)], dtype=object)


def list_objects(n: int) -> Any:
    return pd.Series([[i, i + 1] for i in range(n)], dtype=object).array


def dict_objects(n: int) -> Any:
    return pd.Series([{"k": i} for i in range(n)], dtype=object).array


def with_index(index: Callable[[int], pd.Index]) -> Callable[[], pd.DataFrame]:
    def build() -> pd.DataFrame:
        df = base()
        df.index = index(len(df))
        return df

    return build


def dup_int_index(n: int) -> pd.Index:
    return pd.Index(np.arange(n) // 2)


def dup_str_index(n: int) -> pd.Index:
    return pd.Index([f"r{i // 3}" for i in range(n)])


def dt_index(n: int) -> pd.Index:
    return pd.date_range("2024-01-01", periods=n, freq="D")


def scored() -> pd.DataFrame:
    df = base()
    df["score"] = np.linspace(0.0, 1.0, len(df))
    return df


def scored_with(column: str, value: Any) -> Callable[[], pd.DataFrame]:
    def build() -> pd.DataFrame:
        df = scored()
        if column == "y":
            df["y"] = df["y"].astype("object")
        df.iloc[0, df.columns.get_loc(column)] = value
        return df

    return build


# ---------------------------------------------------------------------------------------------
# checks of results that must work


def value_counts(series: pd.Series) -> dict[Any, int]:
    return {k: int(v) for k, v in series.value_counts().items()}


def under_ok(counts: dict[Any, int], target: Any = "y") -> Check:
    def check(out: pd.DataFrame, df: pd.DataFrame) -> None:
        assert value_counts(out[target]) == counts
        assert list(out.columns) == list(df.columns)
        assert list(out.dtypes) == list(df.dtypes)
        # rows are distinct input rows (no replacement), in their input order
        positions = _positions(out, df)
        assert len(set(positions)) == len(out)
        assert positions == sorted(positions)
        assert out.attrs["pd_imbalance"]["target"] == target

    return check


def _positions(out: pd.DataFrame, df: pd.DataFrame) -> list[int]:
    """Row positions in df of the rows of out (matched by the whole row, not the index)."""
    rows = [tuple(r) for r in df.astype(object).itertuples(index=False)]
    found: list[int] = []
    for row, label in zip(out.astype(object).itertuples(index=False), out.index, strict=True):
        candidates = [i for i, r in enumerate(rows) if r == tuple(row) and df.index[i] == label]
        assert candidates, f"output row {label!r} is not an input row"
        free = [i for i in candidates if i not in found]
        found.append(free[0] if free else candidates[0])
    return found


def smote_ok(counts: dict[Any, int], target: Any = "y") -> Check:
    def check(out: pd.DataFrame, df: pd.DataFrame) -> None:
        assert value_counts(out[target]) == counts
        assert list(out.columns) == list(df.columns)
        assert list(out.dtypes) == list(df.dtypes)
        head = out.iloc[: len(df)]
        pd.testing.assert_frame_equal(head, df, check_exact=True, check_index_type=False)
        assert head.index.tolist() == df.index.tolist()
        new = out.index[len(df) :]
        assert not set(new) & set(df.index), "synthetic index labels collide with input labels"
        assert new.is_unique
        assert out.attrs["pd_imbalance"]["target"] == target

    return check


def weights_ok(counts: dict[Any, int]) -> Check:
    def check(out: pd.Series, df: pd.DataFrame) -> None:
        n, k = sum(counts.values()), len(counts)
        expected = {label: n / (k * c) for label, c in counts.items()}
        assert out.to_dict() == pytest.approx(expected)
        assert out.name == "weight"

    return check


def report_ok(counts: dict[Any, int]) -> Check:
    def check(rep: Any, df: pd.DataFrame) -> None:
        assert rep.n_rows == sum(counts.values())
        assert rep.n_classes == len(counts)
        assert rep.imbalance_ratio == pytest.approx(max(counts.values()) / min(counts.values()))

    return check


def split_ok(train_counts: dict[Any, int]) -> Check:
    def check(result: Any, df: pd.DataFrame) -> None:
        train, test = result
        original_train = train.iloc[: len(df) - len(test)]
        assert value_counts(train["y"]) == train_counts
        both = pd.concat([original_train, test])
        # the original rows are exactly the input rows, each once (compare by value)
        key = "f_float"
        assert sorted(both[key].tolist()) == sorted(df[key].tolist())
        assert set(train.index[len(original_train) :]).isdisjoint(df.index)
        assert len(set(_positions(test, df))) == len(test)  # input rows, each once

    return check


def sk_ok(n_rows: int, counts: dict[Any, int]) -> Check:
    def check(result: Any, df: pd.DataFrame) -> None:
        X_res, y_res = result
        assert len(X_res) == len(y_res) == n_rows
        assert value_counts(pd.Series(y_res)) == counts
        if isinstance(X_res, pd.DataFrame):
            assert X_res.index.equals(y_res.index)
            assert X_res.index[: len(df)].equals(df.index) or len(X_res) <= len(df)

    return check


def tz_ok(out: pd.DataFrame, df: pd.DataFrame) -> None:
    smote_ok({0: 12, 1: 12})(out, df)
    assert str(out["when"].dt.tz) == "Europe/Paris"
    synth = out.loc[out.index[len(df) :], "when"]
    minority = df.loc[df["y"] == 1, "when"]
    assert synth.between(minority.min(), minority.max()).all()


def td_ok(out: pd.DataFrame, df: pd.DataFrame) -> None:
    smote_ok({0: 12, 1: 12})(out, df)
    synth = out.loc[out.index[len(df) :], "dur"]
    minority = df.loc[df["y"] == 1, "dur"]
    assert synth.between(minority.min(), minority.max()).all()


def mixed_ok(out: pd.DataFrame, df: pd.DataFrame) -> None:
    smote_ok({0: 12, 1: 12})(out, df)
    synth = out["mixed"].iloc[len(df) :].tolist()
    allowed = df.loc[df["y"] == 1, "mixed"].tolist()
    assert all(any(v == a and type(v) is type(a) for a in allowed) for v in synth)


# ---------------------------------------------------------------------------------------------
# calls


def quiet(fn: Callable[[pd.DataFrame], Any]) -> Callable[[pd.DataFrame], Any]:
    """Run fn with ImbalanceWarning silenced (tiny test parts warn by design)."""

    def run(df: pd.DataFrame) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pdi.ImbalanceWarning)
            return fn(df)

    return run


def sk_under(**kw: Any) -> Callable[[pd.DataFrame], Any]:
    return lambda df: RandomUnderSampler(**kw).fit_resample(df.drop(columns="y"), df["y"])


def sk_smote(**kw: Any) -> Callable[[pd.DataFrame], Any]:
    return lambda df: SMOTE(**kw).fit_resample(df.drop(columns="y"), df["y"])


def split(**kw: Any) -> Callable[[pd.DataFrame], Any]:
    kw.setdefault("random_state", 0)
    return quiet(lambda df: pdi.split_then_resample(df, "y", **kw))


CASES: dict[str, Case] = {
    # --- empty frame -----------------------------------------------------------------------
    "empty-report-fn": Case(empty, lambda df: pdi.report(df, "y"), ITE, ["'y'"]),
    "empty-undersample-acc": Case(empty, lambda df: df.imbalance.undersample("y"), ITE, ["'y'"]),
    "empty-smote-sklearn": Case(empty, sk_smote(random_state=0), ITE),
    "empty-split-fn": Case(empty, split(), ITE, ["'y'"]),
    "empty-weights-acc": Case(empty, lambda df: df.imbalance.weights("y"), ITE, ["'y'"]),
    # --- only the target column -------------------------------------------------------------
    "only-target-report-fn": Case(
        only_target, lambda df: pdi.report(df, "y"), check=report_ok({0: 12, 1: 6})
    ),
    "only-target-weights-acc": Case(
        only_target, lambda df: df.imbalance.weights("y"), check=weights_ok({0: 12, 1: 6})
    ),
    "only-target-undersample-acc": Case(
        only_target,
        lambda df: df.imbalance.undersample("y", random_state=0),
        check=lambda out, df: (
            (value_counts(out["y"]) == {0: 6, 1: 6} and list(out.columns) == ["y"])
            or pytest.fail(f"bad result {value_counts(out['y'])}")
        ),
    ),
    "only-target-smote-fn": Case(
        only_target,
        lambda df: pdi.smote(df, "y", random_state=0),
        IFE,
        [("feature", "column")],
    ),
    # --- duplicate / MultiIndex / int column names ------------------------------------------
    "dup-feature-names-undersample-fn": Case(
        dup_features,
        lambda df: pdi.undersample(df, "y", random_state=0),
        check=under_ok({0: 6, 1: 6}),
    ),
    "dup-feature-names-smote-fn": Case(
        dup_features,
        lambda df: pdi.smote(df, "y", random_state=0),
        (IFE, ValueError),
        ["'x'", "duplicate"],
    ),
    "dup-target-name-report-fn": Case(
        dup_target, lambda df: pdi.report(df, "y"), (ITE, ValueError), ["'y'", "duplicate"]
    ),
    "dup-target-name-undersample-acc": Case(
        dup_target,
        lambda df: df.imbalance.undersample("y", random_state=0),
        (ITE, ValueError),
        ["'y'", "duplicate"],
    ),
    # target is a str: a tuple key of MultiIndex columns is a clear TypeError...
    "multiindex-cols-tuple-target-weights-fn": Case(
        multiindex_columns,
        lambda df: pdi.weights(df, ("lab", "y")),
        TypeError,
        ["target", "('lab', 'y')"],
    ),
    # ...and a top-level name that selects several columns must be a clear error too
    "multiindex-cols-toplevel-target-weights-fn": Case(
        multiindex_columns,
        lambda df: pdi.weights(df, "lab"),
        (TNF, TypeError, ValueError),
        ["'lab'"],
    ),
    "multiindex-cols-toplevel-target-undersample-acc": Case(
        multiindex_columns,
        lambda df: df.imbalance.undersample("lab", random_state=0),
        (TNF, TypeError, ValueError),
        ["'lab'"],
    ),
    "multiindex-cols-toplevel-target-smote-fn": Case(
        multiindex_columns,
        lambda df: pdi.smote(df, "lab", random_state=0),
        (TNF, TypeError, ValueError),
        ["'lab'"],
    ),
    "multiindex-cols-leaf-name-undersample-fn": Case(
        multiindex_columns, lambda df: pdi.undersample(df, "y"), TNF, ["'y'", "('lab', 'y')"]
    ),
    "int-colnames-smote-fn": Case(
        int_columns, lambda df: pdi.smote(df, 2, random_state=0), check=smote_ok({0: 12, 1: 12}, 2)
    ),
    "int-colnames-weights-acc": Case(
        int_columns, lambda df: df.imbalance.weights(2), check=weights_ok({0: 12, 1: 6})
    ),
    "int-colnames-missing-target-fn": Case(
        int_columns, lambda df: pdi.undersample(df, 7), TNF, ["7"]
    ),
    # --- target given as a list / missing -----------------------------------------------------
    "target-list-undersample-fn": Case(
        base, lambda df: pdi.undersample(df, ["y"]), (TNF, TypeError), ["target", "['y']"]
    ),
    "target-list-report-acc": Case(
        base, lambda df: df.imbalance.report(["y", "f_int"]), (TNF, TypeError), ["target"]
    ),
    "target-missing-smote-fn": Case(
        base, lambda df: pdi.smote(df, "label"), TNF, ["'label'", "f_float"]
    ),
    "target-unset-weights-acc": Case(base, lambda df: df.imbalance.weights(), TNF, ["set_target"]),
    # --- label values ----------------------------------------------------------------------------
    "labels-nan-weights-fn": Case(
        with_y([0.0] * 10 + [1.0] * 5 + [np.nan]),
        lambda df: pdi.weights(df, "y"),
        ITE,
        ["'y'", "1"],
    ),
    "labels-none-undersample-acc": Case(
        with_y(["a"] * 10 + ["b"] * 5 + [None]),
        lambda df: df.imbalance.undersample("y"),
        ITE,
        ["'y'"],
    ),
    "labels-pdNA-smote-fn": Case(
        with_y([0] * 10 + [1] * 7 + [None], dtype="Int64"),
        lambda df: pdi.smote(df, "y", k_neighbors=2),
        ITE,
        ["'y'"],
    ),
    "labels-pdNA-undersample-fn": Case(
        with_y([0] * 10 + [1] * 7 + [None], dtype="Int64"),
        lambda df: pdi.undersample(df, "y"),
        ITE,
        ["'y'", "missing"],
    ),
    "labels-pdNA-sample-weights-acc": Case(
        with_y([0] * 10 + [1] * 7 + [None], dtype="Int64"),
        lambda df: df.imbalance.sample_weights("y"),
        ITE,
        ["'y'", "missing"],
    ),
    "labels-none-sklearn-under": Case(
        with_y(["a"] * 10 + ["b"] * 5 + [None]),
        sk_under(random_state=0),
        ITE,
        ["missing"],
        absent=[INTERNAL],
    ),
    # 1 and "1" are rejected with a clear message (a CSV round trip would merge them)
    "labels-mixed-1-and-str1-weights-fn": Case(
        with_y([1] * 10 + ["1"] * 5 + [0] * 5),
        lambda df: pdi.weights(df, "y"),
        ITE,
        ["'y'", "mixes value types"],
    ),
    "labels-mixed-1-and-str1-undersample-sklearn": Case(
        with_y([1] * 10 + ["1"] * 5), sk_under(random_state=0), ITE, ["mixes value types"]
    ),
    "labels-unhashable-report-fn": Case(
        with_y([[0]] * 10 + [[1]] * 5), lambda df: pdi.report(df, "y"), ITE, ["'y'"]
    ),
    "labels-unhashable-undersample-acc": Case(
        with_y([[0]] * 10 + [[1]] * 5), lambda df: df.imbalance.undersample("y"), ITE, ["'y'"]
    ),
    "labels-integral-floats-undersample-fn": Case(
        with_y([0.0] * 10 + [1.0] * 5),
        lambda df: pdi.undersample(df, "y", random_state=0),
        check=lambda out, df: (
            (value_counts(out["y"]) == {0.0: 5, 1.0: 5} and out["y"].dtype == np.float64)
            or pytest.fail(f"bad result {out['y'].tolist()}")
        ),
    ),
    "labels-integral-floats-smote-acc": Case(
        with_y([0.0] * 10 + [1.0] * 6),
        lambda df: df.imbalance.smote("y", random_state=0),
        check=smote_ok({0.0: 10, 1.0: 10}),
    ),
    "labels-continuous-weights-acc": Case(
        with_y([0.5] * 10 + [1.25] * 5), lambda df: df.imbalance.weights("y"), ITE, ["'y'"]
    ),
    "labels-continuous-sklearn-smote": Case(
        with_y(list(np.linspace(0, 1, 20))), sk_smote(random_state=0), ITE, ["discrete"]
    ),
    "labels-single-class-report-fn": Case(
        with_y([0] * 10), lambda df: pdi.report(df, "y"), ITE, ["'y'", "0"]
    ),
    "labels-10000-classes-weights-fn": Case(
        many_classes, lambda df: pdi.weights(df, "y"), ITE, [("10000", "10,000"), "1000"]
    ),
    "labels-10000-classes-undersample-acc": Case(
        many_classes,
        lambda df: df.imbalance.undersample("y"),
        ITE,
        [("10000", "10,000"), "'y'"],
    ),
    # --- a class of one row ----------------------------------------------------------------------
    "one-row-class-split-fn": Case(one_row_class, split(method="none"), ISE, ["2", "1 row"]),
    "one-row-class-smote-fn": Case(
        one_row_class, lambda df: pdi.smote(df, "y", random_state=0), ISE, ["2", "k_neighbors"]
    ),
    "one-row-class-undersample-acc": Case(
        one_row_class,
        lambda df: df.imbalance.undersample("y", random_state=0),
        check=under_ok({0: 1, 1: 1, 2: 1}),
    ),
    "one-row-class-cv-splits-acc": Case(
        one_row_class,
        lambda df: list(df.imbalance.cv_splits("y", n_splits=2, method="none")),
        ISE,
        ["2", "1"],
    ),
    "one-row-class-sklearn-smote": Case(
        one_row_class, sk_smote(random_state=0), ISE, ["k_neighbors=5"], absent=[INTERNAL]
    ),
    # --- feature values / types ----------------------------------------------------------------
    "feature-inf-minority-smote-fn": Case(
        minority_value("f_float", np.inf),
        lambda df: pdi.smote(df, "y", random_state=0),
        IFE,
        ["f_float", "1"],
    ),
    "feature-nan-minority-smote-acc": Case(
        minority_value("f_float", np.nan),
        lambda df: df.imbalance.smote("y", random_state=0),
        IFE,
        ["f_float", "1"],
    ),
    "feature-nan-int-minority-smote-fn": Case(
        minority_value("f_int", pd.NA, "Int64"),
        lambda df: pdi.smote(df, "y", random_state=0),
        IFE,
        ["f_int"],
    ),
    "feature-nan-majority-smote-fn": Case(
        majority_nan, lambda df: pdi.smote(df, "y", random_state=0), check=smote_ok({0: 12, 1: 12})
    ),
    "feature-inf-undersample-fn": Case(
        minority_value("f_float", np.inf),
        lambda df: pdi.undersample(df, "y", random_state=0),
        check=under_ok({0: 6, 1: 6}),
    ),
    "feature-tz-datetime-smote-fn": Case(
        with_feature("when", tz_dates), lambda df: pdi.smote(df, "y", random_state=0), check=tz_ok
    ),
    "feature-timedelta-smote-acc": Case(
        with_feature("dur", timedeltas),
        lambda df: df.imbalance.smote("y", random_state=0),
        check=td_ok,
    ),
    "feature-period-smote-fn": Case(
        with_feature("month", periods),
        lambda df: pdi.smote(df, "y", random_state=0),
        IFE,
        ["month"],
    ),
    "feature-period-sklearn-smote": Case(
        with_feature("month", periods), sk_smote(random_state=0), IFE, ["month"]
    ),
    "feature-mixed-object-smote-fn": Case(
        with_feature("mixed", mixed_objects),
        lambda df: pdi.smote(df, "y", random_state=0),
        check=mixed_ok,
    ),
    "feature-lists-smote-fn": Case(
        with_feature("bag", list_objects),
        lambda df: pdi.smote(df, "y", random_state=0),
        IFE,
        ["bag"],
    ),
    "feature-dicts-smote-acc": Case(
        with_feature("meta", dict_objects),
        lambda df: df.imbalance.smote("y", random_state=0),
        IFE,
        ["meta"],
    ),
    # --- k_neighbors ----------------------------------------------------------------------------
    "k-equals-class-size-smote-fn": Case(
        base, lambda df: pdi.smote(df, "y", k_neighbors=6), ISE, ["k_neighbors=6", "6"]
    ),
    "k-above-class-size-sklearn-smote": Case(
        base, sk_smote(k_neighbors=10, random_state=0), ISE, ["k_neighbors=10"]
    ),
    "k-zero-smote-acc": Case(
        base, lambda df: df.imbalance.smote("y", k_neighbors=0), ValueError, ["k_neighbors", "0"]
    ),
    "k-float-smote-fn": Case(
        base, lambda df: pdi.smote(df, "y", k_neighbors=2.0), TypeError, ["k_neighbors"]
    ),
    "k-zero-report-fn": Case(
        base, lambda df: pdi.report(df, "y", k_neighbors=0), ValueError, ["k_neighbors"]
    ),
    # --- sampling_strategy ------------------------------------------------------------------
    "strategy-unknown-string-undersample-fn": Case(
        base,
        lambda df: pdi.undersample(df, "y", sampling_strategy="bogus"),
        ValueError,
        ["sampling_strategy", "bogus"],
    ),
    "strategy-unknown-string-sklearn-under": Case(
        base, sk_under(sampling_strategy="most"), ValueError, ["sampling_strategy", "most"]
    ),
    "strategy-float-multiclass-smote-fn": Case(
        three,
        lambda df: pdi.smote(df, "y", sampling_strategy=0.5),
        ValueError,
        ["sampling_strategy", "binary"],
    ),
    "strategy-float-above-1-undersample-acc": Case(
        base,
        lambda df: df.imbalance.undersample("y", sampling_strategy=1.5),
        ValueError,
        ["sampling_strategy", "1.5"],
    ),
    "strategy-float-zero-smote-fn": Case(
        base,
        lambda df: pdi.smote(df, "y", sampling_strategy=0.0),
        ValueError,
        ["sampling_strategy"],
    ),
    "strategy-float-negative-undersample-fn": Case(
        base,
        lambda df: pdi.undersample(df, "y", sampling_strategy=-0.3),
        ValueError,
        ["sampling_strategy", "-0.3"],
    ),
    "strategy-float-nan-undersample-fn": Case(
        base,
        lambda df: pdi.undersample(df, "y", sampling_strategy=float("nan")),
        ValueError,
        ["sampling_strategy"],
    ),
    "strategy-dict-unknown-class-undersample-fn": Case(
        base,
        lambda df: pdi.undersample(df, "y", sampling_strategy={0: 3, 7: 2}),
        ValueError,
        ["7"],
    ),
    "strategy-dict-unknown-class-smote-acc": Case(
        base,
        lambda df: df.imbalance.smote("y", sampling_strategy={"1": 10}),
        ValueError,
        ["'1'"],
    ),
    "strategy-dict-impossible-under-fn": Case(
        base,
        lambda df: pdi.undersample(df, "y", sampling_strategy={0: 50}),
        ValueError,
        ["50", "12"],
    ),
    "strategy-dict-shrink-smote-fn": Case(
        base,
        lambda df: pdi.smote(df, "y", sampling_strategy={1: 3}),
        ValueError,
        ["3", "6"],
    ),
    "strategy-dict-negative-undersample-acc": Case(
        base,
        lambda df: df.imbalance.undersample("y", sampling_strategy={0: -1}),
        ValueError,
        ["-1"],
    ),
    "strategy-dict-float-value-undersample-fn": Case(
        base,
        lambda df: pdi.undersample(df, "y", sampling_strategy={0: 2.5}),
        (TypeError, ValueError),
        ["2.5"],
    ),
    "strategy-dict-str-value-smote-fn": Case(
        base,
        lambda df: pdi.smote(df, "y", sampling_strategy={1: "10"}),
        (TypeError, ValueError),
        ["'10'"],
    ),
    "strategy-callable-returns-list-undersample-fn": Case(
        base,
        lambda df: pdi.undersample(df, "y", sampling_strategy=lambda y: [3, 3]),
        TypeError,
        ["dict"],
    ),
    "strategy-callable-returns-none-sklearn-smote": Case(
        base, sk_smote(sampling_strategy=lambda y: None), TypeError, ["dict"]
    ),
    "strategy-none-undersample-fn": Case(
        base,
        lambda df: pdi.undersample(df, "y", sampling_strategy=None),
        (TypeError, ValueError),
        ["sampling_strategy"],
    ),
    # --- random_state --------------------------------------------------------------------------
    "seed-float-undersample-fn": Case(
        base, lambda df: pdi.undersample(df, "y", random_state=1.5), TypeError, ["random_state"]
    ),
    "seed-str-smote-acc": Case(
        base, lambda df: df.imbalance.smote("y", random_state="42"), TypeError, ["random_state"]
    ),
    "seed-list-split-fn": Case(base, split(random_state=[1, 2]), TypeError, ["random_state"]),
    "seed-negative-undersample-acc": Case(
        base,
        lambda df: df.imbalance.undersample("y", random_state=-1),
        ValueError,
        ["random_state", "-1"],
    ),
    "seed-negative-sklearn-smote": Case(
        base, sk_smote(random_state=-5), ValueError, ["random_state"]
    ),
    "seed-bool-cv-splits-fn": Case(
        base, lambda df: pdi.cv_splits(df, "y", random_state=True), TypeError, ["random_state"]
    ),
    # --- test_size -------------------------------------------------------------------------------
    "test-size-zero-split-fn": Case(base, split(test_size=0), ValueError, ["test_size"]),
    "test-size-one-float-split-acc": Case(
        base,
        quiet(lambda df: df.imbalance.split_then_resample("y", test_size=1.0)),
        ValueError,
        ["test_size"],
    ),
    "test-size-negative-split-fn": Case(base, split(test_size=-0.2), ValueError, ["test_size"]),
    "test-size-larger-than-frame-split-fn": Case(
        base, split(test_size=1000), ValueError, ["test_size=1000", "17"]
    ),
    "test-size-str-split-fn": Case(base, split(test_size="0.2"), TypeError, ["test_size"]),
    "split-method-unknown-fn": Case(base, split(method="oversampler"), ValueError, ["method"]),
    # --- indexes -------------------------------------------------------------------------------
    "dup-index-undersample-fn": Case(
        with_index(dup_int_index),
        lambda df: pdi.undersample(df, "y", random_state=0),
        check=under_ok({0: 6, 1: 6}),
    ),
    "dup-index-smote-acc": Case(
        with_index(dup_int_index),
        lambda df: df.imbalance.smote("y", random_state=0),
        check=smote_ok({0: 12, 1: 12}),
    ),
    "dup-index-split-fn": Case(
        with_index(dup_int_index),
        split(method="smote", k_neighbors=2),
        check=split_ok({0: 9, 1: 9}),
    ),
    "dup-index-sklearn-smote": Case(
        with_index(dup_int_index), sk_smote(random_state=0), check=sk_ok(24, {0: 12, 1: 12})
    ),
    "dup-index-sklearn-under": Case(
        with_index(dup_int_index), sk_under(random_state=0), check=sk_ok(12, {0: 6, 1: 6})
    ),
    "dup-str-index-smote-fn": Case(
        with_index(dup_str_index),
        lambda df: pdi.smote(df, "y", random_state=0),
        check=smote_ok({0: 12, 1: 12}),
    ),
    "dup-str-index-undersample-acc": Case(
        with_index(dup_str_index),
        lambda df: df.imbalance.undersample("y", random_state=0),
        check=under_ok({0: 6, 1: 6}),
    ),
    "datetime-index-smote-fn": Case(
        with_index(dt_index),
        lambda df: pdi.smote(df, "y", random_state=0),
        check=smote_ok({0: 12, 1: 12}),
    ),
    "datetime-index-undersample-fn": Case(
        with_index(dt_index),
        lambda df: pdi.undersample(df, "y", random_state=0),
        check=lambda out, df: (
            (under_ok({0: 6, 1: 6})(out, df) or isinstance(out.index, pd.DatetimeIndex))
            or pytest.fail(f"index type changed to {type(out.index).__name__}")
        ),
    ),
    "datetime-index-split-acc": Case(
        with_index(dt_index),
        quiet(lambda df: df.imbalance.split_then_resample("y", k_neighbors=2, random_state=0)),
        check=split_ok({0: 9, 1: 9}),
    ),
    # --- tune_threshold ----------------------------------------------------------------------
    "threshold-scores-missing-fn": Case(
        scored, lambda df: pdi.tune_threshold(df, "y", scores="proba"), TNF, ["'proba'"]
    ),
    "threshold-labels-none-acc": Case(
        scored_with("y", None),
        lambda df: df.imbalance.tune_threshold("y", scores="score"),
        ITE,
        ["'y'"],
    ),
    "threshold-scores-inf-fn": Case(
        scored_with("score", np.inf),
        lambda df: pdi.tune_threshold(df, "y", scores="score"),
        IFE,
        ["'score'"],
    ),
    "threshold-multiclass-fn": Case(
        lambda: make_frame([10, 6, 4]).assign(score=np.linspace(0, 1, 20)),
        lambda df: pdi.tune_threshold(df, "y", scores="score"),
        ValueError,
        ["binary"],
    ),
}


# ---------------------------------------------------------------------------------------------
# the resampler family (issue 13): oversample / undersample(nearmiss) / clean / resample


def numeric(n0: int = 30, n1: int = 4, far: bool = False) -> Callable[[], pd.DataFrame]:
    """Two float features; class 1 has n1 rows (far away from class 0 when ``far``)."""

    def build() -> pd.DataFrame:
        rng = np.random.default_rng(7)
        f = rng.normal(size=n0 + n1)
        if far:
            f[n0:] += 100
        return pd.DataFrame({"f": f, "g": rng.normal(size=n0 + n1), "y": [0] * n0 + [1] * n1})

    return build


def noise_minority() -> pd.DataFrame:
    """Every minority row sits between majority rows (all of its neighbours disagree)."""
    return pd.DataFrame(
        {"f": np.r_[np.arange(30.0), np.arange(6) * 5 + 0.5], "y": [0] * 30 + [1] * 6}
    )


def warned(fn: Callable[[pd.DataFrame], Any], match: str) -> Callable[[pd.DataFrame], Any]:
    """Run fn, require exactly one ImbalanceWarning containing ``match``; return fn's result."""

    def run(df: pd.DataFrame) -> Any:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = fn(df)
        messages = [str(w.message) for w in caught if issubclass(w.category, pdi.ImbalanceWarning)]
        assert len(messages) == 1 and match in messages[0], messages
        return out

    return run


def unchanged_ok(out: Any, df: pd.DataFrame) -> None:
    """A documented no-op: the input comes back, counts after == counts before."""
    pd.testing.assert_frame_equal(out, df)
    record = out.attrs["pd_imbalance"]
    assert record["counts_after"] == record["counts_before"]


class Search:
    """A NearestNeighbors-like object whose kneighbors returns what ``answer`` makes."""

    def __init__(self, answer: Callable[[np.ndarray, int], Any], n_neighbors: int = 3) -> None:
        self.answer = answer
        self.n_neighbors = n_neighbors

    def fit(self, X: np.ndarray, y: Any = None) -> Search:
        self.n_fit_ = len(X)
        return self

    def kneighbors(
        self, X: np.ndarray, n_neighbors: int | None = None, return_distance: bool = True
    ) -> Any:
        result = self.answer(X, n_neighbors or self.n_neighbors)
        return result if return_distance or not isinstance(result, tuple) else result[1]


def _one_column(X: np.ndarray, k: int) -> Any:  # fewer neighbours than asked for
    return np.zeros((len(X), 1)), np.zeros((len(X), 1), dtype=int)


def _out_of_range(X: np.ndarray, k: int) -> Any:
    return np.zeros((len(X), k)), np.full((len(X), k), 10**6)


def _none(X: np.ndarray, k: int) -> Any:
    return None


def _float_indices(X: np.ndarray, k: int) -> Any:
    return np.zeros((len(X), k)), np.full((len(X), k), 0.5)


def _short_distances(X: np.ndarray, k: int) -> Any:
    return np.zeros((len(X), 1)), np.tile(np.arange(k), (len(X), 1))


NEIGHBOUR_CALLS: dict[str, Callable[[Any], Callable[[pd.DataFrame], Any]]] = {
    "smote": lambda s: lambda df: pdi.oversample(df, "y", method="smote", k_neighbors=s),
    "adasyn": lambda s: lambda df: pdi.oversample(df, "y", method="adasyn", k_neighbors=s),
    "borderline-1": lambda s: (
        lambda df: pdi.oversample(df, "y", method="borderline-1", k_neighbors=2, m_neighbors=s)
    ),
    "nearmiss-1": lambda s: lambda df: pdi.undersample(df, "y", method="nearmiss-1", n_neighbors=s),
    "tomek": lambda s: lambda df: pdi.clean(df, "y", method="tomek", n_neighbors=s),
    "enn": lambda s: lambda df: pdi.clean(df, "y", method="enn", n_neighbors=s),
    "oss": lambda s: lambda df: pdi.clean(df, "y", method="oss", n_neighbors=s),
}
GARBAGE: dict[str, tuple[Callable[[np.ndarray, int], Any], list[str | tuple[str, ...]]]] = {
    "one-column": (_one_column, ["Search", "returned 1 neighbours per row", "asked for"]),
    "out-of-range": (_out_of_range, ["Search", "neighbour indices", "expected integers in [0,"]),
    "none": (_none, ["Search", ("returned NoneType", "shape ()")]),
    "float-indices": (_float_indices, ["Search", "dtype float64", "expected integers"]),
}


def _mutating_step(frame: pd.DataFrame) -> pd.DataFrame:
    frame.loc[frame.index[0], "f"] = 0.0
    return frame


RESAMPLER_CASES: dict[str, Case] = {
    # too few rows of a class for k / n_neighbors
    "few-rows-smote-over-fn": Case(
        numeric(),
        lambda df: pdi.oversample(df, "y", method="smote"),
        ISE,
        ["k_neighbors=5", "1 (4 rows)", "method='random'"],
    ),
    "few-rows-borderline-1-fn": Case(
        numeric(),
        lambda df: pdi.oversample(df, "y", method="borderline-1"),
        ISE,
        ['oversample(method="borderline-1")', "k_neighbors=5", "1 (4 rows)"],
    ),
    "few-rows-adasyn-acc": Case(
        numeric(),
        lambda df: df.imbalance.oversample("y", method="adasyn"),
        ISE,
        ['oversample(method="adasyn")', "k_neighbors=5", "1 (4 rows)"],
    ),
    "few-rows-borderline-m-fn": Case(
        numeric(),
        lambda df: pdi.oversample(df, "y", method="borderline-1", k_neighbors=2, m_neighbors=40),
        ISE,
        ["m_neighbors=40", "34 rows"],
    ),
    "few-rows-borderline-m-object-fn": Case(
        numeric(),
        lambda df: pdi.oversample(
            df,
            "y",
            method="borderline-1",
            k_neighbors=2,
            m_neighbors=__import__("sklearn.neighbors", fromlist=["x"]).NearestNeighbors(
                n_neighbors=50
            ),
        ),
        ISE,
        ["more than 49 rows", "NearestNeighbors(n_neighbors=50)", "34 rows"],
    ),
    "few-rows-nearmiss-2-fn": Case(
        numeric(),
        lambda df: pdi.undersample(df, "y", method="nearmiss-2", n_neighbors=5),
        ISE,
        ["nearmiss-2", "n_neighbors=5", "it has 4", "n_neighbors=4 or fewer"],
    ),
    "few-rows-enn-fn": Case(
        numeric(),
        lambda df: pdi.clean(df, "y", method="enn", n_neighbors=40),
        ISE,
        ["enn", "40", "34 rows", "at most 33"],
    ),
    "few-rows-oss-acc": Case(
        numeric(),
        lambda df: df.imbalance.clean("y", method="oss", n_neighbors=40),
        ISE,
        ["oss", "n_neighbors=40", "5 rows"],
    ),
    "few-rows-smote-sklearn-borderline": Case(
        numeric(),
        lambda df: (
            __import__("pd_imbalance.sklearn", fromlist=["x"])
            .BorderlineSMOTE()
            .fit_resample(df.drop(columns="y"), df["y"])
        ),
        ISE,
        ["k_neighbors=5", "4 rows"],
    ),
    # a cleaning that would remove every row of a class
    "clean-empties-class-enn-fn": Case(
        noise_minority,
        lambda df: pdi.clean(df, "y", method="enn", sampling_strategy="all"),
        ISE,
        ["would remove all", "class 1", "never drops a class"],
    ),
    "clean-empties-class-allknn-fn": Case(
        noise_minority,
        lambda df: pdi.clean(df, "y", method="allknn", sampling_strategy="all"),
        ISE,
        ["would remove all 6", "class 1", "round 1", "kind_sel='mode'"],
    ),
    "clean-empties-class-tomek-acc": Case(
        noise_minority,
        lambda df: df.imbalance.clean("y", method="tomek", sampling_strategy="all"),
        ISE,
        ["would remove all 6", "class 1", "sampling_strategy"],
    ),
    # unknown method names list the valid ones
    "method-unknown-oversample-fn": Case(
        base,
        lambda df: pdi.oversample(df, "y", method="smoteenn"),
        ValueError,
        ["'smoteenn'", "'random', 'smote', 'borderline-1', 'borderline-2', 'adasyn'"],
    ),
    "method-unknown-undersample-acc": Case(
        base,
        lambda df: df.imbalance.undersample("y", method="nearmiss"),
        ValueError,
        ["'nearmiss'", "'nearmiss-1', 'nearmiss-2', 'nearmiss-3'"],
    ),
    "method-unknown-clean-fn": Case(
        base,
        lambda df: pdi.clean(df, "y", method="tomeklinks"),
        ValueError,
        ["'tomeklinks'", "'tomek', 'enn', 'renn', 'allknn', 'ncr', 'oss'"],
    ),
    "method-unknown-resample-step-fn": Case(
        base,
        lambda df: pdi.resample(df, "y", steps=["smote", "tomek2"]),
        ValueError,
        ["step 2", "'tomek2'", "'oss'"],
    ),
    "method-unknown-split-sequence-fn": Case(
        base,
        split(method=("smote", "tomekk")),
        ValueError,
        ["'tomekk'", "'tomek'"],
    ),
    # shrinkage
    "shrinkage-negative-fn": Case(
        base,
        lambda df: pdi.oversample(df, "y", shrinkage=-1),
        ValueError,
        ["shrinkage=-1", ">= 0"],
    ),
    "shrinkage-negative-class-acc": Case(
        base,
        lambda df: df.imbalance.oversample("y", shrinkage={1: -0.5}),
        ValueError,
        ["shrinkage[1]=-0.5", ">= 0"],
    ),
    "shrinkage-unknown-class-fn": Case(
        base,
        lambda df: pdi.oversample(df, "y", shrinkage={5: 1.0}),
        ValueError,
        ["class 5", "[0, 1]"],
    ),
    "shrinkage-with-smote-fn": Case(
        base,
        lambda df: pdi.oversample(df, "y", method="smote", shrinkage=1.0),
        TypeError,
        ["method='random' only", "method='smote'"],
    ),
    # Borderline / ADASYN with nothing to work from: warn and return the input (documented)
    "borderline-1-no-danger-safe-fn": Case(
        numeric(30, 6, far=True),
        warned(
            lambda df: pdi.oversample(
                df, "y", method="borderline-1", k_neighbors=3, m_neighbors=3, random_state=0
            ),
            "6 are safe",
        ),
        check=unchanged_ok,
    ),
    "borderline-2-no-danger-noise-fn": Case(
        noise_minority,
        warned(
            lambda df: pdi.oversample(
                df, "y", method="borderline-2", k_neighbors=3, m_neighbors=3, random_state=0
            ),
            "6 are noise",
        ),
        check=unchanged_ok,
    ),
    "adasyn-no-other-class-fn": Case(
        numeric(30, 6, far=True),
        warned(
            lambda df: pdi.oversample(df, "y", method="adasyn", k_neighbors=3, random_state=0),
            "no row of class 1",
        ),
        check=unchanged_ok,
    ),
    # callable steps that break the contract
    "step-drops-target-fn": Case(
        base,
        lambda df: pdi.resample(df, "y", steps=[lambda f: f.drop(columns="y")]),
        ValueError,
        ["step 1", "without the target column 'y'"],
    ),
    "step-new-column-fn": Case(
        base,
        lambda df: pdi.resample(df, "y", steps=[lambda f: f.assign(z=1)]),
        ValueError,
        ["step 1", "new columns: ['z']"],
    ),
    "step-invents-class-fn": Case(
        base,
        lambda df: pdi.resample(
            df, "y", steps=[lambda f: f.assign(y=f["y"].where(f["y"] != 1, 7))]
        ),
        ValueError,
        ["class(es) [7]", "its classes: [0, 1]"],
    ),
    "step-returns-empty-frame-fn": Case(
        base,
        lambda df: pdi.resample(df, "y", steps=[lambda f: f.iloc[:0]]),
        check=lambda out, df: (
            None
            if len(out) == 0
            and out.attrs["pd_imbalance"]["counts_after"] == {0: 0, 1: 0}
            and out.dtypes.equals(df.dtypes)
            else pytest.fail(f"{out.attrs}")
        ),
    ),
    "step-mutates-input-fn": Case(
        numeric(),
        lambda df: pdi.resample(df, "y", steps=[_mutating_step]),
        ValueError,
        ["step 1 (_mutating_step)", "changed the frame it was given", "copy()"],
    ),
    "step-returns-array-split-fn": Case(
        base,
        split(method=lambda f: f.to_numpy()),
        TypeError,
        ["must return a pandas DataFrame", "ndarray"],
    ),
    # a chain names the step that cannot run (smote grows class 1; the NaN in class 0 stops tomek)
    "chain-step-error-names-step-fn": Case(
        lambda: numeric(30, 8)().assign(f=lambda d: d["f"].mask(d.index == 3)),
        lambda df: pdi.resample(df, "y", steps=["smote", "tomek"], random_state=0),
        IFE,
        ["step 2 of 2 (tomek)", "'f' (1 missing)"],
    ),
    "nn-object-zero-nearmiss-fn": Case(
        numeric(),
        lambda df: pdi.undersample(
            df,
            "y",
            method="nearmiss-1",
            n_neighbors=__import__("sklearn.neighbors", fromlist=["x"]).NearestNeighbors(
                n_neighbors=0
            ),
        ),
        ValueError,
        ["n_neighbors=0", "at least 1."],
        absent=["the row itself"],  # NearMiss searches across classes: no self to drop
    ),
    # neighbour objects: too small, or kneighbors returning garbage
    "nn-object-too-small-enn-fn": Case(
        numeric(),
        lambda df: pdi.clean(
            df,
            "y",
            method="enn",
            n_neighbors=__import__("sklearn.neighbors", fromlist=["x"]).NearestNeighbors(
                n_neighbors=1
            ),
        ),
        ValueError,
        ["n_neighbors=1", "at least 2"],
    ),
    "nn-object-too-small-smote-over-fn": Case(
        numeric(),
        lambda df: pdi.oversample(
            df,
            "y",
            method="smote",
            k_neighbors=__import__("sklearn.neighbors", fromlist=["x"]).NearestNeighbors(
                n_neighbors=1
            ),
        ),
        ValueError,
        ["k_neighbors", "n_neighbors=1", "at least 2"],
    ),
}
for _method, _make in NEIGHBOUR_CALLS.items():
    for _kind, (_answer, _match) in GARBAGE.items():
        RESAMPLER_CASES[f"nn-garbage-{_kind}-{_method}-fn"] = Case(
            numeric(), _make(Search(_answer)), ValueError, _match
        )
RESAMPLER_CASES["nn-garbage-distance-shape-nearmiss-1-fn"] = Case(
    numeric(),
    NEIGHBOUR_CALLS["nearmiss-1"](Search(_short_distances)),
    ValueError,
    ["distances of shape", "must match"],
)
CASES.update(RESAMPLER_CASES)


def _message_has(message: str, match: list[str | tuple[str, ...]]) -> None:
    for wanted in match:
        options = wanted if isinstance(wanted, tuple) else (wanted,)
        assert any(o in message for o in options), f"{options} not in message: {message!r}"


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str) -> None:
    case = CASES[name]
    df = case.frame()
    snap = snapshot(df)
    try:
        if case.raises is not None:
            with pytest.raises(case.raises) as info:
                case.call(df)
            _message_has(str(info.value), case.match)
            for leaked in case.absent:
                assert leaked not in str(info.value), f"message leaks {leaked!r}: {info.value}"
        else:
            assert case.check is not None
            case.check(case.call(df), df)
    finally:
        assert_unchanged(df, snap)


# ---------------------------------------------------------------------------------------------
# the CLI: exit status 1 and a single stderr line naming the problem


@dataclass
class CliCase:
    frame: Callable[[], pd.DataFrame]
    args: list[str]  # "{in}", "{out}", "{train}", "{test}" are replaced by paths
    match: list[str | tuple[str, ...]]


CLI_CASES: dict[str, CliCase] = {
    "cli-report-missing-target": CliCase(base, ["report", "{in}", "--target", "nope"], ["nope"]),
    "cli-report-empty-file": CliCase(empty, ["report", "{in}", "--target", "y"], ["y"]),
    "cli-report-single-class": CliCase(
        with_y([0] * 10), ["report", "{in}", "--target", "y"], ["'y'"]
    ),
    "cli-report-10000-classes": CliCase(
        many_classes, ["report", "{in}", "--target", "y"], [("10000", "10,000")]
    ),
    "cli-undersample-nan-labels": CliCase(
        with_y(["a"] * 10 + ["b"] * 5 + [None]),
        ["undersample", "{in}", "--target", "y", "-o", "{out}"],
        ["'y'"],
    ),
    "cli-smote-one-row-class": CliCase(
        one_row_class, ["smote", "{in}", "--target", "y", "-o", "{out}"], ["k_neighbors"]
    ),
    "cli-smote-k-zero": CliCase(
        base,
        ["smote", "{in}", "--target", "y", "-o", "{out}", "--k-neighbors", "0"],
        ["k_neighbors"],
    ),
    "cli-smote-inf-feature": CliCase(
        minority_value("f_float", np.inf),
        ["smote", "{in}", "--target", "y", "-o", "{out}"],
        ["f_float"],
    ),
    "cli-split-test-size-zero": CliCase(
        base,
        [
            "split",
            "{in}",
            "--target",
            "y",
            "--train-out",
            "{train}",
            "--test-out",
            "{test}",
            "--test-size",
            "0",
        ],
        ["test_size"],
    ),
    "cli-split-one-row-class": CliCase(
        one_row_class,
        [
            "split",
            "{in}",
            "--target",
            "y",
            "--train-out",
            "{train}",
            "--test-out",
            "{test}",
            "--method",
            "none",
        ],
        ["1"],
    ),
    "cli-undersample-negative-seed": CliCase(
        base,
        ["undersample", "{in}", "--target", "y", "-o", "{out}", "--seed", "-1"],
        ["random_state"],
    ),
}


CLI_CASES.update(
    {
        "cli-clean-n-neighbors-too-big": CliCase(
            numeric(),
            [
                "clean",
                "{in}",
                "--target",
                "y",
                "-o",
                "{out}",
                "--method",
                "enn",
                "--n-neighbors",
                "40",
            ],
            ["enn", "34 rows", "at most 33"],
        ),
        "cli-oversample-few-rows": CliCase(
            numeric(),
            ["oversample", "{in}", "--target", "y", "-o", "{out}", "--method", "adasyn"],
            ["adasyn", "k_neighbors=5", "4 rows"],
        ),
        "cli-undersample-nearmiss-few-rows": CliCase(
            numeric(),
            [
                "undersample",
                "{in}",
                "--target",
                "y",
                "-o",
                "{out}",
                "--method",
                "nearmiss-1",
                "--n-neighbors",
                "5",
            ],
            ["nearmiss-1", "it has 4"],
        ),
    }
)


@pytest.mark.parametrize("name", list(CLI_CASES))
def test_bad_input_cli(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = CLI_CASES[name]
    df = case.frame()
    snap = snapshot(df)
    source = tmp_path / "in.csv"
    df.to_csv(source, index=False)
    before = source.read_bytes()
    paths = {
        "{in}": str(source),
        "{out}": str(tmp_path / "out.csv"),
        "{train}": str(tmp_path / "train.csv"),
        "{test}": str(tmp_path / "test.csv"),
    }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pdi.ImbalanceWarning)
            status = cli.main([paths.get(a, a) for a in case.args])
        captured = capsys.readouterr()
        assert status == 1, captured
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1, captured.err
        assert lines[0].startswith("pd-imbalance: error: ")
        _message_has(lines[0], case.match)
        assert not (tmp_path / "out.csv").exists()
        assert not (tmp_path / "train.csv").exists()
        assert source.read_bytes() == before
    finally:
        assert_unchanged(df, snap)


def test_matrix_size() -> None:
    assert len(CASES) + len(CLI_CASES) >= 40
