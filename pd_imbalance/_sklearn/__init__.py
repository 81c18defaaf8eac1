"""The machinery behind :mod:`pd_imbalance.sklearn` (private): inputs, tags, the class table."""
