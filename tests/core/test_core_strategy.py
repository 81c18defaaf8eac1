"""resolve_sampling_strategy: table of cases, imbalanced-learn as oracle where we agree."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.utils import check_sampling_strategy

from pd_imbalance._core.strategy import resolve_sampling_strategy, round_half_up

COUNTS = np.array([50, 30, 10])
CLASSES = ["a", "b", "c"]
Y = np.repeat(np.array(CLASSES), COUNTS)


def _imblearn_final(strategy: object, kind: str) -> list[int]:
    sampling_type = "under-sampling" if kind == "under" else "over-sampling"
    resolved = check_sampling_strategy(strategy, Y, sampling_type)
    final = dict(zip(CLASSES, COUNTS.tolist(), strict=True))
    for label, n in resolved.items():
        final[str(label)] = int(n) if kind == "under" else final[str(label)] + int(n)
    return [final[c] for c in CLASSES]


@pytest.mark.parametrize("name", ["auto", "majority", "not minority", "not majority", "all"])
def test_named_under_matches_imblearn(name: str) -> None:
    got = resolve_sampling_strategy(name, COUNTS, CLASSES, kind="under")
    assert got.tolist() == _imblearn_final(name, "under")


@pytest.mark.parametrize("name", ["auto", "minority", "not minority", "not majority", "all"])
def test_named_over_matches_imblearn(name: str) -> None:
    got = resolve_sampling_strategy(name, COUNTS, CLASSES, kind="over")
    assert got.tolist() == _imblearn_final(name, "over")


@pytest.mark.parametrize(
    ("strategy", "kind"),
    [({"a": 40}, "under"), ({"a": 10, "b": 5}, "under"), ({"c": 45}, "over"), ({"b": 30}, "over")],
)
def test_dict_matches_imblearn(strategy: dict[str, int], kind: str) -> None:
    got = resolve_sampling_strategy(strategy, COUNTS, CLASSES, kind=kind)  # type: ignore[arg-type]
    assert got.tolist() == _imblearn_final(strategy, kind)


def test_callable_receives_y_and_returns_dict() -> None:
    seen = []

    def strategy(y: object) -> dict[str, int]:
        seen.append(y)
        return {"a": 20}

    got = resolve_sampling_strategy(strategy, COUNTS, CLASSES, kind="under", y="the-labels")
    assert got.tolist() == [20, 30, 10]
    assert seen == ["the-labels"]


# --- where we deliberately differ from imbalanced-learn ------------------------------------


def test_float_ratio_rounds_to_nearest_not_truncates() -> None:
    counts = np.array([97, 3])
    # 3 / 0.7 = 4.2857 -> 4 majority rows (imblearn: int() also 4); 3 / 0.4 = 7.5 -> 8 (int: 7)
    assert resolve_sampling_strategy(0.4, counts, [0, 1], kind="under").tolist() == [8, 3]
    imb = check_sampling_strategy(0.4, np.repeat([0, 1], counts), "under-sampling")
    assert int(imb[0]) == 7  # truncation: the documented difference
    # over: 97 * 0.5 = 48.5 -> 49 minority rows
    assert resolve_sampling_strategy(0.5, counts, [0, 1], kind="over").tolist() == [97, 49]


def test_float_ratio_already_met_is_noop() -> None:
    counts = np.array([60, 40])  # ratio 0.667 already above 0.5
    assert resolve_sampling_strategy(0.5, counts, [0, 1], kind="under").tolist() == [60, 40]
    assert resolve_sampling_strategy(0.5, counts, [0, 1], kind="over").tolist() == [60, 40]
    with pytest.raises(ValueError):  # imbalanced-learn refuses instead
        check_sampling_strategy(0.5, np.repeat([0, 1], counts), "under-sampling")


def test_float_ratio_one_balances() -> None:
    counts = np.array([3, 97])  # minority first in label order
    assert resolve_sampling_strategy(1.0, counts, [0, 1], kind="under").tolist() == [3, 3]
    assert resolve_sampling_strategy(1.0, counts, [0, 1], kind="over").tolist() == [97, 97]


def test_ties_are_symmetric() -> None:
    counts = np.array([50, 50, 10, 10])
    # both tied majorities are reduced, not just the first in label order
    assert resolve_sampling_strategy("majority", counts, list("abcd"), kind="under").tolist() == [
        10,
        10,
        10,
        10,
    ]
    # both tied minorities are grown
    assert resolve_sampling_strategy("minority", counts, list("abcd"), kind="over").tolist() == [
        50,
        50,
        50,
        50,
    ]
    # relabelling the classes permutes the result the same way
    perm = [2, 0, 3, 1]
    direct = resolve_sampling_strategy("not minority", counts, list("abcd"), kind="under")
    permuted = resolve_sampling_strategy("not minority", counts[perm], list("cadb"), kind="under")
    assert permuted.tolist() == direct[perm].tolist()


def test_all_equal_classes_auto_is_noop() -> None:
    counts = np.array([20, 20])
    assert resolve_sampling_strategy("auto", counts, [0, 1], kind="under").tolist() == [20, 20]
    assert resolve_sampling_strategy("auto", counts, [0, 1], kind="over").tolist() == [20, 20]


@pytest.mark.parametrize(
    ("x", "expected"), [(2.5, 3), (2.4999, 2), (3.5, 4), (0.5, 1), (7.0, 7), (1.49, 1)]
)
def test_round_half_up(x: float, expected: int) -> None:
    assert round_half_up(x) == expected


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strategy", "kind", "exc", "needle"),
    [
        ("bogus", "under", ValueError, "'bogus' is not known"),
        ("minority", "under", ValueError, "cannot be used for under-sampling"),
        ("majority", "over", ValueError, "cannot be used for over-sampling"),
        (0.5, "under", ValueError, "only defined for binary"),
        ({"zzz": 3}, "under", ValueError, "'zzz'"),
        ({"a": 60}, "under", ValueError, "has"),
        ({"a": 0}, "under", ValueError, "between 1"),
        ({"c": 5}, "over", ValueError, "cannot remove rows"),
        ({"a": 5.0}, "under", TypeError, "must be an int"),
        ({"a": True}, "under", TypeError, "must be an int"),
        (True, "under", TypeError, "bool"),
        ([1, 2], "under", TypeError, "sampling_strategy must be"),
        (None, "under", TypeError, "sampling_strategy must be"),
        (lambda y: [1], "under", TypeError, "callable must return a dict"),
        (lambda y: {"nope": 1}, "under", ValueError, "'nope'"),
    ],
)
def test_invalid_strategies(strategy: object, kind: str, exc: type, needle: str) -> None:
    with pytest.raises(exc, match=None) as info:
        resolve_sampling_strategy(strategy, COUNTS, CLASSES, kind=kind)  # type: ignore[arg-type]
    assert needle in str(info.value)
    assert "sampling_strategy" in str(info.value)


@pytest.mark.parametrize("ratio", [0.0, -0.1, 1.5, float("nan")])
def test_ratio_out_of_range(ratio: float) -> None:
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        resolve_sampling_strategy(ratio, np.array([90, 10]), [0, 1], kind="under")


@pytest.mark.parametrize(("name", "kind"), [("minority", "under"), ("majority", "over")])
def test_a_forbidden_name_is_not_offered_back_as_a_fix(name: str, kind: str) -> None:
    # regression: refusing "majority" for over-sampling listed "majority" among the fixes
    with pytest.raises(ValueError) as info:
        resolve_sampling_strategy(name, COUNTS, CLASSES, kind=kind)  # type: ignore[arg-type]
    advice = str(info.value).split("Use one of ")[1]
    assert repr(name) not in advice
    assert "'auto'" in advice and "'all'" in advice
