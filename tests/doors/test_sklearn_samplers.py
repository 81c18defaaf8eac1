"""pd_imbalance.sklearn samplers: fit_resample, params, imbalanced-learn pipelines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import make_frame
from imblearn.pipeline import Pipeline
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.model_selection import StratifiedKFold, cross_validate

from pd_imbalance.sklearn import SMOTE, RandomUnderSampler


def _xy(counts: list[int]) -> tuple[pd.DataFrame, pd.Series]:
    df = make_frame(counts)
    return df[["f_float", "f_int"]], df["y"].rename("label")


def test_undersampler_frames_keep_index_and_names() -> None:
    X, y = _xy([80, 20])
    sampler = RandomUnderSampler(random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert y_res.value_counts().to_dict() == {0: 20, 1: 20}
    assert y_res.name == "label" and list(X_res.columns) == ["f_float", "f_int"]
    pd.testing.assert_frame_equal(X_res, X.iloc[sampler.sample_indices_])
    assert X_res.index.equals(y_res.index)
    assert sampler.sampling_strategy_ == {0: 20}
    assert X_res.dtypes.equals(X.dtypes)


def test_undersampler_arrays() -> None:
    X = np.random.default_rng(0).normal(size=(50, 3))
    y = np.array([0] * 40 + [1] * 10)
    X_res, y_res = RandomUnderSampler(random_state=1, sampling_strategy={0: 25}).fit_resample(X, y)
    assert isinstance(X_res, np.ndarray) and isinstance(y_res, np.ndarray)
    assert np.bincount(y_res).tolist() == [25, 10]
    assert (X_res[y_res == 1] == X[40:]).all()


def test_smote_frames_and_arrays() -> None:
    X, y = _xy([60, 15])
    sampler = SMOTE(random_state=0, k_neighbors=3)
    X_res, y_res = sampler.fit_resample(X, y)
    assert y_res.value_counts().to_dict() == {0: 60, 1: 60}
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)
    assert X_res.index.is_unique and set(X_res.index[len(X) :]).isdisjoint(X.index)
    assert sampler.sampling_strategy_ == {1: 60}
    X_arr, y_arr = SMOTE(random_state=0, k_neighbors=3).fit_resample(X.to_numpy(), y.to_numpy())
    assert X_arr.shape == (120, 2) and np.bincount(y_arr).tolist() == [60, 60]


def test_params_and_clone() -> None:
    sampler = SMOTE(k_neighbors=3, random_state=4)
    assert sampler.get_params() == {
        "categorical": "auto",
        "k_neighbors": 3,
        "neighbors": "exact",
        "random_state": 4,
        "sampling_strategy": "auto",
    }
    copy = clone(sampler).set_params(k_neighbors=7)
    assert copy.k_neighbors == 7 and sampler.k_neighbors == 3
    assert RandomUnderSampler().get_params()["replacement"] is False


def test_same_seed_same_result() -> None:
    X, y = _xy([60, 15])
    a = SMOTE(random_state=3).fit_resample(X, y)
    b = SMOTE(random_state=3).fit_resample(X, y)
    pd.testing.assert_frame_equal(a[0], b[0])


def test_errors_are_ours() -> None:
    X, y = _xy([60, 3])
    import pd_imbalance as pdi

    with pytest.raises(pdi.InsufficientSamplesError, match="k_neighbors=5"):
        SMOTE().fit_resample(X, y)
    with pytest.raises(ValueError, match="one label per row"):
        RandomUnderSampler().fit_resample(X, y.iloc[:10])


class _Recorder(BaseEstimator, ClassifierMixin):
    """A classifier that records the class counts it is trained on."""

    seen: list[dict[int, int]] = []  # noqa: RUF012

    def fit(self, X: object, y: object) -> _Recorder:
        labels = np.asarray(y)
        _Recorder.seen.append(dict(zip(*np.unique(labels, return_counts=True), strict=True)))
        self.classes_ = np.unique(labels)
        return self

    def predict(self, X: object) -> np.ndarray:
        return np.zeros(len(np.asarray(X)), dtype=int)


@pytest.mark.parametrize("sampler", [SMOTE(random_state=0), RandomUnderSampler(random_state=0)])
def test_pipeline_resamples_training_folds_only(sampler: object) -> None:
    X, y = _xy([400, 100])
    _Recorder.seen = []
    pipe = Pipeline([("resample", sampler), ("model", _Recorder())])
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    result = cross_validate(pipe, X, y, cv=cv, scoring="accuracy")
    # validation folds were predicted untouched: always-0 scores the fold's class-0 share
    assert np.allclose(result["test_score"], 0.8)
    assert len(_Recorder.seen) == 5
    for counts in _Recorder.seen:  # each training fold (400 rows: 320 + 80) was balanced
        assert counts[0] == counts[1] == (320 if isinstance(sampler, SMOTE) else 80)


# --- every class: generated from the verbs, imblearn's names, imblearn's results ------------

import inspect  # noqa: E402
import pickle  # noqa: E402
from collections import Counter  # noqa: E402
from typing import Any  # noqa: E402

import imblearn.combine  # noqa: E402
import imblearn.over_sampling  # noqa: E402
import imblearn.under_sampling  # noqa: E402
from sklearn.neighbors import NearestNeighbors  # noqa: E402

import pd_imbalance as pdi  # noqa: E402
import pd_imbalance.sklearn as samplers  # noqa: E402
from pd_imbalance._sklearn.docstrings import parameter_entries  # noqa: E402
from pd_imbalance._sklearn.table import SPECS  # noqa: E402

#: The sampler classes (ResampledClassifier, a classifier, has tests of its own).
SAMPLER_NAMES = [name for name in samplers.__all__ if name != "ResampledClassifier"]
ALL = [getattr(samplers, name) for name in SAMPLER_NAMES]
OVER = ["RandomOverSampler", "SMOTE", "SMOTENC", "BorderlineSMOTE", "ADASYN"]
UNDER = ["RandomUnderSampler", "NearMiss"]
CLEAN = [
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
    "NeighbourhoodCleaningRule",
    "OneSidedSelection",
]
COMBINED = ["SMOTETomek", "SMOTEENN"]
#: the deterministic selections: imblearn keeps exactly these rows on tie-free data
DETERMINISTIC = [
    ("NearMiss", {"version": 1}),
    ("NearMiss", {"version": 2}),
    ("NearMiss", {"version": 3}),
    ("TomekLinks", {}),
    ("EditedNearestNeighbours", {"n_neighbors": 3}),
    ("EditedNearestNeighbours", {"n_neighbors": 3, "kind_sel": "mode"}),
    ("RepeatedEditedNearestNeighbours", {"n_neighbors": 3}),
    ("AllKNN", {"n_neighbors": 3}),
    ("AllKNN", {"n_neighbors": 3, "allow_minority": True}),
    ("NeighbourhoodCleaningRule", {"n_neighbors": 3}),
]


def _oracle_class(name: str) -> Any:
    for module in (imblearn.over_sampling, imblearn.under_sampling, imblearn.combine):
        if hasattr(module, name):
            return getattr(module, name)
    raise AssertionError(name)


def _make(name: str, **params: Any) -> Any:
    if name == "SMOTENC":
        params.setdefault("categorical_features", "auto")
    return getattr(samplers, name)(**params)


def _tie_free(counts: tuple[int, ...], seed: int, n_features: int = 3) -> Any:
    """Continuous random features (no distance ties), classes overlapping a little."""
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat(np.arange(len(counts)), counts))
    X = rng.normal(size=(len(y), n_features)) + 1.5 * y[:, None]
    return X, y


def test_one_spec_per_class() -> None:
    assert [spec.name for spec in SPECS] == [cls.__name__ for cls in samplers.CLASSES.values()]
    assert set(SAMPLER_NAMES) == {spec.name for spec in SPECS}
    assert set(samplers.__all__) == {*SAMPLER_NAMES, "ResampledClassifier"}
    assert len(ALL) == 15


@pytest.mark.parametrize("cls", ALL, ids=lambda cls: cls.__name__)
def test_parameters_are_imblearns(cls: Any) -> None:
    ours = inspect.signature(cls).parameters
    theirs = inspect.signature(_oracle_class(cls.__name__)).parameters
    extra = {"categorical"} if cls.__name__ == "SMOTE" else set()  # ours, kept
    if any(name.endswith("neighbors") for name in theirs) or cls.__name__ == "TomekLinks":
        extra.add("neighbors")  # ours: "exact", "approximate" or a search object
    assert set(ours) == set(theirs) | extra
    assert sorted(cls._get_param_names()) == sorted(ours)
    for name, parameter in ours.items():
        assert parameter.kind == theirs[name].kind if name in theirs else True
        if name in theirs and theirs[name].default is not inspect.Parameter.empty:
            # the verb's default; imblearn's where the verb has the same meaning
            if not (name == "n_neighbors" and parameter.default is None):
                assert parameter.default == theirs[name].default, name


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_defaults_and_docs_come_from_the_verb(spec: Any) -> None:
    cls = samplers.CLASSES[spec.name]
    signature = inspect.signature(cls)
    doc = cls.__doc__
    assert doc.startswith(spec.summary)
    for name in signature.parameters:
        assert f"\n{name} : " in doc, name
        if spec.verb is None or name in spec.own:
            continue
        verb_param = inspect.signature(spec.verb).parameters[spec.renames.get(name, name)]
        assert signature.parameters[name].default == verb_param.default
        kind, description = parameter_entries(spec.verb)[verb_param.name]
        assert description.splitlines()[0] in doc  # the verb's own description
        assert kind.split(", default")[0].removesuffix(", optional") in doc
    if spec.verb is not None:
        assert f"pd_imbalance.{spec.verb.__name__}" in doc
    for attribute in ("sampling_strategy_", "n_features_in_", "feature_names_in_"):
        assert f"\n{attribute} : " in doc
    assert ("\nsample_indices_ : " in doc) is spec.sample_indices


@pytest.mark.parametrize("cls", ALL, ids=lambda cls: cls.__name__)
def test_params_round_trip(cls: Any) -> None:
    sampler = _make(cls.__name__)
    params = sampler.get_params(deep=False)
    assert params == {
        name: p.default if p.default is not inspect.Parameter.empty else "auto"
        for name, p in inspect.signature(cls).parameters.items()
    }
    copy = clone(sampler)
    assert copy.get_params(deep=False) == params and copy is not sampler
    name = sorted(params)[0]
    assert copy.set_params(**{name: "x"}).get_params()[name] == "x"
    assert getattr(sampler, name) == params[name]
    assert repr(copy) == f"{cls.__name__}({name}='x'" + (
        ", categorical_features='auto')" if cls.__name__ == "SMOTENC" else ")"
    )
    assert pickle.loads(pickle.dumps(sampler)).get_params() == sampler.get_params()
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        _make(cls.__name__, nope=1)


def test_smotenc_categorical_features_is_required_and_positional() -> None:
    with pytest.raises(TypeError, match="categorical_features"):
        samplers.SMOTENC()
    assert samplers.SMOTENC([0, 2]).categorical_features == [0, 2]
    with pytest.raises(TypeError):
        samplers.SMOTE(5)  # the others are keyword-only, as in imblearn


def test_nested_params_of_the_combinations() -> None:
    chain = samplers.SMOTETomek(smote=samplers.SMOTE(k_neighbors=3))
    assert chain.get_params()["smote__k_neighbors"] == 3
    chain.set_params(smote__k_neighbors=4)
    assert chain.smote.k_neighbors == 4
    assert clone(chain).smote is not chain.smote


# --- parity with imbalanced-learn on tie-free data ---------------------------------------


_NEARMISS3_SHORT = "ignore:nearmiss-3 found only:pd_imbalance.errors.ImbalanceWarning"


@pytest.mark.filterwarnings(_NEARMISS3_SHORT)
@pytest.mark.filterwarnings("ignore::UserWarning")  # imblearn's NearMiss-3 warns the same
@pytest.mark.parametrize(("name", "params"), DETERMINISTIC, ids=str)
@pytest.mark.parametrize("counts", [(60, 20), (50, 30, 15)], ids=["binary", "3-class"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kept_rows_are_imblearns(name: str, params: dict[str, Any], counts: Any, seed: int) -> None:
    X, y = _tie_free(counts, seed)
    ours = _make(name, **params)
    oracle = _oracle_class(name)(**params)
    X_res, y_res = ours.fit_resample(X, y)
    oracle.fit_resample(X, y)
    assert sorted(ours.sample_indices_.tolist()) == sorted(oracle.sample_indices_.tolist())
    np.testing.assert_array_equal(X_res, X[ours.sample_indices_])
    np.testing.assert_array_equal(y_res, y[ours.sample_indices_])
    assert (np.diff(ours.sample_indices_) > 0).all()  # original order kept


@pytest.mark.parametrize("name", ["RandomOverSampler", "SMOTE", "SMOTENC", "BorderlineSMOTE"])
@pytest.mark.parametrize("counts", [(60, 20), (50, 30, 15)], ids=["binary", "3-class"])
@pytest.mark.parametrize("strategy", ["auto", "minority", {1: 70}])
def test_oversampled_counts_are_imblearns(name: str, counts: Any, strategy: Any) -> None:
    X, y = _tie_free(counts, 0)
    params = {"categorical_features": [0]} if name == "SMOTENC" else {}
    if name == "SMOTENC":  # a categorical column, as imblearn's SMOTE-NC needs one
        X = np.column_stack([np.round(X[:, 0]), X[:, 1:]])
    ours = _make(name, random_state=0, sampling_strategy=strategy, **params)
    oracle = _oracle_class(name)(random_state=0, sampling_strategy=strategy, **params)
    X_res, y_res = ours.fit_resample(X, y)
    _, y_ref = oracle.fit_resample(X, y)
    assert Counter(y_res.tolist()) == Counter(y_ref.tolist())
    np.testing.assert_array_equal(X_res[: len(X)], X)  # originals first, unchanged


@pytest.mark.parametrize("counts", [(60, 20), (50, 30, 15)], ids=["binary", "3-class"])
def test_adasyn_counts_are_exactly_the_target(counts: Any) -> None:
    X, y = _tie_free(counts, 0)
    _, y_res = samplers.ADASYN(random_state=0).fit_resample(X, y)
    _, y_ref = imblearn.over_sampling.ADASYN(random_state=0).fit_resample(X, y)
    assert Counter(y_res.tolist()) == dict.fromkeys(range(len(counts)), max(counts))
    # imblearn rounds per row, so it may miss the target by a few rows
    for label, count in Counter(y_ref.tolist()).items():
        assert abs(count - max(counts)) <= len(counts) * 5, label


def test_random_oversampler_sample_indices_like_imblearn() -> None:
    X, y = _tie_free((50, 30, 15), 0)
    ours = samplers.RandomOverSampler(random_state=0)
    oracle = imblearn.over_sampling.RandomOverSampler(random_state=0)
    X_res, y_res = ours.fit_resample(X, y)
    oracle.fit_resample(X, y)
    assert len(ours.sample_indices_) == len(oracle.sample_indices_)
    np.testing.assert_array_equal(ours.sample_indices_[: len(X)], np.arange(len(X)))
    np.testing.assert_array_equal(X_res, X[ours.sample_indices_])
    np.testing.assert_array_equal(y_res, y[ours.sample_indices_])


def test_random_oversampler_shrinkage_perturbs_copies_only() -> None:
    X, y = _tie_free((60, 20), 0)
    ours = samplers.RandomOverSampler(random_state=0, shrinkage=0.5)
    X_res, y_res = ours.fit_resample(X, y)
    _, y_ref = imblearn.over_sampling.RandomOverSampler(random_state=0, shrinkage=0.5).fit_resample(
        X, y
    )
    assert Counter(y_res.tolist()) == Counter(y_ref.tolist())
    np.testing.assert_array_equal(X_res[:80], X)
    new = X_res[80:]
    assert not np.isin(new, X).any()  # smoothed: no exact copies
    bases = X[ours.sample_indices_[80:]]
    assert (y[ours.sample_indices_[80:]] == 1).all()
    assert np.abs(new - bases).max() < 5 * X[y == 1].std(axis=0).max()


@pytest.mark.parametrize("name", ["SMOTETomek", "SMOTEENN"])
def test_combinations_are_their_two_steps(name: str) -> None:
    X, y = _tie_free((60, 20), 0)
    cleaner = (
        samplers.TomekLinks(sampling_strategy="all")
        if name == "SMOTETomek"
        else samplers.EditedNearestNeighbours(sampling_strategy="all")
    )
    X_mid, y_mid = samplers.SMOTE(random_state=0).fit_resample(X, y)
    X_ref, y_ref = cleaner.fit_resample(X_mid, y_mid)
    X_res, y_res = _make(name, random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X_ref)
    np.testing.assert_array_equal(y_res, y_ref)
    # a given SMOTE is used with its own parameters (not the chain's sampling_strategy)
    step = samplers.SMOTE(k_neighbors=3, random_state=1, sampling_strategy={1: 40})
    X_mid, y_mid = step.fit_resample(X, y)
    X_ref, _ = cleaner.fit_resample(X_mid, y_mid)
    X_res, _ = _make(name, smote=step, sampling_strategy="all").fit_resample(X, y)
    np.testing.assert_array_equal(X_res, X_ref)
    assert not hasattr(step, "sampling_strategy_") or step.k_neighbors == 3


@pytest.mark.parametrize("name", ["SMOTETomek", "SMOTEENN"])
def test_combinations_refuse_foreign_steps(name: str) -> None:
    X, y = _tie_free((60, 20), 0)
    with pytest.raises(TypeError, match=r"smote must be None or a pd_imbalance.sklearn"):
        _make(name, smote=imblearn.over_sampling.SMOTE()).fit_resample(X, y)
    with pytest.raises(TypeError, match=r"over-sampling sampler"):
        _make(name, smote=samplers.TomekLinks()).fit_resample(X, y)


# --- the families behave as imblearn's checks expect (they test only imblearn subclasses) --


def _sample_dataset() -> Any:
    from sklearn.datasets import make_classification

    return make_classification(
        n_samples=1000, n_classes=3, n_informative=4, weights=[0.2, 0.3, 0.5], random_state=0
    )


@pytest.mark.filterwarnings(_NEARMISS3_SHORT)
@pytest.mark.parametrize("name", OVER + UNDER + CLEAN + COMBINED)
def test_family_counts(name: str) -> None:
    X, y = _sample_dataset()
    before = Counter(y.tolist())
    seeded = "random_state" in inspect.signature(getattr(samplers, name)).parameters
    sampler = _make(name, **({"random_state": 0} if seeded else {}))
    _, y_res = sampler.fit_resample(X, y)
    after = Counter(y_res.tolist())
    if name in OVER:
        assert all(count >= max(before.values()) for count in after.values())
        strategy: Any = {2: 498, 0: 498}
    elif name in UNDER:
        if name != "NearMiss" or sampler.version != 3:
            assert set(after.values()) == {min(before.values())}
        strategy = {2: 201, 0: 201}
    elif name in CLEAN:
        minority = min(before, key=before.__getitem__)
        assert all(after[c] < before[c] for c in before if c != minority)
        assert after[minority] == before[minority]
        strategy = [2, 0]
    else:
        assert after[0] >= before[0]
        return
    _, y_res = sampler.set_params(sampling_strategy=strategy).fit_resample(X, y)
    assert Counter(y_res.tolist())[1] == before[1]


# --- neighbours: an int or a NearestNeighbors-like object (imblearn's semantics) ----------


class _Brute:
    """A minimal neighbour search: only fit and kneighbors (no get_params, no n_neighbors)."""

    def __init__(self, n_neighbors: int) -> None:
        self.k = n_neighbors

    def fit(self, X: np.ndarray) -> _Brute:
        self.X_ = np.asarray(X, dtype=float)
        return self

    def kneighbors(
        self, X: np.ndarray, n_neighbors: int | None = None, return_distance: bool = True
    ) -> Any:
        k = self.k if n_neighbors is None else n_neighbors
        distances = np.sqrt(((np.asarray(X)[:, None, :] - self.X_[None]) ** 2).sum(axis=2))
        order = np.argsort(distances, axis=1, kind="stable")[:, :k]
        return (np.take_along_axis(distances, order, axis=1), order) if return_distance else order


#: (class, parameter, int value, the equivalent object's n_neighbors, other params)
_NEIGHBOURS = [
    ("SMOTE", "k_neighbors", 3, 4, {"random_state": 0}),
    ("BorderlineSMOTE", "k_neighbors", 3, 4, {"random_state": 0}),
    ("BorderlineSMOTE", "m_neighbors", 6, 7, {"random_state": 0}),
    ("ADASYN", "n_neighbors", 4, 5, {"random_state": 0}),
    ("NearMiss", "n_neighbors", 3, 3, {"version": 1}),
    ("NearMiss", "n_neighbors_ver3", 2, 2, {"version": 3}),
    ("EditedNearestNeighbours", "n_neighbors", 3, 4, {}),
    ("RepeatedEditedNearestNeighbours", "n_neighbors", 3, 4, {}),
    ("AllKNN", "n_neighbors", 3, 4, {}),
    ("NeighbourhoodCleaningRule", "n_neighbors", 3, 4, {}),
]


@pytest.mark.filterwarnings(_NEARMISS3_SHORT)
@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize(("name", "param", "k", "k_object", "others"), _NEIGHBOURS, ids=str)
def test_neighbours_int_or_object(
    name: str, param: str, k: int, k_object: int, others: dict[str, Any]
) -> None:
    X, y = _tie_free((50, 30, 15), 3)
    results = []
    for value in (k, NearestNeighbors(n_neighbors=k_object), _Brute(k_object)):
        X_res, y_res = _make(name, **{param: value}, **others).fit_resample(X, y)
        results.append((X_res, y_res))
    for X_res, y_res in results[1:]:
        np.testing.assert_array_equal(X_res, results[0][0])
        np.testing.assert_array_equal(y_res, results[0][1])
    if name not in OVER:  # deterministic: the same object gives imblearn's rows
        ours = _make(name, **{param: NearestNeighbors(n_neighbors=k_object)}, **others)
        oracle = _oracle_class(name)(**{param: NearestNeighbors(n_neighbors=k_object)}, **others)
        ours.fit_resample(X, y)
        oracle.fit_resample(X, y)
        assert sorted(ours.sample_indices_) == sorted(oracle.sample_indices_)


def test_neighbour_objects_are_not_fitted() -> None:
    X, y = _tie_free((60, 20), 0)
    search = NearestNeighbors(n_neighbors=4)
    samplers.SMOTE(k_neighbors=search, random_state=0).fit_resample(X, y)
    assert not hasattr(search, "n_samples_fit_")


# --- types round-trip and y forms, every class ------------------------------------------


def _seeded(name: str, **params: Any) -> Any:
    if "random_state" in inspect.signature(getattr(samplers, name)).parameters:
        params.setdefault("random_state", 0)
    return _make(name, **params)


@pytest.mark.parametrize("name", OVER + UNDER + CLEAN + COMBINED)
def test_frames_round_trip_every_class(name: str) -> None:
    X, y = _tie_free((50, 30, 15), 4)
    frame = pd.DataFrame(
        {
            "a": X[:, 0],
            "b": X[:, 1].astype(np.float32),
            "c": pd.array(np.round(X[:, 2] * 10).astype(int), dtype="Int64"),
        },
        index=np.arange(len(y)) * 3 + 7,
    )
    labels = pd.Series(pd.Categorical(np.array(["lo", "mid", "hi"])[y]), index=frame.index)
    labels.name = "grade"
    before = frame.copy(deep=True)
    sampler = _seeded(name)
    X_res, y_res = sampler.fit_resample(frame, labels)
    pd.testing.assert_frame_equal(frame, before)
    assert X_res.dtypes.equals(frame.dtypes) and list(X_res.columns) == ["a", "b", "c"]
    assert y_res.dtype == labels.dtype and y_res.name == "grade"
    assert X_res.index.equals(y_res.index) and X_res.index.is_unique
    originals = X_res.index[X_res.index.isin(frame.index)]
    pd.testing.assert_frame_equal(X_res.loc[originals], frame.loc[originals])
    pd.testing.assert_series_equal(y_res.loc[originals], labels.loc[originals])
    np.testing.assert_array_equal(sampler.feature_names_in_, ["a", "b", "c"])
    np.testing.assert_array_equal(sampler.get_feature_names_out(), ["a", "b", "c"])
    if hasattr(sampler, "sample_indices_"):
        pd.testing.assert_frame_equal(
            X_res.reset_index(drop=True),
            frame.iloc[sampler.sample_indices_].reset_index(drop=True),
        )


@pytest.mark.parametrize("name", OVER + UNDER + CLEAN + COMBINED)
def test_y_forms_give_the_same_rows(name: str) -> None:
    X, y = _tie_free((50, 30, 15), 5)
    X_ref, y_ref = _seeded(name).fit_resample(X, y)
    for y_in in (
        pd.Series(y),
        y.tolist(),
        pd.DataFrame({"t": y}),
        y.reshape(-1, 1),
        y.astype(np.int16),
    ):
        X_res, y_res = _seeded(name).fit_resample(X, y_in)
        np.testing.assert_array_equal(X_res, X_ref)
        np.testing.assert_array_equal(np.asarray(y_res).ravel(), y_ref)
    with pytest.raises(ValueError, match="one label column"):
        _seeded(name).fit_resample(X, pd.DataFrame({"t": y, "u": y}))


@pytest.mark.parametrize("name", OVER + UNDER + CLEAN + COMBINED)
def test_arrays_keep_dtypes_and_memory_every_class(name: str) -> None:
    X, y = _tie_free((50, 30, 15), 6)
    X32, y32 = X.astype(np.float32), y.astype(np.int32)
    X_res, y_res = _seeded(name).fit_resample(X32, y32)
    assert X_res.dtype == np.float32 and y_res.dtype == np.int32
    assert not np.may_share_memory(X_res, X32) and not np.may_share_memory(y_res, y32)
    assert X_res.flags.writeable and y_res.flags.writeable


@pytest.mark.parametrize("name", OVER + UNDER + CLEAN + COMBINED)
def test_refusals_every_class(name: str) -> None:
    X, y = _tie_free((50, 30, 15), 6)
    from scipy import sparse

    with pytest.raises(TypeError, match="sparse X is not supported"):
        _seeded(name).fit_resample(sparse.csr_matrix(X), y)
    with pytest.raises(ValueError, match="2-D array or DataFrame"):
        _seeded(name).fit_resample(X[:, 0], y)
    with pytest.raises(pdi.InvalidTargetError):
        _seeded(name).fit_resample(X, np.zeros(len(y)))


# --- SMOTENC: categorical_features as indices, mask or names -------------------------------


def _mixed() -> tuple[pd.DataFrame, np.ndarray]:
    X, y = _tie_free((60, 20), 7)
    frame = pd.DataFrame({"a": X[:, 0], "shop": (np.abs(X[:, 1]) * 3).astype(int), "b": X[:, 2]})
    return frame, y


@pytest.mark.parametrize(
    "features",
    [[1], [False, True, False], ["shop"], np.array([1]), (1,)],
    ids=["indices", "mask", "names", "ndarray", "tuple"],
)
def test_smotenc_categorical_features_forms(features: Any) -> None:
    frame, y = _mixed()
    expected, _ = samplers.SMOTE(categorical=["shop"], random_state=0).fit_resample(frame, y)
    X_res, _ = samplers.SMOTENC(features, random_state=0).fit_resample(frame, y)
    pd.testing.assert_frame_equal(X_res, expected)
    assert set(X_res["shop"][80:]) <= set(frame["shop"][y == 1])  # chosen, not interpolated
    X_arr, _ = samplers.SMOTENC(
        features if features != ["shop"] else [1], random_state=0
    ).fit_resample(frame.to_numpy(), y)
    np.testing.assert_array_equal(X_arr, expected.to_numpy())


def test_smotenc_counts_like_imblearn_and_refusals() -> None:
    frame, y = _mixed()
    _, y_res = samplers.SMOTENC([1], random_state=0).fit_resample(frame, y)
    oracle = imblearn.over_sampling.SMOTENC(categorical_features=[1], random_state=0)
    _, y_ref = oracle.fit_resample(frame, y)
    assert Counter(y_res.tolist()) == Counter(y_ref.tolist())
    with pytest.raises(ValueError, match=r"\['zz'\], which are not columns of X"):
        samplers.SMOTENC(["zz"]).fit_resample(frame, y)
    with pytest.raises(ValueError, match="categorical_encoder other than None"):
        samplers.SMOTENC([1], categorical_encoder=object()).fit_resample(frame, y)


def test_bad_method_parameters_are_named() -> None:
    X, y = _tie_free((60, 20), 0)
    with pytest.raises(ValueError, match=r"version must be 1, 2 or 3; got 4"):
        samplers.NearMiss(version=4).fit_resample(X, y)
    with pytest.raises(ValueError, match=r"kind must be 'borderline-1' or 'borderline-2'"):
        samplers.BorderlineSMOTE(kind="borderline-3").fit_resample(X, y)
    with pytest.raises(ValueError, match="edited_nearest_neighbours other than None"):
        samplers.NeighbourhoodCleaningRule(edited_nearest_neighbours=object()).fit_resample(X, y)
