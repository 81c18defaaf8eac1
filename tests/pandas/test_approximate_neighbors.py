"""``neighbors=`` on every neighbour-based verb: "exact", "approximate" or a search object."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.neighbors import NearestNeighbors

import pd_imbalance as pdi
from pd_imbalance._core import approx_knn, neighbor_rule

faiss = pytest.importorskip(
    "faiss", reason='the approximate search needs the [ann] extra (pip install "pd-imbalance[ann]")'
)


@pytest.fixture(autouse=True)
def _always_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """These frames are small: make the approximate search use its index all the same."""
    monkeypatch.setattr(approx_knn, "EXACT_BELOW_COST", 0.0)
    monkeypatch.setattr(approx_knn, "INDEX_PAIR_COST", 0.0)


def mixture_frame(n_major: int, n_minor: int, d: int = 10, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=3.0, size=(6, d))
    n = n_major + n_minor
    x = centres[rng.integers(6, size=n)] + rng.normal(size=(n, d))
    df = pd.DataFrame(x, columns=[f"x{i}" for i in range(d)])
    df["y"] = np.r_[np.zeros(n_major, int), np.ones(n_minor, int)]
    return df


def test_smote_approximate_keeps_every_guarantee_on_a_messy_pyarrow_frame() -> None:
    rng = np.random.default_rng(2)
    n_major, n_minor = 12_000, 6_000
    base = mixture_frame(n_major, n_minor, d=4, seed=2)
    df = pd.DataFrame(
        {
            "id": pd.array(np.arange(len(base)) + 10**9, dtype="int64[pyarrow]"),
            "amount": pd.array(base["x0"] * 1e3 + 999_999_999.0, dtype="double[pyarrow]"),
            "x1": base["x1"].astype("float32"),
            "x2": base["x2"],
            "shop": pd.Categorical(rng.choice(["a", "b", "c"], len(base))),
            "region": pd.array(rng.choice(["north", "south"], len(base)), dtype="str"),
            "y": pd.array(np.where(base["y"] == 1, "fraud", "ok"), dtype="string[pyarrow]"),
        }
    )
    before = df.copy()
    res = pdi.smote(df, "y", neighbors="approximate", random_state=0, return_plan=True)
    out = res.frame
    pd.testing.assert_frame_equal(df, before)  # the caller's frame is untouched
    assert out["y"].value_counts().to_dict() == {"ok": n_major, "fraud": n_major}
    pd.testing.assert_series_equal(out.dtypes, df.dtypes)
    pd.testing.assert_frame_equal(out.iloc[: len(df)], df)  # originals bit for bit
    new = out.iloc[len(df) :]
    # each new row lies between its base row and a neighbour of the same class
    plan = res.provenance
    lo = np.minimum(
        df["amount"].to_numpy()[plan["base_position"]],
        df["amount"].to_numpy()[plan["neighbor_position"]],
    )
    hi = np.maximum(
        df["amount"].to_numpy()[plan["base_position"]],
        df["amount"].to_numpy()[plan["neighbor_position"]],
    )
    amount = new["amount"].to_numpy(dtype=np.float64)
    assert ((amount >= lo - 1e-6) & (amount <= hi + 1e-6)).all()
    assert (df["y"].to_numpy()[plan["neighbor_position"]] == "fraud").all()
    assert (plan["base_position"] != plan["neighbor_position"]).all()


def test_same_seed_same_frame() -> None:
    df = mixture_frame(15_000, 6_000)
    a = pdi.smote(df, "y", neighbors="approximate", random_state=4)
    b = pdi.smote(df, "y", neighbors="approximate", random_state=4)
    pd.testing.assert_frame_equal(a, b)


def test_synthetic_moments_match_exact_smote_within_sampling_error() -> None:
    """Approximate and exact SMOTE (independent seeds) draw from the same distribution."""
    df = mixture_frame(20_000, 8_000, d=10, seed=7)
    exact = pdi.smote(df, "y", random_state=0).iloc[len(df) :]
    approx = pdi.smote(df, "y", neighbors="approximate", random_state=1).iloc[len(df) :]
    assert len(exact) == len(approx) == 12_000
    for column in [c for c in df.columns if c != "y"]:
        a, b = exact[column].to_numpy(), approx[column].to_numpy()
        # two-sample KS, Bonferroni over the 10 features at 0.001
        assert stats.ks_2samp(a, b).pvalue > 1e-4, column
        se = np.sqrt(a.var() / len(a) + b.var() / len(b))
        assert abs(a.mean() - b.mean()) < 4 * se, column
        assert abs(np.log(a.std() / b.std())) < 0.05, column


@pytest.mark.parametrize(
    ("verb", "options"),
    [
        (pdi.oversample, {"method": "borderline-1"}),
        (pdi.oversample, {"method": "borderline-2"}),
        (pdi.oversample, {"method": "adasyn"}),
        (pdi.undersample, {"method": "nearmiss-1"}),
        (pdi.undersample, {"method": "nearmiss-2"}),
        (pdi.undersample, {"method": "nearmiss-3"}),
        (pdi.clean, {"method": "tomek"}),
        (pdi.clean, {"method": "enn"}),
        (pdi.clean, {"method": "allknn"}),
        (pdi.clean, {"method": "ncr"}),
        (pdi.clean, {"method": "oss", "random_state": 0}),
    ],
    ids=lambda v: v.get("method") if isinstance(v, dict) else v.__name__,
)
def test_every_neighbour_method_agrees_with_the_exact_search_on_most_rows(
    verb: object, options: dict[str, object]
) -> None:
    df = mixture_frame(9_000, 5_000, d=8, seed=3)
    if verb is pdi.oversample:
        # 60k new rows: every eligible base row is drawn, so the sets of bases compare
        options = {**options, "random_state": 0, "return_plan": True}
        options["sampling_strategy"] = {1: 65_000}
        exact, approx = (
            verb(df, "y", **options).provenance,  # type: ignore[operator]
            verb(df, "y", neighbors="approximate", **options).provenance,  # type: ignore[operator]
        )
        assert len(exact) == len(approx) == 60_000
        # the same rows are eligible as bases (DANGER set, ADASYN's rows), nearly always
        a, b = set(exact["base_position"]), set(approx["base_position"])
        assert len(a ^ b) <= 0.05 * len(a), (len(a), len(a ^ b))
        return
    exact = verb(df, "y", **options)  # type: ignore[operator]
    approx = verb(df, "y", neighbors="approximate", **options)  # type: ignore[operator]
    exact_rows = exact.frame.index if hasattr(exact, "frame") else exact.index
    approx_rows = approx.frame.index if hasattr(approx, "frame") else approx.index
    differing = len(set(exact_rows) ^ set(approx_rows))
    assert differing <= 0.05 * len(df), differing
    # the minority is never touched by the cleaning rules nor by NearMiss
    kept = approx.frame if hasattr(approx, "frame") else approx
    assert (kept["y"] == 1).sum() == 5_000


def test_an_object_as_neighbors_is_asked_for_exactly_k() -> None:
    df = mixture_frame(300, 120, d=3)
    a = pdi.smote(df, "y", k_neighbors=4, neighbors=NearestNeighbors(), random_state=0)
    b = pdi.smote(df, "y", k_neighbors=4, random_state=0)
    pd.testing.assert_frame_equal(a, b)  # no distance ties: the same neighbours, same rows


def test_bad_neighbors_values_are_named() -> None:
    df = mixture_frame(300, 120, d=3)
    with pytest.raises(ValueError, match=r"neighbors must be \"exact\".*got 'fast'"):
        pdi.smote(df, "y", neighbors="fast")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not both"):
        pdi.oversample(
            df, "y", method="smote", k_neighbors=NearestNeighbors(), neighbors="approximate"
        )
    with pytest.raises(ValueError, match="neighbors must be"):
        pdi.oversample(df, "y", neighbors=3)  # type: ignore[arg-type]


def test_approximate_refuses_missing_values_and_wide_codes_with_the_fix() -> None:
    df = mixture_frame(300, 120, d=3)
    df.loc[df.index[-1], "x0"] = np.nan
    with pytest.raises(ValueError, match=r'neighbors="approximate" cannot search rows with '):
        pdi.smote(df, "y", neighbors="approximate", missing="ignore")
    wide = mixture_frame(3_000, 1_800, d=2)
    wide["code"] = pd.Categorical([f"c{i % 90}" for i in range(len(wide))])
    with pytest.raises(ValueError, match='more than 64 levels; use neighbors="exact"'):
        pdi.smote(wide, "y", neighbors="approximate")


def test_missing_extra_is_an_import_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "faiss", None)
    df = mixture_frame(300, 120, d=3)
    with pytest.raises(ImportError, match=r'pip install "pd-imbalance\[ann\]"'):
        pdi.smote(df, "y", neighbors="approximate")
    pdi.smote(df, "y", random_state=0)  # the exact search needs nothing more


def test_a_class_too_large_for_the_exact_search_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(neighbor_rule, "EXACT_WARN_COST", 1e6)  # as if 1,200 rows were 1M
    df = mixture_frame(2_000, 1_200, d=3)
    with pytest.warns(pdi.ImbalanceWarning, match='neighbors="approximate"'):
        pdi.smote(df, "y", random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdi.smote(df, "y", neighbors="approximate", random_state=0)


def test_split_and_sklearn_doors_take_neighbors() -> None:
    df = mixture_frame(6_000, 4_500, d=5)
    tt = pdi.split_then_resample(df, "y", method="smote", random_state=0, neighbors="approximate")
    assert tt.train["y"].value_counts().nunique() == 1
    from pd_imbalance.sklearn import SMOTE

    X, y = df.drop(columns="y"), df["y"]
    X_res, y_res = SMOTE(neighbors="approximate", random_state=0).fit_resample(X, y)
    assert y_res.value_counts().to_dict() == {0: 6_000, 1: 6_000}
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)
