"""The dask backend (SPEC §10): the same verbs over dask DataFrames, lazy where it counts.

Only :mod:`pd_imbalance.dask` imports these modules, so plain ``import pd_imbalance`` never
loads dask.
"""

# Import dask.dataframe before any module of this package: when pd_imbalance is imported,
# that import registers the accessor (pd_imbalance.dask, which imports these modules) while
# none of them is half-initialized yet.
import dask.dataframe  # noqa: F401
