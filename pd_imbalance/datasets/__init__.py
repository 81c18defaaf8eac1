"""Real imbalanced datasets bundled with pd_imbalance (no network access, ever).

Source, licence and citation of every file: ``pd_imbalance/datasets/data/SOURCE.md``.
"""

from __future__ import annotations

from pd_imbalance.datasets._loaders import load_excellent_wine, load_wine_quality

__all__ = ["load_excellent_wine", "load_wine_quality"]
