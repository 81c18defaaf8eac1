"""``ResampledClassifier``: a classifier that resamples its training rows inside ``fit``.

Resampling happens in ``fit`` only, through the same verbs as ``pd_imbalance.resample``, so
a plain scikit-learn ``Pipeline``, ``cross_validate`` and ``GridSearchCV`` resample each
training fold and never a validation fold, without imbalanced-learn. ``predict_proba`` can
move the probabilities back to the class shares of the data the model was given (the prior
correction of :func:`pd_imbalance.correct_prior`), and ``predict`` can use a fixed or a
tuned threshold.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, clone
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from pd_imbalance._core.prior import correct_columns, prior_ratios
from pd_imbalance._core.random import seed_sequence, spawn
from pd_imbalance._pandas.records import json_safe
from pd_imbalance._sklearn.inputs import as_input, split_back
from pd_imbalance._verbs.split import split_then_resample
from pd_imbalance._verbs.steps import check_steps, resample
from pd_imbalance._verbs.threshold import tune_threshold

__all__ = ["ResampledClassifier"]

_SCORES = "__pd_imbalance_score__"


class ResampledClassifier(ClassifierMixin, MetaEstimatorMixin, BaseEstimator):  # type: ignore[misc]
    """Fit ``estimator`` on resampled rows; predict with corrected probabilities.

    ``fit(X, y)`` resamples ``X, y`` with ``method`` (any name or chain that
    :func:`pd_imbalance.resample` accepts as ``steps``) and fits a clone of ``estimator``
    on the result. Because resampling is part of ``fit``, this works as the last step of a
    plain ``sklearn.pipeline.Pipeline`` and inside ``cross_validate`` / ``GridSearchCV``:
    only training folds are resampled. Resampling changes the class shares the model
    learns, so its raw probabilities overstate the minority (van den Goorbergh et al.,
    JAMIA 2022); with ``correct_prior=True`` ``predict_proba`` maps them back to the shares
    of the rows ``fit`` was given (Elkan 2001), using the class counts before and after its
    own resampling.

    Parameters
    ----------
    estimator : scikit-learn classifier
        The model to fit on the resampled rows (cloned; needs ``predict_proba``).
    method : str or list of steps, default="smote"
        A resampling method name (``"smote"``, ``"undersample"``, ``"tomek"``, ...), a list
        of names / ``(name, {option: value})`` pairs run in turn, or ``"none"``.
    correct_prior : bool, default=True
        Whether ``predict_proba`` (and so ``predict``) corrects the probabilities to the
        class shares before resampling.
    threshold : None, float or "tuned", default=None
        How ``predict`` decides. None: the class of highest probability. A float (binary
        only): the positive class (``classes_[1]``) where its probability is
        ``>= threshold``. ``"tuned"`` (binary only): a threshold chosen by
        :func:`pd_imbalance.tune_threshold` on an inner stratified validation split (25 %)
        of the fit data, scored by a model fitted on the resampled other 75 %; the final
        model is then refitted on all the (resampled) rows.
    random_state : int, numpy Generator, SeedSequence or None, default=None
        Seeds the resampling and the inner split.
    method_options : dict, optional
        Options for ``method`` (e.g. ``{"k_neighbors": 3}``). Keyword arguments given to the
        constructor (``ResampledClassifier(model, "smote", k_neighbors=3)``) are merged into
        it (a keyword wins over the same key in the dict), so ``get_params`` /
        ``set_params`` / ``clone`` and grid search see one parameter, ``method_options``:
        search over it with ``{"method_options": [{"k_neighbors": 3}, {"k_neighbors": 5}]}``.
    tune_options : dict, optional
        Options for :func:`pd_imbalance.tune_threshold` with ``threshold="tuned"``, e.g.
        ``{"objective": "min_recall", "min_recall": 0.8}`` (default: maximise F1).

    Attributes
    ----------
    estimator_ : classifier
        The fitted clone of ``estimator``.
    classes_ : ndarray
        The class labels.
    counts_before_, counts_after_ : dict
        ``{class: rows}`` of the fit data and of the resampled rows.
    prior_ratios_ : ndarray
        ``share before / share after`` of each class (in ``classes_`` order).
    threshold_ : float or None
        The threshold ``predict`` uses (None: the most probable class).
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of str
        Names of the features, when ``X`` was a DataFrame with string column names.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from pd_imbalance.sklearn import ResampledClassifier
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(400, 2))
    >>> y = (X[:, 0] + rng.normal(size=400) > 1.8).astype(int)
    >>> clf = ResampledClassifier(LogisticRegression(), "undersample", random_state=0).fit(X, y)
    >>> clf.counts_before_, clf.counts_after_
    ({0: 371, 1: 29}, {0: 29, 1: 29})
    >>> bool(abs(clf.predict_proba(X)[:, 1].mean() - y.mean()) < 0.03)
    True
    """

    def __init__(
        self,
        estimator: Any,
        method: Any = "smote",
        *,
        correct_prior: bool = True,
        threshold: float | str | None = None,
        random_state: Any = None,
        method_options: dict[str, Any] | None = None,
        tune_options: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.estimator = estimator
        self.method = method
        self.correct_prior = correct_prior
        self.threshold = threshold
        self.random_state = random_state
        if kwargs and (method_options is None or isinstance(method_options, Mapping)):
            # no checks here (scikit-learn's rule: __init__ only stores); a keyword wins
            method_options = {**(method_options or {}), **kwargs}
        self.method_options = method_options
        self.tune_options = tune_options

    # -- fitting ------------------------------------------------------------------------------

    def _steps(self) -> list[Any] | None:
        method = self.method
        if self.method_options is not None and not isinstance(self.method_options, Mapping):
            raise TypeError(
                "method_options must be a dict of options for method, or None; got "
                f"{type(self.method_options).__name__}."
            )
        options = dict(self.method_options or {})
        if not isinstance(method, str | list | tuple):
            raise TypeError(
                "method must be a method name or a list of steps (see pd_imbalance.resample); "
                f"got {type(method).__name__}."
            )
        if isinstance(method, str):
            if method == "none":
                if options:
                    raise ValueError("method='none' takes no method_options.")
                return None
            return [(method, options)] if options else [method]
        if options:
            raise ValueError(
                "method_options apply to a single method name; for a chain give each step its "
                "options as (name, {option: value})."
            )
        steps = list(method)
        check_steps(steps)
        return steps

    def _check_threshold(self, n_classes: int) -> float | str | None:
        threshold = self.threshold
        if threshold is None:
            return None
        if isinstance(threshold, str):
            if threshold != "tuned":
                raise ValueError(
                    f"threshold must be None, a number in [0, 1] or 'tuned'; got {threshold!r}."
                )
        elif isinstance(threshold, bool) or not isinstance(threshold, int | float):
            raise TypeError(
                f"threshold must be None, a number or 'tuned'; got {type(threshold).__name__}."
            )
        elif not 0.0 <= float(threshold) <= 1.0:
            raise ValueError(f"threshold must be in [0, 1]; got {threshold!r}.")
        if n_classes != 2:
            raise ValueError(
                f"threshold={threshold!r} needs a binary target; y has {n_classes} classes. "
                "Use threshold=None, or pd_imbalance.decide with a cost matrix."
            )
        return threshold if isinstance(threshold, str) else float(threshold)

    def _resampled(
        self, frame: pd.DataFrame, label: Hashable, steps: list[Any] | None, seed: Any
    ) -> pd.DataFrame:
        if steps is None:
            return frame
        out: pd.DataFrame = resample(
            frame, label, steps=steps, random_state=seed, max_classes=None
        )
        return out

    def _fit_on(self, out: pd.DataFrame, data: Any, fit_params: dict[str, Any]) -> Any:
        X_res, y_res = split_back(out, data)
        return clone(self.estimator).fit(X_res, y_res, **fit_params)

    def fit(self, X: Any, y: Any, **fit_params: Any) -> ResampledClassifier:
        """Resample ``X, y`` and fit a clone of ``estimator`` on the result.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            The features: a DataFrame is passed on as it is (any dtypes the method and the
            estimator accept); an array must be numeric and finite.
        y : Series or array-like of shape (n_samples,)
            The class labels.
        **fit_params
            Passed to the estimator's ``fit`` (they must not be per-row: the rows change).

        Returns
        -------
        self
        """
        if isinstance(X, pd.DataFrame):  # kept as it is: dtypes, categories, pyarrow
            validate_data(self, X, y, skip_check_array=True)
        else:  # an array: numbers, finite (the resampling needs them)
            X, _ = validate_data(self, X, y, dtype="numeric")
        check_classification_targets(y)
        steps = self._steps()
        data, _ = as_input(X, y, "auto", numbers_from_objects=True)
        frame, label = data.frame, data.label
        resample_seed, split_seed = spawn(seed_sequence(self.random_state), 2)
        out = self._resampled(frame, label, steps, resample_seed)
        threshold = self._check_threshold(int(frame[label].nunique()))
        self.estimator_ = self._fit_on(out, data, fit_params)
        self.classes_ = np.asarray(self.estimator_.classes_)
        entry = out.attrs.get("pd_imbalance", {})
        before = entry.get("counts_before")
        after = entry.get("counts_after")
        if steps is None or before is None or after is None:
            counts = {json_safe(c): int(n) for c, n in frame[label].value_counts().items()}
            before = after = counts
        self.counts_before_ = dict(before)
        self.counts_after_ = dict(after)
        self.prior_ratios_ = self._ratios()
        if threshold == "tuned":
            tuned = self._tune(frame, label, data, steps, split_seed, fit_params)
            self.threshold_: float | None = tuned
        else:
            self.threshold_ = threshold if threshold is None else float(threshold)
        return self

    def _ratios(self) -> np.ndarray:
        keys = [json_safe(c) for c in self.classes_]
        missing = [k for k in keys if not self.counts_after_.get(k)]
        if missing:
            raise ValueError(
                f"resampling left no rows of class(es) {missing}; the model cannot learn them. "
                "Use another method or keep every class."
            )
        n_before = sum(self.counts_before_.values())
        n_after = sum(self.counts_after_.values())
        share_before = np.array([self.counts_before_[k] / n_before for k in keys])
        share_after = np.array([self.counts_after_[k] / n_after for k in keys])
        return prior_ratios(share_after, share_before)

    def _tune(
        self,
        frame: pd.DataFrame,
        label: Hashable,
        data: Any,
        steps: list[Any] | None,
        seed: Any,
        fit_params: dict[str, Any],
    ) -> float:
        parts = split_then_resample(
            frame, label, method=steps if steps is not None else "none", test_size=0.25,
            random_state=seed, max_classes=None,
        )
        inner = self._fit_on(parts.train, data, fit_params)
        held = parts.test.drop(columns=[label])
        X_held: Any = held.to_numpy()
        if data.x_frame is not None:
            X_held = held.set_axis(data.x_frame.columns, axis=1)
        proba = np.asarray(inner.predict_proba(X_held), dtype=np.float64)
        if self.correct_prior:
            proba = correct_columns(proba, self.prior_ratios_)
        scored = pd.DataFrame(
            {label: parts.test[label].to_numpy(), _SCORES: proba[:, 1]},
            index=parts.test.index,
        )
        positive = self.classes_[1]
        options = {"pos_label": positive.item() if isinstance(positive, np.generic) else positive}
        options.update(self.tune_options or {})
        return float(tune_threshold(scored, label, scores=_SCORES, **options).threshold)

    # -- predicting ----------------------------------------------------------------------------

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, prior-corrected when ``correct_prior`` is True.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
            Columns in ``classes_`` order.
        """
        check_is_fitted(self)
        if isinstance(X, pd.DataFrame):
            validate_data(self, X, reset=False, skip_check_array=True)
        else:  # NaN is the estimator's business here
            X = validate_data(self, X, reset=False, dtype="numeric", ensure_all_finite=False)
        proba = np.asarray(self.estimator_.predict_proba(X), dtype=np.float64)
        if self.correct_prior:
            proba = correct_columns(proba, self.prior_ratios_)
        return proba

    def predict(self, X: Any) -> np.ndarray:
        """Predict classes: the most probable one, or by ``threshold_`` (binary).

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        proba = self.predict_proba(X)
        if self.threshold_ is None:
            out: np.ndarray = self.classes_[np.argmax(proba, axis=1)]
            return out
        positive = proba[:, 1] >= self.threshold_
        result: np.ndarray = self.classes_[positive.astype(np.intp)]
        return result

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        return tags
