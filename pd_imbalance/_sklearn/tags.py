"""The estimator tags of the samplers, declared the modern way (``__sklearn_tags__``).

scikit-learn's :class:`~sklearn.utils.Tags` has no place for what imbalanced-learn's checks
read: ``input_tags.dataframe`` (DataFrames come back as DataFrames) and
``sampler_tags.sample_indices`` (the sampler sets ``sample_indices_``). These dataclasses
extend scikit-learn's with those two fields, so that scikit-learn's ``get_tags`` and
imbalanced-learn's ``get_tags`` both read them, without importing imbalanced-learn.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from sklearn.utils import InputTags as SklearnInputTags
from sklearn.utils import Tags as SklearnTags

__all__ = ["InputTags", "SamplerTags", "Tags", "sampler_tags"]


@dataclass(slots=True)
class InputTags(SklearnInputTags):  # type: ignore[misc]
    """scikit-learn's input tags plus ``dataframe``: X may be a DataFrame (and comes back one)."""

    dataframe: bool = False


@dataclass(slots=True)
class SamplerTags:
    """Tags of a sampler: ``sample_indices`` says whether it sets ``sample_indices_``."""

    sample_indices: bool = False


@dataclass(slots=True)
class Tags(SklearnTags):  # type: ignore[misc]
    """scikit-learn's tags plus ``sampler_tags`` (as imbalanced-learn's samplers have)."""

    sampler_tags: SamplerTags | None = field(default=None)


def _fields(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def sampler_tags(base: SklearnTags, *, sample_indices: bool, string: bool, allow_nan: bool) -> Tags:
    """Return ``base`` (``BaseEstimator``'s tags) as a sampler's.

    A sampler takes 2-D dense arrays and DataFrames (of any column types), needs ``y``,
    and returns the input's types.
    """
    tags = Tags(**_fields(base), sampler_tags=SamplerTags(sample_indices=sample_indices))
    tags.estimator_type = "sampler"
    tags.target_tags.required = True
    tags.input_tags = InputTags(
        **{
            **_fields(base.input_tags),
            "two_d_array": True,
            "sparse": False,
            "string": string,
            "allow_nan": allow_nan,
        },
        dataframe=True,
    )
    return tags
