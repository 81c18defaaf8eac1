"""clean(): every method against imbalanced-learn 0.14, and the frame-level guarantees."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import assert_unchanged, snapshot
from imblearn.under_sampling import (
    AllKNN,
    EditedNearestNeighbours,
    NeighbourhoodCleaningRule,
    OneSidedSelection,
    RepeatedEditedNearestNeighbours,
    TomekLinks,
)
from imblearn.under_sampling._prototype_selection import _one_sided_selection
from sklearn.neighbors import NearestNeighbors

import pd_imbalance as pdi
from pd_imbalance._core.clean import draw_oss_seeds
from pd_imbalance._core.random import seed_sequence, spawn
from pd_imbalance._core.strategy import cleaned_classes
from pd_imbalance.errors import InsufficientSamplesError, InvalidFeaturesError

SEEDS = range(24)
BINARY = (150, 45)
THREE = (120, 60, 28)


def blobs(seed: int, counts: tuple[int, ...], d: int = 3, spread: float = 1.2) -> pd.DataFrame:
    """Overlapping Gaussian classes, shuffled, continuous (no distance ties)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=spread, size=(len(counts), d))
    x = np.concatenate([rng.normal(size=(c, d)) + centres[i] for i, c in enumerate(counts)])
    y = np.repeat(np.arange(len(counts)), counts)
    order = rng.permutation(len(y))
    df = pd.DataFrame(x[order], columns=[f"f{j}" for j in range(d)])
    df["y"] = y[order]
    return df


def kept_by_imblearn(sampler: Any, df: pd.DataFrame) -> np.ndarray | None:
    """Sorted kept positions, or None when imbalanced-learn dropped a whole class."""
    x, y = df.drop(columns="y").to_numpy(), df["y"].to_numpy()
    sampler.fit_resample(x, y)
    kept = np.unique(sampler.sample_indices_)
    if len(np.unique(y[kept])) < len(np.unique(y)):
        return None
    return kept


def assert_same_as_imblearn(df: pd.DataFrame, sampler: Any, **options: Any) -> str:
    expected = kept_by_imblearn(sampler, df)
    if expected is None:  # we refuse to empty a class
        with pytest.raises(InsufficientSamplesError, match="would remove all"):
            pdi.clean(df, "y", **options)
        return "emptied"
    out = pdi.clean(df, "y", **options)
    np.testing.assert_array_equal(out.index.to_numpy(), expected)
    return "removed" if len(expected) < len(df) else "none"


def _sampler(method: str, **kw: Any) -> Any:
    return {
        "tomek": TomekLinks,
        "enn": EditedNearestNeighbours,
        "renn": RepeatedEditedNearestNeighbours,
        "allknn": AllKNN,
        "ncr": NeighbourhoodCleaningRule,
    }[method](**kw)


CASES = [
    ("tomek", {}),
    ("tomek", {"sampling_strategy": "all"}),
    ("enn", {"n_neighbors": 3, "kind_sel": "all"}),
    ("enn", {"n_neighbors": 3, "kind_sel": "mode"}),
    ("enn", {"n_neighbors": 5, "kind_sel": "mode", "sampling_strategy": "majority"}),
    ("enn", {"n_neighbors": 2, "kind_sel": "mode"}),  # label ties in the vote
    ("renn", {"n_neighbors": 3, "kind_sel": "all"}),
    ("renn", {"n_neighbors": 3, "kind_sel": "mode", "max_iter": 2}),
    ("renn", {"n_neighbors": 4, "kind_sel": "mode", "sampling_strategy": "not majority"}),
    ("allknn", {"n_neighbors": 3, "kind_sel": "all"}),
    ("allknn", {"n_neighbors": 4, "kind_sel": "mode", "allow_minority": True}),
    ("ncr", {"n_neighbors": 3}),
    ("ncr", {"n_neighbors": 4, "threshold_cleaning": 2.5}),
    ("ncr", {"n_neighbors": 3, "sampling_strategy": "all"}),
]


def stepwise_imblearn(df: pd.DataFrame, method: str, **options: Any) -> tuple[Any, bool]:
    """RENN/AllKNN rebuilt from imbalanced-learn's ENN and its 0.14 stopping rules.

    The classes each round cleans are resolved from the current counts with our rule (ties
    between class counts: every smallest class is the minority, every largest the
    majority). Returns the kept positions (None if a class was emptied) and whether a round
    met tied class counts (where imbalanced-learn, picking one of the tied classes, may
    differ).
    """
    x, y = df.drop(columns="y").to_numpy(), df["y"].to_numpy()
    k = options.get("n_neighbors", 3)
    kind_sel = options.get("kind_sel", "all")
    strategy = options.get("sampling_strategy", "auto")
    start = np.bincount(y)
    minority = start == start.min()
    sizes = [k] * options.get("max_iter", 100) if method == "renn" else range(1, k + 1)
    guard = method == "renn" or not options.get("allow_minority", False)
    kept, tied = np.arange(len(y)), False
    for size in sizes:
        counts = np.bincount(y[kept], minlength=len(start))
        tied |= (counts == counts.min()).sum() > 1 or (counts == counts.max()).sum() > 1
        targeted = cleaned_classes(strategy, counts, list(range(len(start))))
        enn = EditedNearestNeighbours(
            n_neighbors=size, kind_sel=kind_sel, sampling_strategy=np.flatnonzero(targeted).tolist()
        )
        enn.fit_resample(x[kept], y[kept])
        now = kept[np.sort(enn.sample_indices_)]
        stable, kept = len(now) == len(kept), now
        counts = np.bincount(y[kept], minlength=len(start))
        if (counts == 0).any():
            return None, tied
        if method == "renn" and stable:
            break
        if guard and (counts[~minority] < start.min()).any():
            break
    return kept, tied


@pytest.mark.parametrize("counts", [BINARY, THREE], ids=["binary", "3-class"])
@pytest.mark.parametrize(("method", "options"), CASES)
def test_same_rows_as_imblearn(method: str, options: dict[str, Any], counts: tuple[int, ...]):
    outcomes = []
    for seed in SEEDS:
        df = blobs(seed, counts, d=2 + seed % 4)
        sampler = _sampler(method, **options)
        if method not in ("renn", "allknn"):
            outcomes.append(assert_same_as_imblearn(df, sampler, method=method, **options))
            continue
        expected, tied = stepwise_imblearn(df, method, **options)
        direct = kept_by_imblearn(sampler, df)
        if not tied:  # the rebuilt rounds are imbalanced-learn's own
            assert (direct is None and expected is None) or np.array_equal(direct, expected)
        if expected is None:
            with pytest.raises(InsufficientSamplesError, match="would remove all"):
                pdi.clean(df, "y", method=method, **options)
            outcomes.append("emptied")
            continue
        out = pdi.clean(df, "y", method=method, **options)
        np.testing.assert_array_equal(out.index.to_numpy(), expected)
        outcomes.append("removed" if len(expected) < len(df) else "none")
        if not tied:
            outcomes.append("direct")
    assert "removed" in outcomes  # the oracle is not vacuous
    if method in ("renn", "allknn"):
        assert outcomes.count("direct") >= len(SEEDS) // 2


def test_list_strategy_same_as_imblearn() -> None:
    for seed in SEEDS:
        df = blobs(seed, THREE)
        for method in ("tomek", "enn", "ncr"):
            sampler = _sampler(method, sampling_strategy=[0, 2])
            assert_same_as_imblearn(df, sampler, method=method, sampling_strategy=[0, 2])


class FixedSeeds:
    """Stands in for imbalanced-learn's RandomState: hands out the given seed rows."""

    def __init__(self, local: list[np.ndarray]) -> None:
        self.local = list(local)

    def randint(self, low: int, high: int, size: int) -> np.ndarray:
        return self.local.pop(0)


def oss_same_as_imblearn(
    df: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, random_state: int, **options: Any
) -> str:
    """OSS with our seed rows given to imbalanced-learn (its RandomState cannot be matched)."""
    codes = df["y"].to_numpy()
    counts = np.bincount(codes)
    strategy = options.get("sampling_strategy", "auto")
    targeted = cleaned_classes(strategy, counts, list(range(len(counts))))
    (seed,) = spawn(seed_sequence(random_state), 1)
    seeds = draw_oss_seeds(codes, targeted, options.get("n_seeds", 1), np.random.default_rng(seed))
    local = [
        np.searchsorted(np.flatnonzero(codes == c), seeds[codes[seeds] == c])
        for c in np.flatnonzero(targeted)
    ]
    monkeypatch.setattr(_one_sided_selection, "check_random_state", lambda _: FixedSeeds(local))
    kw = {k: v for k, v in options.items() if k != "n_seeds"}
    sampler = OneSidedSelection(n_seeds_S=options.get("n_seeds", 1), **kw)
    return assert_same_as_imblearn(df, sampler, method="oss", random_state=random_state, **options)


@pytest.mark.parametrize("counts", [BINARY, THREE], ids=["binary", "3-class"])
@pytest.mark.parametrize(
    "options",
    [{}, {"n_neighbors": 3}, {"n_seeds": 5}, {"sampling_strategy": "majority", "n_seeds": 2}],
)
def test_oss_same_rows_as_imblearn_given_the_same_seeds(
    counts: tuple[int, ...], options: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = {
        oss_same_as_imblearn(blobs(s, counts, d=2 + s % 4), monkeypatch, s, **options)
        for s in SEEDS
    }
    assert "removed" in outcomes


def test_nearest_neighbors_object_counts_the_row_itself() -> None:
    for seed in range(6):
        df = blobs(seed, THREE)
        for method in ("enn", "renn", "allknn", "ncr"):
            nn = NearestNeighbors(n_neighbors=4)
            try:
                as_int = pdi.clean(df, "y", method=method, n_neighbors=3)
            except InsufficientSamplesError:
                with pytest.raises(InsufficientSamplesError):
                    pdi.clean(df, "y", method=method, n_neighbors=nn)
            else:
                pd.testing.assert_frame_equal(
                    pdi.clean(df, "y", method=method, n_neighbors=nn), as_int
                )
            if method in ("renn", "allknn"):
                continue  # rounds: compared with imbalanced-learn above
            sampler = _sampler(method, n_neighbors=NearestNeighbors(n_neighbors=4))
            assert_same_as_imblearn(
                df, sampler, method=method, n_neighbors=NearestNeighbors(n_neighbors=4)
            )
        tomek = pdi.clean(df, "y", method="tomek", n_neighbors=NearestNeighbors(n_neighbors=5))
        pd.testing.assert_frame_equal(tomek, pdi.clean(df, "y", method="tomek"))
        oss = pdi.clean(
            df, "y", method="oss", n_neighbors=NearestNeighbors(n_neighbors=3), random_state=1
        )
        pd.testing.assert_frame_equal(
            oss, pdi.clean(df, "y", method="oss", n_neighbors=3, random_state=1)
        )


# --- one distance space over mixed columns --------------------------------------------------


def mixed_frame(seed: int, n_major: int = 140, n_minor: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat(["ok", "fraud"], [n_major, n_minor]))
    shift = (y == "fraud").astype(float)
    start = pd.Timestamp("2024-01-01")
    return pd.DataFrame(
        {
            "amount": rng.normal(size=len(y)) + shift,
            "n_items": rng.integers(0, 6, size=len(y)) + 2 * shift.astype(int),
            "when": start + pd.to_timedelta(rng.uniform(0, 3, size=len(y)) + shift, unit="D"),
            "flag": rng.random(len(y)) < 0.3 + 0.4 * shift,
            "shop": pd.Categorical(rng.choice(["a", "b", "c"], size=len(y))),
            "city": pd.array(rng.choice(["x", "y"], size=len(y)), dtype="str"),
            "label": y,
        },
        index=pd.Index([f"r{i}" for i in rng.permutation(len(y))], name="row"),
    )


def manual_space(df: pd.DataFrame, wide: tuple[str, ...] = ()) -> np.ndarray:
    """The documented distance space, by hand: continuous columns, then scaled one-hots."""
    days = (df["when"] - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
    continuous = np.column_stack([df["amount"], df["n_items"].astype(float), days.to_numpy()])
    penalty = float(np.median(continuous.std(axis=0)))
    blocks = [continuous]
    for name in ("flag", "shop", "city", *wide):
        onehot = pd.get_dummies(df[name].astype(str)).to_numpy(dtype=float)
        blocks.append(onehot * penalty / np.sqrt(2))
    return np.hstack(blocks)


@pytest.mark.parametrize("wide", [False, True], ids=["narrow", "wide-categorical"])
@pytest.mark.parametrize("method", ["tomek", "enn", "renn", "allknn", "ncr"])
def test_mixed_columns_are_one_smote_nc_space(method: str, wide: bool) -> None:
    removed_any = False
    for seed in range(6):
        df = mixed_frame(seed)
        if wide:  # > 64 levels: searched as codes (MixedSpace), not one-hot
            codes = np.random.default_rng(seed).integers(0, 80, size=len(df))
            df.insert(3, "code", pd.array([f"c{c}" for c in codes], dtype="str"))
        x = manual_space(df, ("code",) if wide else ())
        y = np.unique(df["label"].to_numpy(), return_inverse=True)[1]  # scipy's mode needs numbers
        sampler = _sampler(method)
        sampler.fit_resample(x, y)
        out = pdi.clean(df, "label", method=method)
        expected = df.index[np.unique(sampler.sample_indices_)]
        assert out.index.equals(expected)
        removed_any |= len(out) < len(df)
    assert removed_any


def arrow_twin(df: pd.DataFrame) -> pd.DataFrame:
    pa = pytest.importorskip("pyarrow")
    out = df.copy()
    out["amount"] = df["amount"].astype(pd.ArrowDtype(pa.float64()))
    out["n_items"] = df["n_items"].astype(pd.ArrowDtype(pa.int32()))
    out["when"] = df["when"].astype(pd.ArrowDtype(pa.timestamp("ns")))
    out["flag"] = df["flag"].astype(pd.ArrowDtype(pa.bool_()))
    out["shop"] = pd.Series(
        pa.array(df["shop"].astype(str).tolist()).dictionary_encode(), index=df.index
    ).astype(pd.ArrowDtype(pa.dictionary(pa.int32(), pa.string())))
    out["city"] = df["city"].astype(pd.ArrowDtype(pa.string()))
    out["label"] = df["label"].astype(pd.ArrowDtype(pa.string()))
    return out


@pytest.mark.parametrize("method", ["tomek", "enn", "renn", "allknn", "ncr", "oss"])
def test_pyarrow_frame_keeps_dtypes_and_matches_its_numpy_twin(method: str) -> None:
    df = mixed_frame(3)
    arrow = arrow_twin(df)
    snap = snapshot(arrow)
    out = pdi.clean(arrow, "label", method=method, random_state=0)
    assert_unchanged(arrow, snap)
    twin = pdi.clean(df, "label", method=method, random_state=0)
    assert out.index.equals(twin.index)
    assert list(out.dtypes) == list(arrow.dtypes)
    pd.testing.assert_frame_equal(out, arrow.loc[out.index], check_exact=True)


# --- the frame: order, index, dtypes, attrs, no mutation, determinism --------------------------


@pytest.mark.parametrize("method", ["tomek", "enn", "renn", "allknn", "ncr", "oss"])
def test_kept_rows_are_the_input_rows_unchanged(method: str) -> None:
    df = mixed_frame(1)
    df.attrs["note"] = "mine"
    snap = snapshot(df)
    result = pdi.clean(df, "label", method=method, random_state=5, return_plan=True)
    assert_unchanged(df, snap)
    out, removed = result
    assert isinstance(result, pdi.CleanResult)
    kept = np.setdiff1d(np.arange(len(df)), removed["position"].to_numpy())
    pd.testing.assert_frame_equal(out, df.iloc[kept], check_exact=True)  # order, index, dtypes
    assert out.index.name == "row" and list(out.columns) == list(df.columns)
    record = out.attrs["pd_imbalance"]
    assert record["target"] == "label" and out.attrs["note"] == "mine"
    assert record["counts_before"] == {"fraud": 40, "ok": 140}
    assert record["counts_after"] == out["label"].value_counts().to_dict()
    assert record["counts_after"]["fraud"] == 40  # the minority is never cleaned by default
    json.dumps(record)


def test_same_random_state_same_rows_and_seed_sequences_are_not_advanced() -> None:
    df = blobs(0, THREE)
    a = pdi.clean(df, "y", method="oss", random_state=11, n_seeds=3)
    b = pdi.clean(df, "y", method="oss", random_state=11, n_seeds=3)
    pd.testing.assert_frame_equal(a, b)
    seq = np.random.SeedSequence(4)
    c = pdi.clean(df, "y", method="oss", random_state=seq, n_seeds=3)
    d = pdi.clean(df, "y", method="oss", random_state=seq, n_seeds=3)
    pd.testing.assert_frame_equal(c, d)
    assert seq.n_children_spawned == 0
    others = {len(pdi.clean(df, "y", method="oss", random_state=s, n_seeds=3)) for s in range(8)}
    assert len(others) > 1  # the seeds matter
    df = blobs(0, BINARY)
    for method in ("tomek", "enn", "renn", "allknn", "ncr"):  # deterministic without a seed
        pd.testing.assert_frame_equal(
            pdi.clean(df, "y", method=method), pdi.clean(df, "y", method=method)
        )


def test_accessor_and_label_dtypes() -> None:
    df = blobs(2, BINARY).assign(y=lambda d: d["y"].map({0: "maj", 1: "min"}).astype("category"))
    out = df.imbalance.clean("y", method="enn")
    base = pdi.clean(blobs(2, BINARY), "y", method="enn")
    assert out.index.equals(base.index) and out["y"].dtype == df["y"].dtype


# --- return_plan ------------------------------------------------------------------------------

REASONS = {
    "tomek": r"tomek link with row r\d+",
    "enn": r"enn: [1-3] of 3 neighbours of other classes",
    "renn": r"enn: [1-3] of 3 neighbours of other classes",
    "allknn": r"enn: [1-3] of [1-3] neighbours of other classes",
    "ncr": r"ncr: (edited, [2-3] of 3 neighbours of other classes|neighbour of misclassified "
    r"minority row r\d+)",
    "oss": r"oss: (redundant, its nearest row of C \(r\d+\) is of its class"
    r"|tomek link with row r\d+)",
}


@pytest.mark.parametrize("method", list(REASONS))
def test_removed_frame_says_which_rows_went_and_why(method: str) -> None:
    df = mixed_frame(4)
    out, removed = pdi.clean(df, "label", method=method, random_state=0, return_plan=True)
    assert len(removed) and len(out) + len(removed) == len(df)
    assert removed.index.equals(df.index[removed["position"].to_numpy()])
    assert removed["position"].is_monotonic_increasing
    assert removed["position"].dtype == np.int64
    assert removed["label"].dtype == df["label"].dtype
    assert (removed["label"] == df["label"].iloc[removed["position"]].to_numpy()).all()
    assert set(removed["label"]) == {"ok"}
    assert removed["reason"].str.fullmatch(REASONS[method]).all(), removed["reason"].tolist()
    expected = ["position", "label", "reason"] + (["round"] if method in ("renn", "allknn") else [])
    assert list(removed.columns) == expected
    if method == "allknn":  # round r uses r neighbours
        k = removed["reason"].str.extract(r"of (\d) neighbours")[0].astype(int)
        assert (k.to_numpy() == removed["round"].to_numpy()).all()
    if method == "tomek":  # the partner is a row of the other class, kept
        partner = removed["reason"].str.removeprefix("tomek link with row ")
        assert (df.loc[partner, "label"] == "fraud").all() and partner.isin(out.index).all()


def test_enn_reason_counts_are_the_disagreeing_neighbours() -> None:
    df = blobs(0, BINARY)
    x, y = df.drop(columns="y").to_numpy(), df["y"].to_numpy()
    _, removed = pdi.clean(df, "y", method="enn", kind_sel="mode", return_plan=True)
    near = NearestNeighbors(n_neighbors=4).fit(x).kneighbors(x, return_distance=False)[:, 1:]
    others = (y[near] != y[:, None]).sum(axis=1)[removed["position"]]
    assert removed["reason"].tolist() == [
        f"enn: {j} of 3 neighbours of other classes" for j in others
    ]


def test_oss_reasons_with_a_larger_classifier() -> None:
    df = blobs(1, BINARY)
    _, removed = pdi.clean(df, "y", method="oss", n_neighbors=3, return_plan=True, random_state=0)
    pattern = (
        r"oss: (redundant, [23] of its 3 nearest rows of C are of its class"
        r"|tomek link with row \d+)"
    )
    assert removed["reason"].str.fullmatch(pattern).all()


def test_nothing_removed_gives_an_empty_removed_frame_of_the_same_schema() -> None:
    df = pd.DataFrame({"x": [0.0, 1.1, 2.3, 10.0, 11.2], "y": [0, 0, 0, 1, 1]})
    out, removed = pdi.clean(df, "y", method="renn", return_plan=True, n_neighbors=1)
    pd.testing.assert_frame_equal(out, df)
    assert len(removed) == 0 and list(removed.columns) == ["position", "y", "reason", "round"]
    filled = pdi.clean(blobs(0, BINARY), "y", method="renn", return_plan=True).removed
    assert removed.dtypes.to_dict() == filled.dtypes.to_dict()


def test_a_target_named_like_a_removed_column() -> None:
    df = blobs(0, BINARY).rename(columns={"y": "reason"})
    _, removed = pdi.clean(df, "reason", return_plan=True)
    assert list(removed.columns) == ["position", "class", "reason"]


# --- bad input ------------------------------------------------------------------------------


def test_unknown_method_lists_the_valid_ones() -> None:
    with pytest.raises(
        ValueError, match="'tomek', 'enn', 'renn', 'allknn', 'ncr', 'oss'; got 'cnn'"
    ):
        pdi.clean(blobs(0, BINARY), "y", method="cnn")


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"method": "enn", "kind_sel": "most"}, ValueError, "kind_sel must be 'all'"),
        ({"method": "renn", "max_iter": 0}, ValueError, "max_iter must be a positive int"),
        ({"method": "oss", "n_seeds": 0}, ValueError, "n_seeds must be a positive int"),
        (
            {"method": "ncr", "threshold_cleaning": -0.1},
            ValueError,
            "threshold_cleaning must be >= 0",
        ),
        ({"method": "ncr", "threshold_cleaning": "half"}, TypeError, "threshold_cleaning"),
        ({"method": "allknn", "allow_minority": 1}, TypeError, "allow_minority must be True"),
        ({"return_plan": "yes"}, TypeError, "return_plan must be True"),
        ({"method": "enn", "n_neighbors": 0}, ValueError, "n_neighbors must be a positive int"),
        ({"method": "enn", "n_neighbors": 2.5}, TypeError, "n_neighbors must be a positive int"),
        ({"method": "tomek", "n_neighbors": 3}, ValueError, "must be None or 1"),
        ({"sampling_strategy": {0: 100}}, ValueError, "a list of the classes to clean"),
        ({"sampling_strategy": "minority"}, ValueError, "list it"),
        ({"sampling_strategy": [7]}, ValueError, r"names \[7\], not in the label column"),
        ({"sampling_strategy": 0.5}, TypeError, "sampling_strategy must be"),
        ({"random_state": -1}, ValueError, "random_state"),
        ({"categorical": ["nope"]}, ValueError, "not feature columns"),
    ],
)
def test_bad_parameters(options: dict[str, Any], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        pdi.clean(blobs(0, BINARY), "y", **options)


def test_too_few_rows_for_the_neighbourhood() -> None:
    df = pd.DataFrame({"x": [0.0, 1.0, 2.5, 4.0], "y": [0, 0, 1, 1]})
    with pytest.raises(InsufficientSamplesError, match=r"5 nearest other rows.*4 rows.*at most 3"):
        pdi.clean(df, "y", method="enn", n_neighbors=5)


def test_a_class_too_small_for_kind_sel_all_is_refused_with_the_fixes() -> None:
    df = blobs(0, (100, 3, 2))  # class 1 is not the minority, and has 3 rows
    pattern = (
        r"would remove all 3 remaining rows of class 1 \(it has 3 rows, not more than "
        r"n_neighbors=3.*kind_sel='mode'.*fewer n_neighbors.*sampling_strategy"
    )
    with pytest.raises(InsufficientSamplesError, match=pattern):
        pdi.clean(df, "y", method="enn")
    out = pdi.clean(df, "y", method="enn", sampling_strategy=[0])  # excluding it works
    assert out["y"].value_counts()[1] == 3


def test_a_cleaning_that_empties_a_class_names_the_round() -> None:
    df = blobs(5, (120, 60, 28))
    with pytest.raises(InsufficientSamplesError, match=r"class \d in round \d+"):
        pdi.clean(
            df, "y", method="renn", n_neighbors=4, kind_sel="mode", sampling_strategy="not majority"
        )


def test_oss_classifier_larger_than_c() -> None:
    df = pd.DataFrame({"x": np.arange(12.0) ** 1.1, "y": [0] * 10 + [1] * 2})
    with pytest.raises(
        InsufficientSamplesError, match=r"n_neighbors=4 nearest rows of C.*only 3 rows"
    ):
        pdi.clean(df, "y", method="oss", n_neighbors=4)


@pytest.mark.parametrize(
    ("column", "value", "match"),
    [
        ("f0", np.nan, r"'f0' \(2 missing\)"),
        ("f1", np.inf, r"'f1' \(2 infinite\)"),
        ("g", None, r"'g' \(2 missing\)"),
    ],
)
def test_missing_feature_values_are_refused_in_any_row(column: str, value: Any, match: str) -> None:
    df = blobs(0, BINARY)
    df["g"] = pd.array(np.where(df["f0"] > 0, "u", "v"), dtype="str")
    minority = np.flatnonzero(df["y"] == 1)[:2]  # rows never removed (not targeted)
    df.iloc[minority, df.columns.get_loc(column)] = value
    with pytest.raises(
        InvalidFeaturesError, match=rf"clean needs complete feature values.*{match}"
    ):
        pdi.clean(df, "y")


def test_a_frame_without_features_is_refused() -> None:
    with pytest.raises(InvalidFeaturesError, match="at least one feature column besides"):
        pdi.clean(pd.DataFrame({"y": [0, 0, 1]}), "y")


def test_a_column_without_a_distance_is_refused() -> None:
    df = blobs(0, BINARY)
    df["z"] = np.full(len(df), 1 + 1j)
    with pytest.raises(InvalidFeaturesError, match=r"clean cannot measure the column\(s\) 'z'"):
        pdi.clean(df, "y")
    df["z"] = [[1]] * len(df)
    with pytest.raises(InvalidFeaturesError, match="cannot be compared as categories"):
        pdi.clean(df, "y")
