"""The pictures: the styled HTML of the results, their plots, and compare()'s printing."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import json
import re
import sys
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import make_frame
from matplotlib.axes import Axes
from sklearn.calibration import calibration_curve
from sklearn.metrics import confusion_matrix, precision_recall_curve

import pd_imbalance as pdi
from pd_imbalance._core.metrics import binary_curve
from pd_imbalance.results import _html as h
from pd_imbalance.results._plots import MAX_CURVE_POINTS, model_pictures


@pytest.fixture(autouse=True)
def _close_figures() -> object:
    yield None
    plt.close("all")


class Tree(HTMLParser):
    """Collects the tags (checking they nest) and the rows of every table."""

    VOID = frozenset({"br", "img", "hr", "meta", "link", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[list[tuple[str, str | None, list[tuple[str, str]]]]] = []
        self._row: list[tuple[str, str]] | None = None
        self._row_class: str | None = None
        self._section = ""
        self._cell: list[str] | None = None
        self._cell_class: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr":
            self._row, self._row_class = [], dict(attrs).get("class")
        elif tag in ("td", "th"):
            self._cell, self._cell_class = [], dict(attrs).get("class") or ""

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(("".join(self._cell).strip(), f"{tag}:{self._cell_class}"))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append((self._section, self._row_class, self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and self.stack[-1] != "style":
            self._cell.append(data)


def parse(markup: str) -> Tree:
    tree = Tree()
    tree.feed(markup)
    tree.close()
    assert tree.stack == [], f"unclosed tags {tree.stack}"
    return tree


def scored_frame(seed: int = 0, n: int = 400, separation: float = 2.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.12).astype(np.int64)
    y[:2] = [1, 0]
    p = 1 / (1 + np.exp(-(rng.normal(size=n) + separation * y - 1.5)))
    return pd.DataFrame({"x": rng.normal(size=n), "y": y, "p": p, "pred": (p >= 0.4).astype(int)})


# -- the HTML module -----------------------------------------------------------------------


def test_self_contained_and_scoped() -> None:
    out = pdi.report(scored_frame(), "y", predictions="pred", scores="p")._repr_html_()
    assert out.startswith(f"<div class='{h.CARD_CLASS}'><style>")
    for banned in ("<script", "<link", "src=", "http://", "https://", "@import", "url("):
        assert banned not in out
    style = re.search(r"<style>(.*?)</style>", out, re.DOTALL)
    assert style is not None
    # Every rule is scoped to the card (media queries nest a scoped rule).
    for rule in re.findall(r"(?:^|})([^{}@]+)\{", style.group(1)):
        for selector in rule.split(","):
            assert h.CARD_CLASS in selector, selector
    assert "prefers-color-scheme:dark" in style.group(1)
    assert "color:var(--pdi-fg);background:var(--pdi-bg)" in style.group(1)


def test_table_has_one_header_row_with_the_index_name() -> None:
    frame = pd.DataFrame(
        {"count": [90, 10], "share": [0.9, 0.1]}, index=pd.Index(["a", "b"], name="class")
    )
    tree = parse(h.html_table(frame, formats={"share": "{:.1%}"}, bars={"share": 1.0}))
    rows = tree.tables[0]
    heads = [r for r in rows if r[0] == "thead"]
    assert len(heads) == 1
    assert [text for text, _ in heads[0][2]] == ["class", "count", "share"]
    body = [[text for text, _ in cells] for section, _, cells in rows if section == "tbody"]
    assert body == [["a", "90", "90.0%"], ["b", "10", "10.0%"]]
    widths = re.findall(r"width:([\d.]+)%", h.html_table(frame, bars={"share": 1.0}))
    assert widths == ["90.00", "10.00"]
    # Without a name the corner cell is empty, not a second header row.
    unnamed = parse(h.html_table(frame.rename_axis(None))).tables[0]
    assert sum(1 for r in unnamed if r[0] == "thead") == 1


def test_table_highlights_rows_and_flags_cells_by_exact_label() -> None:
    frame = pd.DataFrame({"n": [1, 2, 3]}, index=pd.Index([1, True, 1.5], dtype=object))
    tree = parse(h.html_table(frame, highlight_rows=[True], flag_cells=[(1.5, "n")]))
    body = [r for r in tree.tables[0] if r[0] == "tbody"]
    assert [r[1] for r in body] == [None, "pdi-hl", None]
    assert [cells[1][1] for _, _, cells in body] == ["td:", "td:", "td:pdi-flag"]
    numbers = pd.DataFrame({"n": [5]}, index=pd.Index(np.array([7], dtype=np.int64)))
    assert "pdi-hl" in h.html_table(numbers, highlight_rows=[7])


def test_tiny_shares_still_get_a_visible_bar() -> None:
    frame = pd.DataFrame({"share": [0.99999, 0.00001, 0.0]})
    out = h.html_table(frame, bars={"share": 1.0})
    assert out.count("min-width:1px") == 2


# -- the report's HTML ------------------------------------------------------------------------


def class_rows(markup: str) -> list[tuple[str | None, list[tuple[str, str]]]]:
    table = parse(markup).tables[0]
    return [(cls, cells) for section, cls, cells in table if section == "tbody"]


def test_report_html_without_a_model() -> None:
    rep = pdi.report(make_frame([80, 15, 5], ["a", "b", "c"]), "y")
    out = rep._repr_html_()
    tree = parse(out)
    head = [cells for section, _, cells in tree.tables[0] if section == "thead"]
    assert len(head) == 1 and head[0][0][0] == "class"
    rows = class_rows(out)
    highlighted = [cells[0][0] for cls, cells in rows if cls == "pdi-hl"]
    assert highlighted == ["c"] == [str(rep.minority_label)]
    assert [cells[2][0] for _, cells in rows] == ["80.00%", "15.00%", "5.00%"]
    assert out.count("class='pdi-bar'") == 3
    assert "Model" not in out and "pdi-flag" not in re.sub(r"<style>.*?</style>", "", out)
    items = [attrs for tag, attrs in tree.tags if tag == "li"]
    assert len(items) == len(rep.recommendations)
    for r in rep.recommendations:
        assert r.technique in out
    assert f"{rep.imbalance_ratio:,.1f}:1" in out


def test_report_html_flags_the_paradox_and_missed_classes() -> None:
    df = make_frame([95, 5], ["ok", "fraud"]).assign(pred="ok")
    out = pdi.report(df, "y", predictions="pred")._repr_html_()
    body = re.sub(r"<style>.*?</style>", "", out)
    tiles = re.findall(r"<div class='pdi-tile pdi-flag'>.*?</div></div>", body)
    assert len(tiles) == 1 and "accuracy paradox" in tiles[0] and "YES" in tiles[0]
    assert "<p class='pdi-flag'>Model accuracy paradox: YES" in body
    rows = dict((cells[0][0], cells) for _, cells in class_rows(out))
    header = [c for c, _ in parse(out).tables[0][0][2]]
    recall = header.index("recall")
    assert rows["fraud"][recall] == ("0.000", "td:pdi-flag")
    assert rows["ok"][recall] == ("1.000", "td:")
    # The confusion matrix is the second table, equal to scikit-learn's.
    matrix = parse(out).tables[1]
    counts = [
        [int(t.replace(",", "")) for t, _ in cells[1:]] for s, _, cells in matrix if s == "tbody"
    ]
    labels = list(pdi.report(df, "y").to_frame().index)
    assert counts == confusion_matrix(df["y"], df["pred"], labels=labels).tolist()


def test_report_html_of_a_good_model_is_not_flagged() -> None:
    df = scored_frame(separation=5.0)
    df["pred"] = (df["p"] >= 0.7).astype(int)  # removes most of the baseline's errors
    rep = pdi.report(df, "y", predictions="pred", scores="p")
    assert rep.accuracy_paradox is False
    body = re.sub(r"<style>.*?</style>", "", rep._repr_html_())
    assert "pdi-flag" not in body
    assert f"{rep.average_precision:.3f}" in body and f"no skill {rep.prevalence:.3f}" in body


@pytest.mark.parametrize("odd", ["<b>", "a & b", "<script>x</script>", "'q\""])
def test_report_html_escapes_odd_labels(odd: str) -> None:
    df = make_frame([30, 6], ["plain", odd])
    out = pdi.report(df.rename(columns={"y": odd + "!"}), odd + "!")._repr_html_()
    assert odd not in re.sub(r"<b>[a-z_]+</b>", "", out)
    rows = class_rows(out)
    assert [cells[0][0] for cls, cells in rows if cls == "pdi-hl"] == [odd]
    parse(out)  # still well formed


def test_threshold_html() -> None:
    res = pdi.tune_threshold(
        scored_frame(), "y", scores="p", objective="min_recall", min_recall=0.8
    )
    out = res._repr_html_()
    tree = parse(out)
    rows = [(cls, cells) for s, cls, cells in tree.tables[0] if s == "tbody"]
    assert [(cls, cells[0][0]) for cls, cells in rows] == [
        ("pdi-hl", "tuned"),
        (None, "default 0.5"),
    ]
    header = [t for t, _ in tree.tables[0][0][2]]
    assert header[:4] == ["at", "threshold", "precision", "recall"]
    assert rows[0][1][header.index("recall")][0] == f"{res.at_threshold.recall:.3f}"
    assert rows[1][1][header.index("tp")][0] == str(res.at_default.tp)
    assert out.count("class='pdi-bar'") == 6
    assert "best precision with recall &gt;= 0.8" in out


# -- compare -------------------------------------------------------------------------------


def test_compare_prints_counts_and_points() -> None:
    df = make_frame([3934, 90])
    before = df.imbalance.report("y")
    after = df.imbalance.smote("y", random_state=0).imbalance.report()
    cmp = before.compare(after)
    assert isinstance(cmp, pdi.ReportComparison)
    text = repr(cmp)
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines()[2:]}
    assert lines["n_rows"] == ["4,024", "7,868", "+3,844"]
    assert lines["count[1]"] == ["90", "3,934", "+3,844"]
    assert lines["count[0]"] == ["3,934", "3,934", "0"]
    assert lines["minority_share"] == ["2.24%", "50.00%", "+47.8", "pp"]
    assert lines["majority_baseline_accuracy"][-2:] == ["-47.8", "pp"]
    assert lines["imbalance_ratio"] == ["43.7:1", "1.0:1", "-42.7"]
    assert lines["severity"] == ["moderate", "none", "changed"]
    assert "000000" not in text and "3844.0" not in text
    table = cmp.to_frame()
    assert table.loc["n_rows"].tolist() == [4024, 7868, 3844]
    assert table.loc["minority_share", "change"] == pytest.approx(0.5 - 90 / 4024)
    assert json.loads(json.dumps(cmp.to_dict()))["count[1]"]["change"] == 3844
    html = cmp._repr_html_()
    shown = {cells[0][0]: cls for s, cls, cells in parse(html).tables[0] if s == "tbody"}
    assert shown["n_rows"] == "pdi-hl" and shown["count[0]"] is None
    assert "+47.8 pp" in html


# -- report.plot ---------------------------------------------------------------------------


def test_counts_bars_carry_count_and_share_labels() -> None:
    rep = pdi.report(make_frame([900, 100], ["no", "yes"]), "y")
    ax = rep.plot()
    assert [p.get_height() for p in ax.patches] == [900, 100]
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["900\n90.0%", "100\n10.0%"]
    assert ax.get_ylim()[1] > 900  # room for the labels
    assert len(ax.figure.axes) == 1


def test_plot_with_a_model_has_every_panel() -> None:
    df = scored_frame()
    rep = pdi.report(df, "y", predictions="pred", scores="p")
    ax = rep.plot()
    titles = [a.get_title() for a in ax.figure.axes]
    assert titles[0] == "" and ax.figure.get_suptitle().startswith("y: imbalance ratio")
    assert titles[1:] == [
        "confusion matrix (share of each true class)",
        "precision-recall curve",
        "reliability (calibration) curve",
    ]
    counts, conf, pr, rel = ax.figure.axes
    assert counts is ax and len(counts.patches) == 2
    # Confusion: the annotations are scikit-learn's counts.
    expected = confusion_matrix(df["y"], df["pred"])
    shown = [int(t.get_text().split("\n")[0].replace(",", "")) for t in conf.texts]
    assert shown == expected.ravel().tolist()
    # Precision-recall: scikit-learn's curve and the no-skill line at the prevalence.
    lines = {line.get_label(): line for line in pr.get_lines()}
    model = lines[f"model (AP {rep.average_precision:.3f})"]
    precision, recall, _ = precision_recall_curve(df["y"], df["p"])
    np.testing.assert_allclose(model.get_xdata(), recall[::-1])
    np.testing.assert_allclose(model.get_ydata(), precision[::-1])
    assert model.get_drawstyle() == "steps-post"
    no_skill = lines[f"no skill (prevalence {rep.prevalence:.3f})"]
    assert list(no_skill.get_ydata()) == [rep.prevalence, rep.prevalence]
    # Reliability: scikit-learn's calibration_curve with 10 uniform bins.
    observed, mean = calibration_curve(df["y"], df["p"], n_bins=10, strategy="uniform")
    curve = {line.get_label(): line for line in rel.get_lines()}["model"]
    np.testing.assert_allclose(curve.get_xdata(), mean, rtol=1e-12)
    np.testing.assert_allclose(curve.get_ydata(), observed, rtol=1e-12)
    for panel in (pr, rel):
        assert_legend_outside(panel)


def test_plot_panels_follow_the_data() -> None:
    df = scored_frame().assign(logit=lambda d: np.log(d["p"] / (1 - d["p"])))
    only_pred = pdi.report(df, "y", predictions="pred").plot()
    assert len(only_pred.figure.axes) == 2
    logits = pdi.report(df, "y", scores="logit")
    titles = [a.get_title() for a in logits.plot().figure.axes]
    assert "reliability (calibration) curve" not in titles and len(titles) == 2
    with pytest.raises(ValueError, match=r"probabilities \(all in \[0, 1\]\)"):
        logits.plot(kind="reliability")
    with pytest.raises(ValueError, match="predictions="):
        logits.plot(kind="confusion")
    with pytest.raises(ValueError, match="'auto', 'counts'"):
        logits.plot(kind="pie")  # type: ignore[arg-type]
    _, given = plt.subplots()
    assert logits.plot(given, kind="precision_recall") is given
    assert given.get_title() == "precision-recall curve"
    _, given = plt.subplots()
    assert logits.plot(given) is given and len(given.patches) == 2  # ax given: the counts


def test_curve_kept_for_drawing_is_thinned() -> None:
    rng = np.random.default_rng(1)
    positive = rng.random(20_000) < 0.1
    curve = binary_curve(positive, rng.random(20_000))
    pictures = model_pictures(None, curve)
    assert pictures.recall is not None and pictures.precision is not None
    assert len(pictures.recall) <= MAX_CURVE_POINTS
    assert pictures.recall[0] == 0.0 and pictures.recall[-1] == 1.0
    assert pictures.precision[-1] == pytest.approx(positive.mean())


def test_report_plot_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    rep = pdi.report(scored_frame(), "y", scores="p")
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"report\.plot\(\).*pd-imbalance\[plot\]"):
        rep.plot()


# -- ThresholdResult.plot ------------------------------------------------------------------


def assert_legend_outside(ax: Axes) -> None:
    fig = ax.figure
    fig.canvas.draw()
    legend = ax.get_legend()
    assert legend is not None
    box = legend.get_window_extent()
    area = ax.get_window_extent()
    overlap_w = min(box.x1, area.x1) - max(box.x0, area.x0)
    overlap_h = min(box.y1, area.y1) - max(box.y0, area.y0)
    assert overlap_w <= 0 or overlap_h <= 0, (box, area)


def test_threshold_plot_marks_default_and_constraint() -> None:
    res = pdi.tune_threshold(
        scored_frame(), "y", scores="p", objective="min_recall", min_recall=0.8
    )
    ax = res.plot()
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines["default 0.5"].get_xdata()) == [0.5, 0.5]
    assert list(lines["recall >= 0.8"].get_ydata()) == [0.8, 0.8]
    assert list(lines[f"chosen {res.threshold:.4g}"].get_xdata()) == [res.threshold] * 2
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [
        "precision",
        "recall",
        "f1",
        f"chosen {res.threshold:.4g}",
        "default 0.5",
        "recall >= 0.8",
    ]
    assert_legend_outside(ax)
    prec = pdi.tune_threshold(
        scored_frame(), "y", scores="p", objective="min_precision", min_precision=0.5
    )
    assert "precision >= 0.5" in {line.get_label() for line in prec.plot().get_lines()}


def test_threshold_plot_draws_the_cost_curve() -> None:
    res = pdi.tune_threshold(
        scored_frame(), "y", scores="p", objective="cost", fn_cost=7, fp_cost=2
    )
    ax = res.plot()
    twins = [a for a in ax.figure.axes if a is not ax]
    assert len(twins) == 1
    (cost,) = twins[0].get_lines()
    curve = res.curve
    np.testing.assert_allclose(cost.get_ydata(), 7 * curve["fn"] + 2 * curve["fp"])
    assert cost.get_ydata().min() == pytest.approx(res.value)
    assert twins[0].get_ylabel() == "cost 7 * FN + 2 * FP"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "cost" and "recall" in labels
    assert_legend_outside(ax)  # the twin shares the plotting area
    assert twins[0].get_window_extent().bounds == ax.get_window_extent().bounds


def test_threshold_plot_skips_the_default_outside_the_scores() -> None:
    df = scored_frame().assign(s=lambda d: d["p"] * 10 + 3)
    ax = pdi.tune_threshold(df, "y", scores="s").plot()
    assert "default 0.5" not in {line.get_label() for line in ax.get_lines()}


def test_many_classes_keep_the_pictures_readable() -> None:
    labels = [f"c{i}" for i in range(15)]
    df = make_frame([40] * 14 + [5], labels)
    df["pred"] = df["y"]
    rep = pdi.report(df, "y", predictions="pred")
    out = rep._repr_html_()
    assert len(parse(out).tables) == 1  # no 15 x 15 matrix in the card
    assert len(class_rows(out)) == 15
    ax = rep.plot(kind="confusion")
    assert len(ax.texts) == 0 and len(ax.get_xticklabels()) == 15
