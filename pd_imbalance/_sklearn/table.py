"""The one table: each imbalanced-learn sampler name, the verb it calls, its parameters.

Every class of :mod:`pd_imbalance.sklearn` is built here from its :class:`Spec` by
:func:`build`; the parameters come from the verb (name, default, description) unless the
spec renames them or the class has them on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pd_imbalance._sklearn.base import CombinedSampler, Own, Sampler, Spec, build
from pd_imbalance._verbs.cleaning import clean
from pd_imbalance._verbs.oversampling import oversample
from pd_imbalance._verbs.undersampling import undersample

__all__ = ["CLASSES", "SPECS"]

_N_JOBS = Own(
    None,
    "int or None",
    "Accepted for compatibility with imbalanced-learn and ignored: the built-in search is "
    "exact and single-process (a NearestNeighbors-like object brings its own ``n_jobs``).",
)

_CATEGORICAL_FORMS = (
    "As a boolean mask with one entry per column of ``X``, column names or integer "
    "positions, as a list, tuple, ndarray or any other iterable. Integers are positions, "
    "except on a DataFrame whose column labels are integers, where they are those labels. "
    "Columns the dtypes make categorical (bool, category, str, object) stay categorical "
    "whatever it says (text cannot be interpolated). On an object array, a column of real "
    "numbers it does not list is interpolated as numbers."
)


def _only_none(name: str, instead: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value is not None:
            raise ValueError(f"{name} other than None is not supported; {instead}.")

    return check


def _nearmiss(version: Any) -> str:
    if isinstance(version, bool) or version not in (1, 2, 3):
        raise ValueError(f"version must be 1, 2 or 3; got {version!r}.")
    return f"nearmiss-{int(version)}"


def _borderline(kind: Any) -> str:
    if kind not in ("borderline-1", "borderline-2"):
        raise ValueError(f"kind must be 'borderline-1' or 'borderline-2'; got {kind!r}.")
    return str(kind)


def _default_smote(chain: Any) -> Sampler:
    return CLASSES["SMOTE"](
        sampling_strategy=chain.sampling_strategy, random_state=chain.random_state
    )


def _default_tomek(chain: Any) -> Sampler:
    return CLASSES["TomekLinks"](sampling_strategy="all")


def _default_enn(chain: Any) -> Sampler:
    return CLASSES["EditedNearestNeighbours"](sampling_strategy="all")


_CHAIN_STRATEGY = Own(
    "auto",
    "str, float, dict or callable",
    "The over-sampling's ``sampling_strategy`` when ``smote`` is None (see "
    ":func:`pd_imbalance.oversample`).",
)
_CHAIN_SEED = Own(
    None,
    "int, numpy Generator, RandomState or None",
    "The over-sampling's seed when ``smote`` is None.",
)
_CHAIN_SMOTE = Own(
    None,
    "pd_imbalance.sklearn over-sampler or None",
    "The over-sampling step (a copy of it is used, with its own parameters); None: "
    "``SMOTE(sampling_strategy=sampling_strategy, random_state=random_state)``.",
)

_SMOTE_EXAMPLE = """
    >>> import numpy as np
    >>> X = np.arange(24.0).reshape(12, 2)
    >>> y = np.array([0] * 8 + [1] * 4)
    >>> X_res, y_res = SMOTE(k_neighbors=2, random_state=0).fit_resample(X, y)
    >>> np.bincount(y_res).tolist(), bool((X_res[:12] == X).all())
    ([8, 8], True)

    Mixed numbers and categories in one object array, with the category column given by a
    boolean mask:

    >>> X = np.array([[float(i), "ab"[i % 2]] for i in range(12)], dtype=object)
    >>> X_res, y_res = SMOTE(k_neighbors=2, random_state=0,
    ...                      categorical=[False, True]).fit_resample(X, y)
    >>> X_res.dtype, sorted(set(X_res[:, 1])), bool(X_res[12:, 0].astype(float).min() >= 8)
    (dtype('O'), ['a', 'b'], True)
"""

_SMOTENC_EXAMPLE = """
    >>> import pandas as pd
    >>> X = pd.DataFrame({"amount": [float(i) for i in range(12)],
    ...                   "shop": [1, 2, 3] * 4})
    >>> y = pd.Series([0] * 8 + [1] * 4, name="fraud")
    >>> X_res, y_res = SMOTENC(["shop"], k_neighbors=2, random_state=0).fit_resample(X, y)
    >>> y_res.value_counts().to_dict(), set(X_res["shop"]) == {1, 2, 3}
    ({0: 8, 1: 8}, True)
"""

_RUS_EXAMPLE = """
    >>> import numpy as np
    >>> X, y = np.arange(20.0).reshape(10, 2), np.array([0] * 8 + [1] * 2)
    >>> sampler = RandomUnderSampler(random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res).tolist(), bool((X_res == X[sampler.sample_indices_]).all())
    ([2, 2], True)
"""


def _fit_example(name: str, params: str, counts: list[int], indices: bool = False) -> str:
    """Return a doctested example on 60 rows (45 of class 0, 15 of class 1, overlapping)."""
    text = f"""
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y = np.array([0] * 45 + [1] * 15)
    >>> X = rng.normal(size=(60, 2)) + 1.5 * y[:, None]
    >>> sampler = {name}({params})
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> np.bincount(y_res).tolist()
    {counts!r}
    """
    if indices:
        text += """>>> bool((X_res == X[sampler.sample_indices_]).all())  # rows of X, in order
    True
    """
    return text


SPECS: tuple[Spec, ...] = (
    Spec(
        "RandomOverSampler",
        "over-sampling",
        oversample,
        ("sampling_strategy", "random_state", "shrinkage"),
        "Random over-sampling (copies, or a smoothed bootstrap) with ``fit_resample``.",
        fixed={"method": "random"},
        sample_indices=True,
        string=True,
        allow_nan=True,
        example=_fit_example("RandomOverSampler", "random_state=0", [45, 45], indices=True),
    ),
    Spec(
        "SMOTE",
        "over-sampling",
        oversample,
        ("sampling_strategy", "random_state", "k_neighbors", "neighbors", "categorical"),
        "SMOTE (SMOTE-NC on mixed column types) with ``fit_resample``.",
        fixed={"method": "smote"},
        own={
            "categorical": Own(
                "auto",
                '"auto", list-like of columns or boolean mask',
                "Columns to treat as categorical besides the automatic ones (e.g. integer "
                "codes), like imbalanced-learn's ``categorical_features``. " + _CATEGORICAL_FORMS,
            )
        },
        categorical="categorical",
        string=True,
        example=_SMOTE_EXAMPLE,
    ),
    Spec(
        "SMOTENC",
        "over-sampling",
        oversample,
        (
            "categorical_features",
            "categorical_encoder",
            "sampling_strategy",
            "random_state",
            "k_neighbors",
            "neighbors",
        ),
        "SMOTE-NC (nominal and continuous features) with ``fit_resample``.",
        fixed={"method": "smote"},
        own={
            "categorical_features": Own(
                None,
                '"auto", list-like of columns or boolean mask',
                'The categorical columns ("auto": those the dtypes say). ' + _CATEGORICAL_FORMS,
                required=True,
            ),
            "categorical_encoder": Own(
                None,
                "None",
                "Only None (categories are compared as values; a custom encoder is not supported).",
                check=_only_none("categorical_encoder", "categories are compared as values"),
            ),
        },
        categorical="categorical_features",
        string=True,
        example=_SMOTENC_EXAMPLE,
    ),
    Spec(
        "BorderlineSMOTE",
        "over-sampling",
        oversample,
        ("sampling_strategy", "random_state", "k_neighbors", "m_neighbors", "neighbors", "kind"),
        "Borderline-SMOTE (SMOTE from the rows in danger) with ``fit_resample``.",
        own={
            "kind": Own(
                "borderline-1",
                '{"borderline-1", "borderline-2"}',
                'The variant: ``"borderline-2"`` also interpolates toward other classes.',
            )
        },
        method=("kind", _borderline),
        example=_fit_example("BorderlineSMOTE", "random_state=0", [45, 45]),
    ),
    Spec(
        "ADASYN",
        "over-sampling",
        oversample,
        ("sampling_strategy", "random_state", "n_neighbors", "neighbors"),
        "ADASYN (more synthetic rows where other classes crowd in) with ``fit_resample``.",
        fixed={"method": "adasyn"},
        renames={"n_neighbors": "k_neighbors"},
        example=_fit_example("ADASYN", "random_state=0", [45, 45]),
    ),
    Spec(
        "RandomUnderSampler",
        "under-sampling",
        undersample,
        ("sampling_strategy", "random_state", "replacement"),
        "Random under-sampling with ``fit_resample``.",
        fixed={"method": "random"},
        numbers_from_objects=False,
        sample_indices=True,
        string=True,
        allow_nan=True,
        example=_RUS_EXAMPLE,
    ),
    Spec(
        "NearMiss",
        "under-sampling",
        undersample,
        ("sampling_strategy", "version", "n_neighbors", "n_neighbors_ver3", "neighbors", "n_jobs"),
        "NearMiss under-sampling (keep the rows nearest the other classes) with ``fit_resample``.",
        own={
            "version": Own(1, "{1, 2, 3}", "NearMiss-1, -2 or -3 (see the verb's ``method``)."),
            "n_jobs": _N_JOBS,
        },
        method=("version", _nearmiss),
        sample_indices=True,
        example=_fit_example("NearMiss", "version=2", [15, 15], indices=True),
    ),
    Spec(
        "TomekLinks",
        "clean-sampling",
        clean,
        ("sampling_strategy", "neighbors", "n_jobs"),
        "Remove Tomek links (pairs of mutual nearest neighbours of different classes) with "
        "``fit_resample``.",
        fixed={"method": "tomek"},
        own={"n_jobs": _N_JOBS},
        sample_indices=True,
        example=_fit_example("TomekLinks", "", [42, 15], indices=True),
    ),
    Spec(
        "EditedNearestNeighbours",
        "clean-sampling",
        clean,
        ("sampling_strategy", "n_neighbors", "kind_sel", "neighbors", "n_jobs"),
        "Edited nearest neighbours (remove rows their neighbours disagree with) with "
        "``fit_resample``.",
        fixed={"method": "enn"},
        own={"n_jobs": _N_JOBS},
        sample_indices=True,
        example=_fit_example("EditedNearestNeighbours", "", [29, 15], indices=True),
    ),
    Spec(
        "RepeatedEditedNearestNeighbours",
        "clean-sampling",
        clean,
        ("sampling_strategy", "n_neighbors", "max_iter", "kind_sel", "neighbors", "n_jobs"),
        "Repeated edited nearest neighbours with ``fit_resample``.",
        fixed={"method": "renn"},
        own={"n_jobs": _N_JOBS},
        sample_indices=True,
        example=_fit_example("RepeatedEditedNearestNeighbours", "", [25, 15], indices=True),
    ),
    Spec(
        "AllKNN",
        "clean-sampling",
        clean,
        ("sampling_strategy", "n_neighbors", "kind_sel", "allow_minority", "neighbors", "n_jobs"),
        "All-k-NN editing (ENN with 1, 2, ... neighbours) with ``fit_resample``.",
        fixed={"method": "allknn"},
        own={"n_jobs": _N_JOBS},
        sample_indices=True,
        example=_fit_example("AllKNN", "", [28, 15], indices=True),
    ),
    Spec(
        "NeighbourhoodCleaningRule",
        "clean-sampling",
        clean,
        (
            "sampling_strategy",
            "edited_nearest_neighbours",
            "n_neighbors",
            "threshold_cleaning",
            "neighbors",
            "n_jobs",
        ),
        "The neighbourhood cleaning rule with ``fit_resample``.",
        fixed={"method": "ncr"},
        own={
            "edited_nearest_neighbours": Own(
                None,
                "None",
                "Only None: the editing step is the verb's, with ``n_neighbors``.",
                check=_only_none("edited_nearest_neighbours", "set n_neighbors instead"),
            ),
            "n_jobs": _N_JOBS,
        },
        sample_indices=True,
        example=_fit_example("NeighbourhoodCleaningRule", "", [32, 15], indices=True),
    ),
    Spec(
        "OneSidedSelection",
        "clean-sampling",
        clean,
        ("sampling_strategy", "random_state", "n_neighbors", "n_seeds_S", "neighbors", "n_jobs"),
        "One-sided selection (condensing, then Tomek links) with ``fit_resample``.",
        fixed={"method": "oss"},
        renames={"n_seeds_S": "n_seeds"},
        own={"n_jobs": _N_JOBS},
        sample_indices=True,
        example=_fit_example("OneSidedSelection", "random_state=0", [38, 15], indices=True),
    ),
    Spec(
        "SMOTETomek",
        "over-sampling",
        None,
        ("sampling_strategy", "random_state", "smote", "tomek", "n_jobs"),
        "SMOTE, then removal of Tomek links, with ``fit_resample``.",
        own={
            "sampling_strategy": _CHAIN_STRATEGY,
            "random_state": _CHAIN_SEED,
            "smote": _CHAIN_SMOTE,
            "tomek": Own(
                None,
                "pd_imbalance.sklearn.TomekLinks or None",
                "The cleaning step (a copy of it is used); None: "
                '``TomekLinks(sampling_strategy="all")``.',
            ),
            "n_jobs": _N_JOBS,
        },
        steps=(("smote", _default_smote), ("tomek", _default_tomek)),
        example=_fit_example("SMOTETomek", "random_state=0", [41, 41]),
    ),
    Spec(
        "SMOTEENN",
        "over-sampling",
        None,
        ("sampling_strategy", "random_state", "smote", "enn", "n_jobs"),
        "SMOTE, then edited nearest neighbours, with ``fit_resample``.",
        own={
            "sampling_strategy": _CHAIN_STRATEGY,
            "random_state": _CHAIN_SEED,
            "smote": _CHAIN_SMOTE,
            "enn": Own(
                None,
                "pd_imbalance.sklearn.EditedNearestNeighbours or None",
                "The cleaning step (a copy of it is used); None: "
                '``EditedNearestNeighbours(sampling_strategy="all")``.',
            ),
            "n_jobs": _N_JOBS,
        },
        steps=(("smote", _default_smote), ("enn", _default_enn)),
        example=_fit_example("SMOTEENN", "random_state=0", [26, 32]),
    ),
)

#: Every sampler class by name.
CLASSES: dict[str, type[Sampler]] = {
    spec.name: build(spec, CombinedSampler if spec.steps else Sampler) for spec in SPECS
}
