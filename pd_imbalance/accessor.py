"""The ``df.imbalance`` accessor: every verb, bound to the frame; nothing else.

pandas builds a new accessor object on every attribute access, so it stores only the frame.
Each method is the verb of the same name in :mod:`pd_imbalance` with ``df`` bound (same
signature, same docstring): adding a verb here is one line.
"""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd

from pd_imbalance import _verbs as verbs
from pd_imbalance._doors import VerbMethod
from pd_imbalance._pandas.target import get_target

__all__ = ["ImbalanceAccessor"]


@pd.api.extensions.register_dataframe_accessor("imbalance")
class ImbalanceAccessor:
    """Class-imbalance tools on every DataFrame: ``df.imbalance.report()`` and friends.

    Every method is the function of the same name in :mod:`pd_imbalance` applied to this
    frame, with the same parameters, and none mutates the DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> import pd_imbalance  # registers the accessor
    >>> df = pd.DataFrame({"x": range(6), "y": [0, 0, 0, 0, 1, 1]}).imbalance.set_target("y")
    >>> df.imbalance.target
    'y'
    >>> df.imbalance.weights().to_dict()
    {0: 0.75, 1: 1.5}
    """

    def __init__(self, df: pd.DataFrame) -> None:
        self.frame = df

    @property
    def target(self) -> Hashable | None:
        """The target column set with :meth:`set_target`, or None."""
        return get_target(self.frame)

    set_target = VerbMethod(verbs.set_target)
    report = VerbMethod(verbs.report)
    undersample = VerbMethod(verbs.undersample)
    oversample = VerbMethod(verbs.oversample)
    smote = VerbMethod(verbs.smote)
    clean = VerbMethod(verbs.clean)
    resample = VerbMethod(verbs.resample)
    weights = VerbMethod(verbs.weights)
    sample_weights = VerbMethod(verbs.sample_weights)
    split_then_resample = VerbMethod(verbs.split_then_resample)
    cv_splits = VerbMethod(verbs.cv_splits)
    tune_threshold = VerbMethod(verbs.tune_threshold)
    evaluate = VerbMethod(verbs.evaluate)
