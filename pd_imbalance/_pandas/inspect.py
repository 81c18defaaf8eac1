"""Feature checks: what in the feature columns needs fixing before resampling.

The report (:func:`inspect_features`) and the interpolating verbs
(:func:`~pd_imbalance._pandas.features.warn_text_columns`) look at the same fixed sample of
rows, so that they agree. The checks are cheap on any frame:

* **The sample.** Up to 4,096 rows: 16 windows of 256 consecutive rows, evenly spaced over
  the frame (every row of a frame with at most 4,096 rows). The same rows every time.
* **Missing values** are looked for in the sample (for columns that are not numbers:
  every fourth row of it, up to 1,024 rows); a column with one there is counted
  exactly (one pass over that column only). A rare missing value in a large frame can go
  unnoticed: ``smote()`` checks every row it interpolates.
* **Constant columns**: a single distinct non-missing value in the sample, confirmed on the
  whole column (or no value at all).
* **Text columns** (object, ``str``/``string`` and pyarrow strings; not ``category``): the
  distinct non-missing values of the sample, at most 1,000 of them, are tried as numbers
  (``pd.to_numeric``) and as dates (``pd.to_datetime``, with the format guessed from the
  values, else ``format="mixed"``). At least 90 % must parse; dates must also hold at least
  four digits each, which keeps words such as "May" or "Mon" and codes such as "1/2" out.
* **Identifiers**: a text column whose sampled non-missing values are at least 95 %
  distinct, with at least 100 of them; an integer column holding n distinct consecutive
  integers in its n rows (a row number, sorted or shuffled), checked on the whole column
  only when the sample allows it.
* **Codes**: an integer column whose name ends in ``id``, ``zip``, ``zipcode``,
  ``postcode``, ``postal`` or ``code`` (``user_id``, ``pickup_zip``, ``areaCode``), whose
  values are probably labels, not quantities.
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from pd_imbalance._core.recommend import FINDING_KINDS, FeatureFinding

__all__ = [
    "ID_SHARE",
    "MIN_ID_VALUES",
    "PARSE_SHARE",
    "TEXT_VALUES",
    "inspect_features",
    "is_text_dtype",
    "looks_like_ids",
    "sample_positions",
    "text_kind",
]

#: The sample: this many windows of this many consecutive rows.
WINDOWS = 16
WINDOW_ROWS = 256
#: At most this many distinct text values are parsed.
TEXT_VALUES = 1_000
#: Columns that are not numbers (text, objects, bools, times) read every fourth sampled row.
TEXT_ROWS = 1_024
#: The share of the values that must parse as numbers or dates.
PARSE_SHARE = 0.90
#: A text column whose sampled values are this distinct (with at least MIN_ID_VALUES of
#: them) looks like an identifier.
ID_SHARE = 0.95
MIN_ID_VALUES = 100
#: Digits a date must hold (keeps "May", "Mon" and "1/2" out).
DATE_DIGITS = 4

_CODE_NAME = re.compile(r"(?:^|[^a-z])(?:id|zip|zipcode|postcode|postal|code)$", re.IGNORECASE)
_CAMEL_CODE = re.compile(r"[a-z](?:Id|ID|Zip|Code)$")

TextKind = Literal["dates", "numbers"]


def sample_positions(n: int) -> np.ndarray:
    """Return the sorted row positions the feature checks read (all rows when few).

    Examples
    --------
    >>> sample_positions(5).tolist()
    [0, 1, 2, 3, 4]
    >>> p = sample_positions(1_000_000)
    >>> len(p), int(p[0]), int(p[-1])
    (4096, 0, 999999)
    """
    if n <= WINDOWS * WINDOW_ROWS:
        return np.arange(n, dtype=np.intp)
    starts = np.linspace(0, n - WINDOW_ROWS, WINDOWS).astype(np.intp)
    return (starts[:, None] + np.arange(WINDOW_ROWS, dtype=np.intp)).ravel()


def is_text_dtype(dtype: Any) -> bool:
    """Say whether a dtype holds text: object, ``str``/``string``, pyarrow strings."""
    if isinstance(dtype, pd.ArrowDtype):
        types = importlib.import_module("pyarrow").types
        t = dtype.pyarrow_dtype
        return bool(types.is_string(t) or types.is_large_string(t))
    if isinstance(dtype, pd.CategoricalDtype):
        return False
    return bool(pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype))


def looks_like_ids(n_values: int, n_distinct: int) -> bool:
    """Say whether ``n_distinct`` of ``n_values`` sampled values is nearly one per row.

    Examples
    --------
    >>> looks_like_ids(1_000, 990), looks_like_ids(1_000, 900), looks_like_ids(50, 50)
    (True, False, False)
    """
    return n_values >= MIN_ID_VALUES and n_distinct >= ID_SHARE * n_values


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def text_kind(values: Sequence[Any]) -> tuple[TextKind | None, str | None]:
    """Say whether distinct text ``values`` are numbers or dates written as text.

    Returns ``(kind, date_format)``: kind "numbers", "dates" or None; for dates the
    ``strftime`` format that parses them, when one does (else None).

    Examples
    --------
    >>> text_kind(["12/31/2013 22:30", "1/2/2014 8:05", "3/15/2014 17:45"])
    ('dates', '%m/%d/%Y %H:%M')
    >>> text_kind(["1.5", "2", "-3e2"])
    ('numbers', None)
    >>> text_kind(["May", "June"]), text_kind(["a1", "b2"])
    ((None, None), (None, None))
    """
    head = [v for v in values[:TEXT_VALUES] if isinstance(v, str)]
    if not head or len(head) < PARSE_SHARE * min(len(values), TEXT_VALUES):
        return None, None
    first = head[:20]  # cheap exit for words: most values hold no digit
    if sum(_digits(v) > 0 for v in first) < PARSE_SHARE * len(first):
        return None, None
    strings = pd.Series(head, dtype=object)
    with warnings.catch_warnings():  # pandas warns about guessed formats and dayfirst
        warnings.simplefilter("ignore")
        numbers = pd.to_numeric(strings, errors="coerce")
        if numbers.notna().mean() >= PARSE_SHARE:
            return "numbers", None
        if sum(_digits(v) >= DATE_DIGITS for v in head) < PARSE_SHARE * len(head):
            return None, None
        guesses = Counter(pd.tseries.api.guess_datetime_format(v) for v in first)
        guesses.pop(None, None)
        if guesses:
            fmt = guesses.most_common(1)[0][0]
            parsed = pd.to_datetime(strings, errors="coerce", format=fmt)
            if parsed.notna().mean() >= PARSE_SHARE:
                return "dates", fmt
        some = strings.iloc[:50]  # mixed formats: dateutil, one value at a time
        if pd.to_datetime(some, errors="coerce", format="mixed").notna().mean() >= PARSE_SHARE:
            return "dates", None
    return None, None


NumberKind = Literal["int", "float", "other"]


def _number_kind(dtype: Any) -> NumberKind:
    if isinstance(dtype, np.dtype):  # the common case, without pandas' dtype checks
        return "float" if dtype.kind == "f" else "int" if dtype.kind in "iu" else "other"
    if pd.api.types.is_bool_dtype(dtype):
        return "other"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    return "int" if pd.api.types.is_integer_dtype(dtype) else "other"


def _sample(
    series: pd.Series, positions: np.ndarray, kind: NumberKind
) -> tuple[np.ndarray, np.ndarray]:
    """Return the sampled values (float64 for numbers, object otherwise) and their missing mask."""
    dtype = series.dtype
    numeric = kind != "other"
    if isinstance(dtype, np.dtype):
        picked = np.asarray(series.to_numpy())[positions]
        if dtype.kind == "f":
            return picked, np.isnan(picked)
        if dtype.kind in "iub":
            return picked, np.zeros(len(picked), dtype=bool)
        return picked, np.asarray(pd.isna(picked))
    taken = series.array.take(positions)
    if numeric:  # nullable and pyarrow numbers: NaN and null both count as missing
        floats = np.asarray(taken.to_numpy(dtype=np.float64, na_value=np.nan))
        return floats, np.isnan(floats)
    values = np.asarray(taken.to_numpy(dtype=object, na_value=None))
    return values, np.asarray(pd.isna(values))


def _count_missing(series: pd.Series, kind: NumberKind) -> int:
    if kind == "float":
        floats = series.to_numpy(dtype=np.float64, na_value=np.nan)
        return int(np.isnan(floats).sum())
    return int(series.isna().sum())


def _row_number(series: pd.Series, picked: np.ndarray) -> tuple[int, int] | None:
    """``(lo, hi)`` when an integer column holds ``n`` distinct consecutive integers."""
    n = len(series)
    if n < 2 or len(picked) < 2:
        return None
    lo_s, hi_s = picked.min(), picked.max()
    if hi_s - lo_s > n - 1 or len(np.unique(picked)) != len(picked):
        return None  # the sample already rules it out
    values = series.to_numpy(dtype=np.float64)
    lo, hi = values.min(), values.max()
    if hi - lo != n - 1 or abs(lo) > 2**52 or abs(hi) > 2**52:
        return None
    seen = np.bincount((values - lo).astype(np.intp), minlength=n)
    return (int(lo), int(hi)) if int(seen.max()) == 1 else None


def _constant(series: pd.Series, present: np.ndarray) -> bool:
    """One distinct value in the sampled present values, and in the whole column."""
    if len(present) == 0:
        return False
    try:
        if present.dtype != object and present.min() != present.max():
            return False
        if present.dtype == object and not bool((present == present[0]).all()):
            return False
        return bool(series.nunique(dropna=True) <= 1)  # noqa: PD101 (rare: sample is constant)
    except TypeError:  # unhashable values (lists, dicts): not a column of categories
        return False


def _code_name(name: Hashable) -> bool:
    return isinstance(name, str) and bool(
        _CODE_NAME.search(name) or _CAMEL_CODE.search(name)
    )


def _code_finding(name: Hashable) -> FeatureFinding:
    return FeatureFinding(
        "code",
        name,
        "integers named like an identifier or a code (an area, a ZIP code, ...): "
        "interpolating them makes codes that mean nothing",
        f"if they label things rather than measure them, pass categorical=[{name!r}] "
        f"(neighbours' most common value) or passthrough=[{name!r}] (the base row's value)",
    )


def _column_findings(
    name: Hashable, series: pd.Series, positions: np.ndarray
) -> list[FeatureFinding]:
    n = len(series)
    kind = _number_kind(series.dtype)
    if kind == "other" and len(positions) > TEXT_ROWS:  # text and objects cost more a value
        positions = positions[:: len(positions) // TEXT_ROWS]
    picked, missing = _sample(series, positions, kind)
    found: list[FeatureFinding] = []
    n_missing = _count_missing(series, kind) if missing.any() else 0
    if n and n_missing == n:
        return [
            FeatureFinding(
                "constant",
                name,
                "every value is missing",
                f"drop it: df.drop(columns=[{name!r}])",
            )
        ]
    if n_missing:
        found.append(
            FeatureFinding(
                "missing",
                name,
                f"{n_missing:,} missing value{'' if n_missing == 1 else 's'} "
                f"({n_missing / n:.1%} of the rows)",
                "smote() refuses them by default: pass missing='ignore' (distances and "
                "interpolation use the values that are present), or impute them first "
                "(sklearn.impute.SimpleImputer), or drop those rows or the column",
            )
        )
    present = picked[~missing]
    if _constant(series, present):
        found.append(
            FeatureFinding(
                "constant",
                name,
                f"a single value ({present[0]!r}) in every row that has one",
                f"drop it, it carries no information: df.drop(columns=[{name!r}])",
            )
        )
        return found
    if kind == "int" and not n_missing:
        span = _row_number(series, picked)
        if span is not None:
            found.append(
                FeatureFinding(
                    "identifier",
                    name,
                    f"the {n:,} consecutive integers {span[0]:,}..{span[1]:,}, one per row: "
                    "a row number or identifier",
                    f"drop it, or keep it out of the distances with passthrough=[{name!r}] "
                    "(synthetic rows copy the base row's value)",
                )
            )
            return found
    if kind == "int" and _code_name(name):
        found.append(_code_finding(name))
    if kind == "other" and len(present) and is_text_dtype(series.dtype):
        found += _text_findings(name, present)
    return found


def _text_findings(name: Hashable, present: np.ndarray) -> list[FeatureFinding]:
    try:
        distinct = pd.unique(present)
    except TypeError:  # unhashable values
        return []
    kind, fmt = text_kind(list(distinct[:TEXT_VALUES]))
    if kind == "dates":
        how = f"format={fmt!r}" if fmt else "format='mixed'"
        return [
            FeatureFinding(
                "dates_as_text",
                name,
                f"dates written as text (e.g. {distinct[0]!r}); as text every date is a "
                "category of its own",
                f"parse it: df[{name!r}] = pd.to_datetime(df[{name!r}], {how}) (SMOTE then "
                "interpolates the instants)",
                fmt,
            )
        ]
    if kind == "numbers":
        return [
            FeatureFinding(
                "numbers_as_text",
                name,
                f"numbers written as text (e.g. {distinct[0]!r}); as text every number is a "
                "category of its own",
                f"convert it: df[{name!r}] = pd.to_numeric(df[{name!r}], errors='coerce')",
            )
        ]
    if looks_like_ids(len(present), len(distinct)):
        return [
            FeatureFinding(
                "identifier",
                name,
                f"{len(distinct) / len(present):.0%} of {len(present):,} sampled values are "
                f"distinct (e.g. {distinct[0]!r}): an identifier or free text, not a category",
                f"keep it out of the distances with passthrough=[{name!r}] (synthetic rows "
                "copy the base row's value), or drop it",
            )
        ]
    return []


def _numpy_numbers(
    df: pd.DataFrame, exclude: Collection[Hashable], positions: np.ndarray
) -> list[FeatureFinding]:
    """Check the numpy int and float columns, on one sample taken per block.

    Only a column the sample flags (a missing value, a single value, a possible row number)
    is read in full; the others never become a Series (that alone costs ~20 us a column).
    """
    # select_dtypes keeps the blocks (views); df[names] would copy them whole
    numeric = df.select_dtypes(include=[np.number])
    small = numeric.take(positions) if len(positions) < len(df) else numeric
    names = list(small.columns)
    values = small.to_numpy(dtype=np.float64)
    nan = np.isnan(values)
    has_nan = nan.any(axis=0)
    lo, hi = np.fmin.reduce(values, axis=0), np.fmax.reduce(values, axis=0)
    kinds = [_number_kind(dtype) for dtype in small.dtypes]
    found: list[FeatureFinding] = []
    for j, name in enumerate(names):
        if name in exclude:
            continue
        maybe_row_number = (
            kinds[j] == "int"
            and len(values) >= 2
            and hi[j] - lo[j] <= len(df) - 1
            and bool((np.diff(np.sort(values[:, j])) > 0).all())
        )
        if has_nan[j] or lo[j] == hi[j] or maybe_row_number:
            found += _column_findings(name, df[name], positions)
        elif kinds[j] == "int" and _code_name(name):
            found.append(_code_finding(name))
    return found


def inspect_features(
    df: pd.DataFrame, exclude: Collection[Hashable] = ()
) -> tuple[FeatureFinding, ...]:
    """Check every column of ``df`` but ``exclude`` (the label, a model's outputs).

    Returns the findings grouped by kind (constant columns, identifiers, dates and numbers
    as text, integer codes, missing values), columns in frame order within a kind. See the
    module docstring for the rules.

    Examples
    --------
    >>> df = pd.DataFrame({
    ...     "row": range(200),
    ...     "when": ["12/31/2013 22:30", "1/2/2014 8:05"] * 100,
    ...     "amount": [1.5, None, 2.0, 3.5] * 50,
    ...     "y": [0, 1] * 100,
    ... })
    >>> [(f.kind, f.column) for f in inspect_features(df, exclude=["y"])]
    [('identifier', 'row'), ('dates_as_text', 'when'), ('missing', 'amount')]
    """
    positions = sample_positions(len(df))
    found: list[FeatureFinding] = []
    if df.columns.is_unique:
        dtypes = df.dtypes
        numbers = [
            name
            for name, dtype in dtypes.items()
            if name not in exclude and isinstance(dtype, np.dtype) and dtype.kind in "iuf"
        ]
        if numbers:
            found += _numpy_numbers(df, exclude, positions)
        for name in dtypes.index:
            if name not in exclude and name not in numbers:
                found += _column_findings(name, df[name], positions)
    else:  # duplicated names: column by column, by position
        for name, series in df.items():
            if name not in exclude:
                found += _column_findings(name, series, positions)
    order = {kind: i for i, kind in enumerate(FINDING_KINDS)}
    columns: dict[Hashable, int] = {n: i for i, n in enumerate(dict.fromkeys(df.columns))}
    return tuple(sorted(found, key=lambda f: (order[f.kind], columns[f.column])))
