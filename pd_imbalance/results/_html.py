"""Self-contained HTML for the result objects' ``_repr_html_``: cards, tiles, tables, bars.

Every piece is plain HTML with one ``<style>`` block scoped to the wrapper class
``pdi-card``: no JavaScript, no external stylesheet, font or image, so the output reads the
same in Jupyter, VS Code, a browser opening a saved file, or an e-mail. The card sets its own
text and background colours (light by default, dark under ``prefers-color-scheme: dark`` and
the dark themes of JupyterLab and VS Code), so it stays readable whatever the page around it.

Conventions: arguments named ``text``, ``label``, ``value``, ``title`` are plain text and
are escaped here; arguments named ``parts`` or ``*_html`` are HTML built by this module.

The pieces::

    html_card(title, headline_items, body_parts, subtitle=)   the wrapper, with its style
    tile(label, value, note=, flag=)                          one headline number
    html_table(frame, formats=, bars=, highlight_rows=, flag_cells=, index_header=)
    html_matrix(matrix, row_labels, column_labels, ...)       a shaded count matrix
    section(title, *parts), paragraph(text, flag=), html_list(items_html), code(text)
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CARD_CLASS",
    "code",
    "esc",
    "html_card",
    "html_list",
    "html_matrix",
    "html_table",
    "paragraph",
    "section",
    "tile",
]

#: The wrapper class every style rule is scoped to.
CARD_CLASS = "pdi-card"

_LIGHT = (
    "--pdi-fg:#1f2328;--pdi-bg:#ffffff;--pdi-muted:#59636e;--pdi-border:#d0d7de;"
    "--pdi-head:#f6f8fa;--pdi-bar:#4f8fd6;--pdi-track:#e8ecf0;--pdi-hl:#fff4c2;"
    "--pdi-flag-bg:#ffe2e0;--pdi-flag-fg:#a40e26;--pdi-ok:#1a7f37;--pdi-cell:79,143,214;"
)
_DARK = (
    "--pdi-fg:#e6edf3;--pdi-bg:#161b22;--pdi-muted:#9198a1;--pdi-border:#3d444d;"
    "--pdi-head:#21262d;--pdi-bar:#58a6ff;--pdi-track:#30363d;--pdi-hl:#4b3e0f;"
    "--pdi-flag-bg:#5d1a1d;--pdi-flag-fg:#ffb3ad;--pdi-ok:#56d364;--pdi-cell:88,166,255;"
)
_C = f".{CARD_CLASS}"
_STYLE = (
    f"{_C}{{{_LIGHT}color:var(--pdi-fg);background:var(--pdi-bg);"
    "border:1px solid var(--pdi-border);border-radius:8px;padding:12px 16px;margin:4px 0;"
    "max-width:980px;box-sizing:border-box;"
    "font:13px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}"
    f"@media (prefers-color-scheme:dark){{{_C}{{{_DARK}}}}}"
    f"[data-jp-theme-light=false] {_C},body.vscode-dark {_C},"
    f"body.vscode-high-contrast {_C}{{{_DARK}}}"
    f"{_C} *{{box-sizing:border-box}}"
    f"{_C} .pdi-title{{font-size:15px;font-weight:600;margin:0}}"
    f"{_C} .pdi-sub{{color:var(--pdi-muted);margin:0 0 8px}}"
    f"{_C} .pdi-tiles{{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}}"
    f"{_C} .pdi-tile{{border:1px solid var(--pdi-border);border-radius:6px;"
    "padding:6px 10px;min-width:120px;background:var(--pdi-head)}"
    f"{_C} .pdi-tile .pdi-label{{color:var(--pdi-muted);font-size:11px;"
    "text-transform:uppercase;letter-spacing:.04em}"
    f"{_C} .pdi-tile .pdi-value{{font-size:17px;font-weight:600}}"
    f"{_C} .pdi-tile .pdi-note{{color:var(--pdi-muted);font-size:11px}}"
    f"{_C} .pdi-tile.pdi-flag{{background:var(--pdi-flag-bg);border-color:var(--pdi-flag-fg)}}"
    f"{_C} .pdi-tile.pdi-flag .pdi-value,{_C} .pdi-tile.pdi-flag .pdi-label"
    "{color:var(--pdi-flag-fg)}"
    f"{_C} h4{{font-size:13px;margin:12px 0 4px;font-weight:600}}"
    f"{_C} p{{margin:4px 0}}"
    f"{_C} p.pdi-flag{{background:var(--pdi-flag-bg);color:var(--pdi-flag-fg);"
    "border-radius:4px;padding:4px 8px;font-weight:600}"
    f"{_C} code{{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "font-size:12px;background:var(--pdi-head);color:var(--pdi-fg);padding:1px 4px;"
    "border-radius:4px}"
    f"{_C} table.pdi-table{{border-collapse:collapse;margin:4px 0;font-size:12px;"
    "color:var(--pdi-fg);background:var(--pdi-bg)}"
    f"{_C} table.pdi-table th,{_C} table.pdi-table td{{border:1px solid var(--pdi-border);"
    "padding:3px 8px;text-align:right;white-space:nowrap;color:var(--pdi-fg)}"
    f"{_C} table.pdi-table thead th{{background:var(--pdi-head);font-weight:600}}"
    f"{_C} table.pdi-table tbody th{{text-align:left;font-weight:600}}"
    f"{_C} table.pdi-table tr.pdi-hl>*{{background:var(--pdi-hl)}}"
    f"{_C} table.pdi-table td.pdi-flag{{background:var(--pdi-flag-bg);"
    "color:var(--pdi-flag-fg);font-weight:600}"
    f"{_C} .pdi-bar{{display:inline-block;width:80px;height:9px;margin-right:6px;"
    "vertical-align:middle;background:var(--pdi-track);border-radius:2px;overflow:hidden}"
    f"{_C} .pdi-bar>span{{display:block;height:100%;background:var(--pdi-bar)}}"
    f"{_C} ol,{_C} ul{{margin:4px 0;padding-left:22px}}"
    f"{_C} li{{margin:2px 0}}"
    f"{_C} .pdi-muted{{color:var(--pdi-muted)}}"
)

Format = str | Callable[[Any], str]


def esc(value: object) -> str:
    """Return ``str(value)`` escaped for HTML text and attributes.

    Examples
    --------
    >>> esc("<b> & 'x'")
    '&lt;b&gt; &amp; &#x27;x&#x27;'
    """
    return html.escape(str(value), quote=True)


def code(text: object) -> str:
    """Return ``text`` as inline code.

    Examples
    --------
    >>> code("df.imbalance.smote()")
    '<code>df.imbalance.smote()</code>'
    """
    return f"<code>{esc(text)}</code>"


def paragraph(text: str, *, flag: bool = False) -> str:
    """Return ``text`` as a paragraph; ``flag=True`` highlights it as a warning.

    Examples
    --------
    >>> paragraph("a < b", flag=True)
    "<p class='pdi-flag'>a &lt; b</p>"
    """
    cls = " class='pdi-flag'" if flag else ""
    return f"<p{cls}>{esc(text)}</p>"


def section(title: str, *parts: str) -> str:
    """Return a titled block made of HTML ``parts``."""
    return f"<div class='pdi-section'><h4>{esc(title)}</h4>{''.join(parts)}</div>"


def html_list(items_html: Iterable[str], *, ordered: bool = True) -> str:
    """Return an ordered (or bulleted) list of items that are already HTML."""
    tag = "ol" if ordered else "ul"
    return f"<{tag}>{''.join(f'<li>{item}</li>' for item in items_html)}</{tag}>"


def tile(label: str, value: str, *, note: str | None = None, flag: bool = False) -> str:
    """Return one headline number: a small label over a large value, with an optional note.

    ``flag=True`` colours the tile as a warning (e.g. the accuracy paradox).

    Examples
    --------
    >>> tile("imbalance ratio", "9.0:1", note="rows of the largest class per smallest")[:43]
    "<div class='pdi-tile'><div class='pdi-label"
    """
    cls = "pdi-tile pdi-flag" if flag else "pdi-tile"
    extra = f"<div class='pdi-note'>{esc(note)}</div>" if note else ""
    return (
        f"<div class='{cls}'><div class='pdi-label'>{esc(label)}</div>"
        f"<div class='pdi-value'>{esc(value)}</div>{extra}</div>"
    )


def html_card(
    title: str,
    headline_items: Sequence[str],
    body_parts: Sequence[str],
    *,
    subtitle: str | None = None,
) -> str:
    """Return a complete, styled card: the title, a row of tiles, then the body.

    Parameters
    ----------
    title, subtitle : str
        Plain text.
    headline_items : sequence of str
        Tiles from :func:`tile`.
    body_parts : sequence of str
        HTML blocks (tables, sections, paragraphs) shown in order.

    Examples
    --------
    >>> out = html_card("Report", [tile("rows", "10")], [paragraph("ok")])
    >>> out.startswith("<div class='pdi-card'><style>"), out.endswith("</div>")
    (True, True)
    """
    sub = f"<p class='pdi-sub'>{esc(subtitle)}</p>" if subtitle else ""
    tiles = f"<div class='pdi-tiles'>{''.join(headline_items)}</div>" if headline_items else ""
    return (
        f"<div class='{CARD_CLASS}'><style>{_STYLE}</style>"
        f"<p class='pdi-title'>{esc(title)}</p>{sub}{tiles}{''.join(body_parts)}</div>"
    )


def _formatter(spec: Format | None) -> Callable[[Any], str]:
    if spec is None:
        return _default_format
    if isinstance(spec, str):
        return spec.format
    return spec


def _default_format(value: Any) -> str:
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, float | np.floating):
        return "" if math.isnan(value) else f"{float(value):.4g}"
    return str(value)


def _bar(value: Any, scale: float) -> str:
    try:
        share = float(value) / scale if scale > 0 else 0.0
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(share):
        return ""
    width = min(max(share, 0.0), 1.0) * 100
    # A class with a few rows among millions still gets a visible sliver.
    style = f"width:{width:.2f}%" + (";min-width:1px" if share > 0 else "")
    return f"<span class='pdi-bar' aria-hidden='true'><span style='{style}'></span></span>"


def html_table(
    frame: pd.DataFrame,
    *,
    formats: Mapping[Hashable, Format] | None = None,
    bars: Mapping[Hashable, float | None] | None = None,
    highlight_rows: Iterable[Hashable] = (),
    flag_cells: Iterable[tuple[Hashable, Hashable]] = (),
    index_header: str | None = None,
) -> str:
    """Return ``frame`` as a styled table: one header row, the index as the first column.

    Unlike ``DataFrame.to_html``, the index name is the first column's header (no extra
    header row holding only the index name), values are escaped, and rows or cells can be
    highlighted.

    Parameters
    ----------
    frame : pandas.DataFrame
        The numbers (not pre-formatted strings, so that bars can be drawn).
    formats : mapping, optional
        Column → format string (``"{:.2%}"``) or callable. Default: thousands separators for
        integers, 4 significant digits for floats, ``str`` otherwise.
    bars : mapping, optional
        Column → the value of a full bar (None: the column's maximum). Those cells get a
        small inline bar before the number, e.g. ``{"share": 1.0}``.
    highlight_rows : iterable, optional
        Index labels of rows to highlight (e.g. the minority class).
    flag_cells : iterable of (row label, column), optional
        Cells to mark as warnings (e.g. a recall of 0).
    index_header : str, optional
        Header of the index column; default the index name, else empty.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"count": [9, 1]}, index=pd.Index(["a", "<b>"], name="class"))
    >>> out = html_table(t, bars={"count": None}, highlight_rows=["<b>"])
    >>> out.count("<tr"), "<th>class</th>" in out, "&lt;b&gt;" in out, "class='pdi-hl'" in out
    (3, True, True, True)
    """
    formats = dict(formats or {})
    bars = dict(bars or {})
    highlight = {_key(label) for label in highlight_rows}
    flagged = {(_key(row), _key(column)) for row, column in flag_cells}
    header = index_header if index_header is not None else frame.index.name
    head = f"<th>{esc('' if header is None else header)}</th>" + "".join(
        f"<th>{esc(column)}</th>" for column in frame.columns
    )
    scales: dict[Hashable, float] = {}
    for column, full in bars.items():
        if column in frame.columns:
            numbers = pd.to_numeric(frame[column], errors="coerce")
            top = float(numbers.max()) if full is None else float(full)
            scales[column] = top if math.isfinite(top) else 0.0
    rows = []
    for label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text = esc(_formatter(formats.get(column))(value))
            bar = _bar(value, scales[column]) if column in scales else ""
            cls = " class='pdi-flag'" if (_key(label), _key(column)) in flagged else ""
            cells.append(f"<td{cls}>{bar}{text}</td>")
        cls = " class='pdi-hl'" if _key(label) in highlight else ""
        rows.append(f"<tr{cls}><th>{esc(label)}</th>{''.join(cells)}</tr>")
    return (
        f"<table class='pdi-table'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def html_matrix(
    matrix: np.ndarray,
    row_labels: Sequence[Any],
    column_labels: Sequence[Any],
    *,
    corner: str = "",
    highlight_diagonal: bool = True,
) -> str:
    """Return a count matrix (e.g. a confusion matrix) with cells shaded by row share.

    Each cell's shade is its share of its row, so a rare class's row is as readable as the
    majority's; diagonal cells are bold when ``highlight_diagonal``.

    Examples
    --------
    >>> import numpy as np
    >>> out = html_matrix(np.array([[8, 1], [1, 0]]), ["a", "b"], ["a", "b"], corner="true")
    >>> out.count("<td"), "<th>true</th>" in out
    (4, True)
    """
    counts = np.asarray(matrix)
    totals = counts.sum(axis=1, keepdims=True).astype(np.float64)
    shares = np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)
    head = f"<th>{esc(corner)}</th>" + "".join(f"<th>{esc(c)}</th>" for c in column_labels)
    rows = []
    for i, label in enumerate(row_labels):
        cells = []
        for j in range(counts.shape[1]):
            alpha = 0.08 + 0.72 * float(shares[i, j])
            bold = ";font-weight:600" if highlight_diagonal and i == j else ""
            style = f"background:rgba(var(--pdi-cell),{alpha:.2f}){bold}"
            cells.append(f"<td style='{style}'>{int(counts[i, j]):,}</td>")
        rows.append(f"<tr><th>{esc(label)}</th>{''.join(cells)}</tr>")
    return (
        f"<table class='pdi-table'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _key(value: Any) -> tuple[str, str]:
    """Return a hashable, type-aware key (1, 1.0 and True are distinct labels here)."""
    if isinstance(value, np.generic):
        value = value.item()
    return (type(value).__name__, repr(value))
