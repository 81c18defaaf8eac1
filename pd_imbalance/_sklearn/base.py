"""The sampler machinery: a :class:`Spec` per class, and :func:`build`, which makes the class.

A spec says which verb a class calls and how its imbalanced-learn parameter names map onto
the verb's. :func:`build` turns it into a scikit-learn estimator: an ``__init__`` with the
right keyword parameters (defaults from the verb's signature), a numpydoc docstring composed
from the verb's, ``fit_resample`` calling the verb, and the sampler tags.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, clone

from pd_imbalance._pandas.labels import count_classes
from pd_imbalance._sklearn.docstrings import (
    parameter_entries,
    section,
    summary_line,
    with_default,
)
from pd_imbalance._sklearn.inputs import Input, as_input, split_back, writable
from pd_imbalance._sklearn.tags import Tags, sampler_tags

__all__ = ["CombinedSampler", "Own", "Sampler", "Spec", "build"]

Family = Literal["over-sampling", "under-sampling", "clean-sampling"]


@dataclass(frozen=True)
class Own:
    """A parameter of the class that the verb does not have.

    Attributes
    ----------
    default : object
        Its default (``required`` parameters have none).
    kind : str
        The numpydoc type line, without the default.
    doc : str
        Its description.
    check : callable, optional
        ``check(value)`` raises for a value the class cannot honour.
    required : bool
        A positional parameter without a default (SMOTENC's ``categorical_features``).
    """

    default: Any
    kind: str
    doc: str
    check: Callable[[Any], None] | None = None
    required: bool = False


@dataclass(frozen=True)
class Spec:
    """How one imbalanced-learn class name maps onto a verb.

    Attributes
    ----------
    name : str
        The class name (imbalanced-learn's).
    family : str
        ``"over-sampling"``, ``"under-sampling"`` or ``"clean-sampling"``.
    verb : callable or None
        The verb called (None for a chain of samplers, see :class:`CombinedSampler`).
    params : tuple of str
        The class's parameters, in order.
    summary : str
        The docstring's first line.
    fixed : mapping
        Verb options every call passes (e.g. ``{"method": "smote"}``).
    renames : mapping
        Class parameter name -> verb parameter name, where they differ.
    own : mapping
        The class's parameters the verb does not have (:class:`Own`).
    method : tuple, optional
        ``(parameter, to_method)``: the verb's ``method`` is ``to_method(value)`` (NearMiss's
        ``version``, BorderlineSMOTE's ``kind``).
    categorical : str, optional
        The parameter naming the categorical columns.
    steps : tuple
        Chains: ``(parameter, make_default)`` per step, each step a sampler object or None
        (``make_default(chain)`` makes it).
    numbers_from_objects : bool
        Numeric object columns of an array X are numbers (distances, interpolation).
    sample_indices : bool
        The class sets ``sample_indices_``.
    string, allow_nan : bool
        The input tags: text features (object arrays of strings); NaN in features.
    example : str
        The docstring's Examples section (doctested).
    """

    name: str
    family: Family
    verb: Callable[..., Any] | None
    params: tuple[str, ...]
    summary: str
    fixed: Mapping[str, Any] = field(default_factory=dict)
    renames: Mapping[str, str] = field(default_factory=dict)
    own: Mapping[str, Own] = field(default_factory=dict)
    method: tuple[str, Callable[[Any], str]] | None = None
    categorical: str | None = None
    steps: tuple[tuple[str, Callable[[Any], Sampler]], ...] = ()
    numbers_from_objects: bool = True
    sample_indices: bool = False
    string: bool = False
    allow_nan: bool = False
    example: str = ""

    def verb_name(self, param: str) -> str:
        """Return the verb's name for class parameter ``param``."""
        return self.renames.get(param, param)

    def default(self, param: str) -> Any:
        """Return the default of ``param``: the class's own, else the verb's."""
        if param in self.own:
            return self.own[param].default
        assert self.verb is not None
        return inspect.signature(self.verb).parameters[self.verb_name(param)].default


def _changed_counts(y_before: pd.Series, y_after: pd.Series) -> dict[Any, int]:
    """Return the final count of every class whose count changed (any label dtype)."""
    before, after = count_classes(y_before), count_classes(y_after)
    was = dict(zip(before.labels, before.counts.tolist(), strict=True))
    return {
        label: count
        for label, count in zip(after.labels, after.counts.tolist(), strict=True)
        if count != was.get(label)
    }


class Sampler(OneToOneFeatureMixin, BaseEstimator):  # type: ignore[misc]
    """``fit_resample`` / ``fit`` around one verb (the class's :class:`Spec` says which)."""

    _spec: ClassVar[Spec]
    _estimator_type = "sampler"

    def __init__(self, **params: Any) -> None:  # replaced by build() in every class
        raise TypeError("build a sampler class with pd_imbalance._sklearn.base.build")

    @property
    def _sampling_type(self) -> str:
        return self._spec.family

    def _categorical(self) -> Any:
        name = self._spec.categorical
        return "auto" if name is None else getattr(self, name)

    def _options(self, categorical: str | list[Hashable]) -> dict[str, Any]:
        """Return the verb's keyword arguments for this sampler's parameters."""
        spec = self._spec
        assert spec.verb is not None
        options = dict(spec.fixed)
        for param in spec.params:
            if param in spec.own:
                check = spec.own[param].check
                if check is not None:
                    check(getattr(self, param))
            elif param != spec.categorical:
                options[spec.verb_name(param)] = getattr(self, param)
        if spec.method is not None:
            param, to_method = spec.method
            options["method"] = to_method(getattr(self, param))
        if "categorical" in inspect.signature(spec.verb).parameters:
            options["categorical"] = categorical
        return options

    def _run(
        self, frame: pd.DataFrame, label: Hashable, categorical: str | list[Hashable]
    ) -> tuple[pd.DataFrame, np.ndarray | None]:
        """Call the verb on ``frame`` (indexed by row positions).

        Returns the output frame and, for samplers with ``sample_indices_``, the input
        position each output row comes from.
        """
        spec = self._spec
        assert spec.verb is not None
        options = self._options(categorical)
        if spec.family == "over-sampling" and spec.sample_indices:
            result = spec.verb(frame, label, **options, return_plan=True)
            out: pd.DataFrame = result.frame
            base = np.asarray(result.provenance["base_position"], dtype=np.intp)
            return out, np.concatenate([np.arange(len(frame), dtype=np.intp), base])
        out = spec.verb(frame, label, **options)
        return out, np.asarray(out.index, dtype=np.intp)

    def _set_feature_attributes(self, data: Input) -> None:
        columns = data.frame.columns[:-1]
        self.n_features_in_ = len(columns)
        if data.x_frame is not None and all(isinstance(c, str) for c in columns):
            self.feature_names_in_ = np.asarray(columns, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    def fit_resample(self, X: Any, y: Any) -> tuple[Any, Any]:
        """Resample ``X`` and ``y``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            The features (not sparse).
        y : Series, one-column DataFrame or array-like of shape (n_samples,)
            One class label per row of ``X`` (also a column vector or a one-hot matrix).

        Returns
        -------
        X_res : DataFrame, ndarray or list
            A DataFrame for a DataFrame ``X`` (index labels kept), a list for a list, else
            an ndarray of ``X``'s dtype.
        y_res : Series, DataFrame, ndarray or list
            In ``y``'s type and dtype (a column vector comes back 1-D, as in
            imbalanced-learn).
        """
        spec = self._spec
        data, categorical = as_input(X, y, self._categorical(), spec.numbers_from_objects)
        self._set_feature_attributes(data)
        out, positions = self._run(data.frame, data.label, categorical)
        if spec.sample_indices:
            assert positions is not None
            self.sample_indices_ = writable(positions)
        self.sampling_strategy_ = _changed_counts(data.frame[data.label], out[data.label])
        return split_back(out, data)

    def fit(self, X: Any, y: Any) -> Sampler:
        """Resample once to set the fitted attributes; return self.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            The features.
        y : Series or array-like of shape (n_samples,)
            The class labels.

        Returns
        -------
        self
            The fitted sampler.
        """
        self.fit_resample(X, y)
        return self

    def __sklearn_tags__(self) -> Tags:
        spec = self._spec
        return sampler_tags(
            super().__sklearn_tags__(),
            sample_indices=spec.sample_indices,
            string=spec.string,
            allow_nan=spec.allow_nan,
        )


class CombinedSampler(Sampler):
    """A chain of samplers (over-sampling, then cleaning), run one after the other."""

    def _steps(self) -> list[Sampler]:
        steps = []
        for param, make_default in self._spec.steps:
            given = getattr(self, param)
            default = make_default(self)
            if given is None:
                steps.append(default)
                continue
            if not isinstance(given, Sampler) or given._spec.family != default._spec.family:
                raise TypeError(
                    f"{param} must be None or a pd_imbalance.sklearn {default._spec.family} "
                    f"sampler such as {type(default).__name__}(...); got "
                    f"{type(given).__module__}.{type(given).__name__}."
                )
            steps.append(clone(given))
        return steps

    def _categorical(self) -> Any:
        return self._steps()[0]._categorical()

    def _run(
        self, frame: pd.DataFrame, label: Hashable, categorical: str | list[Hashable]
    ) -> tuple[pd.DataFrame, np.ndarray | None]:
        for spec_param in self._spec.params:
            own = self._spec.own.get(spec_param)
            if own is not None and own.check is not None:
                own.check(getattr(self, spec_param))
        out = frame
        for step in self._steps():
            out, _ = step._run(out, label, categorical)
        return out, None


def _signature(spec: Spec) -> inspect.Signature:
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    required = [
        inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        for name in spec.params
        if name in spec.own and spec.own[name].required
    ]
    keywords = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=spec.default(name))
        for name in spec.params
        if not (name in spec.own and spec.own[name].required)
    ]
    return inspect.Signature([self_param, *required, *keywords])


def _docstring(spec: Spec, signature: inspect.Signature) -> str:
    verb_entries = parameter_entries(spec.verb) if spec.verb is not None else {}
    entries = []
    for name, parameter in list(signature.parameters.items())[1:]:
        if name in spec.own:
            own = spec.own[name]
            kind = own.kind if own.required else with_default(own.kind, own.default)
            entries.append((name, kind, textwrap.fill(own.doc, 84)))
        else:
            kind, doc = verb_entries[spec.verb_name(name)]
            if spec.verb_name(name) != name:
                doc += f"\n(The verb's ``{spec.verb_name(name)}``.)"
            entries.append((name, with_default(kind, parameter.default), doc))
    attributes = [
        (
            "sampling_strategy_",
            "dict",
            "``{class: final count}`` of the classes whose count changed.",
        )
    ]
    if spec.sample_indices:
        attributes.append(
            (
                "sample_indices_",
                "ndarray of int",
                "Positions in ``X`` of the rows of ``X_res``, in its order"
                + (" (a copied row: its original)." if spec.family == "over-sampling" else "."),
            )
        )
    attributes += [
        ("n_features_in_", "int", "Number of columns of ``X``."),
        (
            "feature_names_in_",
            "ndarray of str",
            "Column names of ``X``; only set when ``X`` is a DataFrame whose column names "
            "are all strings.",
        ),
    ]
    if spec.verb is not None:
        fixed = ", ".join(f"``{k}={v!r}``" for k, v in spec.fixed.items())
        how = f" with {fixed}" if fixed else ""
        if spec.method is not None:
            how += f" (``method`` from ``{spec.method[0]}``)"
        verb_summary = summary_line(spec.verb)
        body = textwrap.fill(
            f"Calls :func:`pd_imbalance.{spec.verb.__name__}`{how}: "
            f"{verb_summary[:1].lower()}{verb_summary[1:]}",
            88,
        )
        see_also = f"pd_imbalance.{spec.verb.__name__} : The verb, on a DataFrame.\n"
    else:
        body = (
            "Runs its samplers one after the other on the same data (as "
            ":func:`pd_imbalance.resample` runs ``steps``)."
        )
        see_also = "pd_imbalance.resample : Chains of steps, on a DataFrame.\n"
    text = [
        spec.summary,
        "",
        body,
        "",
        textwrap.fill(
            "Drop-in for imbalanced-learn's class of the same name (its parameter names); "
            "types come back as they went in (see :mod:`pd_imbalance.sklearn`).",
            88,
        ),
        "",
        section("Parameters", entries),
        section("Attributes", attributes),
        "See Also\n--------\n" + see_also,
    ]
    if spec.example:
        text.append("Examples\n--------\n" + inspect.cleandoc(spec.example) + "\n")
    return "\n".join(text)


def build(spec: Spec, base: type[Sampler] = Sampler) -> type[Sampler]:
    """Return the sampler class of ``spec``: a real ``__init__`` signature, its docstring.

    scikit-learn's ``get_params`` reads the parameter names from ``__init__``'s signature;
    the generated ``__init__`` binds its arguments against that signature (unknown or
    missing arguments raise ``TypeError`` as a hand-written one would) and stores each
    value unchanged, as ``clone`` requires.
    """
    signature = _signature(spec)
    names = tuple(signature.parameters)[1:]

    def __init__(self: Sampler, *args: Any, **kwargs: Any) -> None:
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        for name in names:
            setattr(self, name, bound.arguments[name])

    __init__.__signature__ = signature  # type: ignore[attr-defined]
    __init__.__qualname__ = f"{spec.name}.__init__"
    __init__.__module__ = "pd_imbalance.sklearn"
    namespace = {
        "__init__": __init__,
        "__doc__": _docstring(spec, signature),
        "__module__": "pd_imbalance.sklearn",
        "__qualname__": spec.name,
        "_spec": spec,
    }
    return type(spec.name, (base,), namespace)
