"""The cleaning methods on arrays: which rows to remove, and why.

Each method is one function from a distance space (every row), the class codes and the
targeted classes to a :class:`CleanPlan`; every neighbour search goes through a
:class:`~pd_imbalance._core.neighbor_rule.NeighborRule`.

* :func:`plan_tomek` (Tomek links), in :mod:`.tomek`;
* :func:`plan_enn`, :func:`plan_renn`, :func:`plan_allknn` (the ENN family), in :mod:`.edited`;
* :func:`plan_ncr` (neighbourhood cleaning rule), in :mod:`.ncr`;
* :func:`plan_oss` and :func:`draw_oss_seeds` (one-sided selection), in :mod:`.oss`.
"""

from pd_imbalance._core.clean.edited import KindSel, plan_allknn, plan_enn, plan_renn
from pd_imbalance._core.clean.ncr import plan_ncr
from pd_imbalance._core.clean.oss import draw_oss_seeds, plan_oss
from pd_imbalance._core.clean.plan import ClassEmptied, CleanPlan, Reason, TooFewRows
from pd_imbalance._core.clean.tomek import plan_tomek

__all__ = [
    "ClassEmptied",
    "CleanPlan",
    "KindSel",
    "Reason",
    "TooFewRows",
    "draw_oss_seeds",
    "plan_allknn",
    "plan_enn",
    "plan_ncr",
    "plan_oss",
    "plan_renn",
    "plan_tomek",
]
