"""The numpy/scikit-learn core of pd_imbalance.

Nothing in this package imports pandas: it works on label codes (``0..K-1``), per-class
counts and feature arrays, and returns plans that the pandas boundary materializes.
"""
