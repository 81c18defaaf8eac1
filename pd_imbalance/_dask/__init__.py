"""The dask backend (SPEC §10): the same verbs over dask DataFrames, lazy where it counts.

Only :mod:`pd_imbalance.dask` imports these modules, so plain ``import pd_imbalance`` never
loads dask.
"""
