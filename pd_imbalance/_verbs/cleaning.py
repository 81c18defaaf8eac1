"""The cleaning verb: Tomek links, the edited-nearest-neighbours family, NCR and OSS."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Literal

import pandas as pd

from pd_imbalance._core.neighbors import NeighborsLike
from pd_imbalance._core.random import RandomStateLike
from pd_imbalance._core.strategy import SamplingStrategy
from pd_imbalance._params import MaxClasses

__all__ = ["CLEAN_METHODS", "CleanMethod", "clean"]

CleanMethod = Literal["tomek", "enn", "renn", "allknn", "ncr", "oss"]
#: The values of ``clean(method=...)``.
CLEAN_METHODS: tuple[str, ...] = ("tomek", "enn", "renn", "allknn", "ncr", "oss")


def clean(
    df: pd.DataFrame,
    target: Hashable | None = None,
    *,
    method: CleanMethod = "tomek",
    sampling_strategy: SamplingStrategy = "auto",
    n_neighbors: NeighborsLike | None = None,
    kind_sel: Literal["all", "mode"] = "all",
    max_iter: int = 100,
    allow_minority: bool = False,
    threshold_cleaning: float = 0.5,
    n_seeds: int = 1,
    random_state: RandomStateLike = None,
    categorical: str | list[Hashable] = "auto",
    return_plan: bool = False,
    max_classes: MaxClasses = "auto",
) -> Any:
    """Remove noisy or borderline rows of the targeted classes (issue 13, in progress).

    Parameters
    ----------
    df : pandas.DataFrame
        The data.
    target : str, optional
        The label column; defaults to the one set with :func:`set_target`.
    method : {"tomek", "enn", "renn", "allknn", "ncr", "oss"}, default="tomek"
        The cleaning rule.
    sampling_strategy : str, list or dict, default="auto"
        The classes rows may be removed from; ``"auto"``: every class but the minority.
    n_neighbors : int or NearestNeighbors-like, optional
        Neighbourhood size; None is the method's usual value.
    kind_sel : {"all", "mode"}, default="all"
        ENN family: remove a row unless all (or most) of its neighbours share its class.
    max_iter : int, default=100
        RENN: the most editing rounds.
    allow_minority : bool, default=False
        AllKNN: keep going when a targeted class becomes the smallest.
    threshold_cleaning : float, default=0.5
        NCR: classes smaller than this share of the minority's rows are not cleaned.
    n_seeds : int, default=1
        OSS: rows of each targeted class that seed the kept set.
    random_state : int, numpy Generator or None, default=None
        Seed (OSS draws its seeds).
    categorical : "auto" or list of str, default="auto"
        Extra columns to treat as categorical in distances.
    return_plan : bool, default=False
        Also return which rows were removed and why.
    max_classes : "auto", int or None, default="auto"
        The guard against an ID column passed as the target.

    Returns
    -------
    pandas.DataFrame or CleanResult
        The kept rows in their original order, or ``(frame, removed)``.
    """
    raise NotImplementedError("issue 13, in progress")
