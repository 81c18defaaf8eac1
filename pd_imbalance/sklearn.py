"""scikit-learn / imbalanced-learn compatible samplers over the same core.

Each class has imbalanced-learn's name and parameter names and calls one verb (or, for the
combinations, two samplers in turn). They have ``fit_resample(X, y)``, so they work as steps
of ``imblearn.pipeline.Pipeline``: resampling then happens inside each training fold of
``cross_validate`` and never touches validation folds. This module imports scikit-learn;
``import pd_imbalance`` does not import it.

| class | calls |
|---|---|
| `RandomOverSampler` | `oversample(method="random")` |
| `SMOTE` | `oversample(method="smote")`, with `categorical` |
| `SMOTENC` | `oversample(method="smote")`, `categorical_features` -> `categorical` |
| `BorderlineSMOTE` | `oversample(method=kind)` |
| `ADASYN` | `oversample(method="adasyn")`, `n_neighbors` -> `k_neighbors` |
| `RandomUnderSampler` | `undersample(method="random")` |
| `NearMiss` | `undersample(method=f"nearmiss-{version}")` |
| `TomekLinks` | `clean(method="tomek")` |
| `EditedNearestNeighbours` | `clean(method="enn")` |
| `RepeatedEditedNearestNeighbours` | `clean(method="renn")` |
| `AllKNN` | `clean(method="allknn")` |
| `NeighbourhoodCleaningRule` | `clean(method="ncr")` |
| `OneSidedSelection` | `clean(method="oss")`, `n_seeds_S` -> `n_seeds` |
| `SMOTETomek` | `smote` (default `SMOTE`), then `tomek` (default `TomekLinks("all")`) |
| `SMOTEENN` | `smote`, then `enn` (default `EditedNearestNeighbours("all")`) |

Every other parameter has the verb's name, default and meaning. ``k_neighbors``,
``n_neighbors``, ``m_neighbors`` and ``n_neighbors_ver3`` take an int or a NearestNeighbors-like
object (``fit`` and ``kneighbors``); as in imbalanced-learn, an object's ``n_neighbors`` counts
the row itself where a set is searched within itself. ``n_jobs`` is accepted and ignored.

``X`` is a DataFrame or a 2-D array-like (sparse matrices and 1-D or 3-D arrays are refused
with a message saying how to fix them); ``y`` is a Series, a one-column DataFrame, or an
array-like with one label per row of ``X`` (also a column vector or a one-hot matrix, as
imbalanced-learn accepts them; a multi-column DataFrame or a multilabel matrix is refused).
Types come back as they went in, each on its own:

* a DataFrame ``X`` gives a DataFrame (columns, dtypes, sparse dtypes too, and the caller's
  own ``attrs`` kept; original rows keep their index labels, synthetic rows get labels that
  collide with none);
* a list ``X`` gives a list; any other ``X`` a new, writable ndarray of ``X``'s dtype;
* a Series ``y`` gives a Series with ``y``'s dtype (category, Int64, boolean, string,
  pyarrow, ...) and name, indexed like ``X_res`` (or like ``y`` when ``X`` is an array); a
  one-column DataFrame gives a one-column DataFrame the same way;
* a list ``y`` gives a list; a one-hot ``y`` a one-hot matrix of its dtype and width; any
  other ``y`` (a column vector too, as in imbalanced-learn) a new, writable 1-D ndarray of
  ``y``'s dtype (``<U3`` stays ``<U3``).

``ResampledClassifier(estimator, method="smote", correct_prior=True, threshold=None)`` is a
classifier, not a sampler: it resamples inside its own ``fit``, so it needs no
imbalanced-learn pipeline (see its docstring).

The caller's ``X`` and ``y`` are never modified, and returned arrays never share memory
with them. Fitted attributes: ``sampling_strategy_`` (``{class: final count}`` of the
classes whose count changed), ``n_features_in_``, ``feature_names_in_`` (string column
names of a DataFrame), ``get_feature_names_out()``, and ``sample_indices_`` (positions in
``X`` of the rows of ``X_res``) on the random samplers, NearMiss and the cleaners.
"""

from __future__ import annotations

from pd_imbalance._sklearn.classifier import ResampledClassifier
from pd_imbalance._sklearn.table import CLASSES

__all__ = [
    "ADASYN",
    "SMOTE",
    "SMOTEENN",
    "SMOTENC",
    "AllKNN",
    "BorderlineSMOTE",
    "EditedNearestNeighbours",
    "NearMiss",
    "NeighbourhoodCleaningRule",
    "OneSidedSelection",
    "RandomOverSampler",
    "RandomUnderSampler",
    "RepeatedEditedNearestNeighbours",
    "ResampledClassifier",
    "SMOTETomek",
    "TomekLinks",
]

RandomOverSampler = CLASSES["RandomOverSampler"]
SMOTE = CLASSES["SMOTE"]
SMOTENC = CLASSES["SMOTENC"]
BorderlineSMOTE = CLASSES["BorderlineSMOTE"]
ADASYN = CLASSES["ADASYN"]
RandomUnderSampler = CLASSES["RandomUnderSampler"]
NearMiss = CLASSES["NearMiss"]
TomekLinks = CLASSES["TomekLinks"]
EditedNearestNeighbours = CLASSES["EditedNearestNeighbours"]
RepeatedEditedNearestNeighbours = CLASSES["RepeatedEditedNearestNeighbours"]
AllKNN = CLASSES["AllKNN"]
NeighbourhoodCleaningRule = CLASSES["NeighbourhoodCleaningRule"]
OneSidedSelection = CLASSES["OneSidedSelection"]
SMOTETomek = CLASSES["SMOTETomek"]
SMOTEENN = CLASSES["SMOTEENN"]
