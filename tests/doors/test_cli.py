"""The ``pd-imbalance`` command, run in-process (and once as the installed script)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pd_imbalance.cli import main

ERROR_PREFIX = "pd-imbalance: error:"


def _data(n_major: int = 95, n_minor: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = n_major + n_minor
    return pd.DataFrame(
        {
            "amount": rng.normal(size=n),
            "count": rng.integers(0, 10, size=n),
            "y": ["ok"] * n_major + ["fraud"] * n_minor,
        }
    )


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.csv"
    _data().to_csv(path, index=False)
    return path


def _assert_one_error_line(err: str, *fragments: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(ERROR_PREFIX), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def test_report_prints_the_report(csv_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(csv_file), "--target", "y"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("ImbalanceReport for target 'y': 100 rows, 2 classes")
    assert "19.0:1" in out
    assert "minority share 5.00%" in out
    assert "majority-baseline accuracy 95.00%" in out
    assert "Accuracy paradox" in out
    assert "Recommendations:" in out
    assert "class_weights" in out
    assert "anomaly_detection" in out  # only 5 minority rows


def test_report_json_is_valid_with_the_right_counts(
    csv_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(csv_file), "--target", "y", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert data["target"] == "y"
    assert data["n_rows"] == 100
    assert data["n_classes"] == 2
    assert data["majority_label"] == "ok"
    assert data["minority_label"] == "fraud"
    assert data["imbalance_ratio"] == 19.0
    assert data["minority_share"] == 0.05
    assert data["severity"] == "moderate"
    assert data["k_neighbors"] == 5
    assert {c["label"]: c["count"] for c in data["classes"]} == {"fraud": 5, "ok": 95}
    assert [r["technique"] for r in data["recommendations"]] == [
        "class_weights",
        "anomaly_detection",
        "threshold_tuning",
    ]


def test_report_k_neighbors_option(csv_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(csv_file), "--target", "y", "--json", "--k-neighbors", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["k_neighbors"] == 4
    assert {c["label"]: c["smote_possible"] for c in data["classes"]} == {
        "fraud": True,
        "ok": False,  # the majority does not grow
    }
    assert main(["report", str(csv_file), "--target", "y", "--json", "--k-neighbors", "5"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["label"]: c["smote_possible"] for c in data["classes"]} == {
        "fraud": False,
        "ok": False,
    }


@pytest.mark.parametrize("name", ["data.parquet", "data.pq"])
def test_report_reads_parquet(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    _data(80, 20).to_parquet(path)
    assert main(["report", str(path), "--target", "y", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["label"]: c["count"] for c in data["classes"]} == {"fraud": 20, "ok": 80}
    assert data["recommendations"][0]["technique"] == "no_action"


def test_report_reads_gzipped_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "data.csv.gz"
    _data(90, 10).to_csv(path, index=False)
    assert main(["report", str(path), "--target", "y", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {c["label"]: c["count"] for c in data["classes"]} == {"fraud": 10, "ok": 90}


@pytest.mark.parametrize("name", ["DATA.CSV", "DATA.CSV.GZ"])
def test_report_extension_is_case_insensitive(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # ".CSV" is accepted, so ".CSV.GZ" must be too.
    path = tmp_path / name
    _data(90, 10).to_csv(path, index=False, compression="gzip" if name.endswith("GZ") else None)
    assert main(["report", str(path), "--target", "y", "--json"]) == 0, capsys.readouterr().err
    data = json.loads(capsys.readouterr().out)
    assert {c["label"]: c["count"] for c in data["classes"]} == {"fraud": 10, "ok": 90}


def test_missing_file_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.csv"
    assert main(["report", str(path), "--target", "y"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    _assert_one_error_line(err, "nope.csv", "no such file")


def test_unknown_extension_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data.txt"
    path.write_text("y\na\nb\n")
    assert main(["report", str(path), "--target", "y"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    _assert_one_error_line(err, "'.txt'", ".csv or .parquet")


def test_missing_target_column_is_one_error_line(
    csv_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(csv_file), "--target", "label"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    _assert_one_error_line(err, "'label'", "'amount'", "'y'")


def test_single_class_label_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "one.csv"
    pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": ["a", "a", "a"]}).to_csv(path, index=False)
    assert main(["report", str(path), "--target", "y"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    _assert_one_error_line(err, "'y'", "1 class", "at least 2")


def test_missing_labels_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gaps.csv"
    pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": ["a", None, "b", "a"]}).to_csv(path, index=False)
    assert main(["report", str(path), "--target", "y"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    _assert_one_error_line(err, "1 missing value")


def test_empty_csv_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("")
    assert main(["report", str(path), "--target", "y"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    _assert_one_error_line(err, "empty.csv", "cannot be read")


def test_bad_k_neighbors_is_one_error_line(
    csv_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(csv_file), "--target", "y", "--k-neighbors", "0"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    _assert_one_error_line(err, "k_neighbors")


def test_missing_target_option_is_a_usage_error(
    csv_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["report", str(csv_file)])
    assert info.value.code == 2
    assert "--target" in capsys.readouterr().err


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    from pd_imbalance._demo import METHODS

    assert main(["demo"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "CC BY 4.0" in out
    assert "ImbalanceReport for target 'excellent': 4,898 rows, 2 classes" in out
    assert "Accuracy paradox" in out
    assert "HistGradientBoostingClassifier" in out
    for name in METHODS:
        assert any(line.startswith(name) for line in out.splitlines()), name
        assert any(line.startswith(f"{name} + tuned threshold") for line in out.splitlines())
    verdict = next(line for line in out.splitlines() if line.startswith("Verdict: "))
    assert len(verdict) > 40
    assert "Nadeau-Bengio" in out


def _console_command() -> list[str]:
    script = Path(sys.executable).with_name("pd-imbalance")
    if script.is_file():
        return [str(script)]
    found = shutil.which("pd-imbalance")
    assert found is not None, "the pd-imbalance console script is not installed"
    return [found]


def test_console_script_help() -> None:
    proc = subprocess.run(
        [*_console_command(), "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: pd-imbalance")
    assert "report" in proc.stdout
    assert "demo" in proc.stdout
    assert proc.stderr == ""


def test_console_script_closed_stdout_is_not_a_traceback(csv_file: Path) -> None:
    # `pd-imbalance report big.csv --target y | head -1` must not end in a traceback.
    proc = subprocess.Popen(
        [*_console_command(), "report", str(csv_file), "--target", "y"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader goes away before the report is written
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


# --------------------------------------------------------------------------- resampling commands


@pytest.fixture
def wine_csv(tmp_path: Path) -> Path:
    from pd_imbalance.datasets import load_excellent_wine

    path = tmp_path / "wine.csv"
    load_excellent_wine().to_csv(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".csv.gz"])
def test_smote_and_undersample_write_outputs(
    wine_csv: Path, tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"smote{suffix}"
    assert (
        main(["smote", str(wine_csv), "--target", "excellent", "-o", str(out), "--seed", "0"]) == 0
    )
    got = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
    assert got["excellent"].value_counts().to_dict() == {False: 4718, True: 4718}
    assert "9,436 rows" in capsys.readouterr().out
    small = tmp_path / f"under{suffix}"
    assert main(["undersample", str(wine_csv), "--target", "excellent", "-o", str(small)]) == 0
    got = pd.read_parquet(small) if suffix == ".parquet" else pd.read_csv(small)
    assert got["excellent"].value_counts().to_dict() == {False: 180, True: 180}


def test_neighbors_flag(
    wine_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("faiss", reason="the approximate search needs the [ann] extra")
    out = tmp_path / "approx.csv"
    args = ["--target", "quality", "-o", str(out), "--seed", "0"]
    wine = tmp_path / "quality.csv"
    from pd_imbalance.datasets import load_wine_quality

    load_wine_quality().to_csv(wine, index=False)
    assert main(["clean", str(wine), "--method", "tomek", "--neighbors", "approximate", *args]) == 0
    exact = tmp_path / "exact.csv"
    assert main(["clean", str(wine), "--method", "tomek", *args[:2], "-o", str(exact)]) == 0
    a, b = pd.read_csv(out), pd.read_csv(exact)
    assert abs(len(a) - len(b)) <= 0.02 * len(b)
    capsys.readouterr()
    assert main(["undersample", str(wine_csv), "--target", "excellent", "-o",
                 str(tmp_path / "u.csv"), "--neighbors", "approximate"]) == 1  # fmt: skip
    _assert_one_error_line(capsys.readouterr().err, "--neighbors does not apply")


def test_same_seed_same_file(wine_csv: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for out in (a, b):
        main(["undersample", str(wine_csv), "--target", "excellent", "-o", str(out), "--seed", "3"])
    assert a.read_bytes() == b.read_bytes()


def test_refuses_to_overwrite_without_force(
    wine_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    out.write_text("keep me")
    assert main(["undersample", str(wine_csv), "--target", "excellent", "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert out.read_text() == "keep me"
    assert (
        main(["undersample", str(wine_csv), "--target", "excellent", "-o", str(out), "--force"])
        == 0
    )
    assert len(pd.read_csv(out)) == 360


def test_output_problems_are_one_line_and_leave_no_file(
    wine_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope" / "out.csv"
    assert main(["smote", str(wine_csv), "--target", "excellent", "-o", str(missing)]) == 1
    assert "does not exist" in capsys.readouterr().err
    bad = tmp_path / "out.xlsx"
    assert main(["smote", str(wine_csv), "--target", "excellent", "-o", str(bad)]) == 1
    assert "unknown output type" in capsys.readouterr().err
    assert not bad.exists()
    # a failure during the run (bad target) leaves no partial or temporary file behind
    out = tmp_path / "out.csv"
    assert main(["smote", str(wine_csv), "--target", "nope", "-o", str(out)]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wine.csv"]


def test_split_command(wine_csv: Path, tmp_path: Path) -> None:
    train, test = tmp_path / "train.parquet", tmp_path / "test.parquet"
    args = ["split", str(wine_csv), "--target", "excellent", "--train-out", str(train)]
    assert main([*args, "--test-out", str(test), "--method", "undersample", "--seed", "1"]) == 0
    tr, te = pd.read_parquet(train), pd.read_parquet(test)
    assert te["excellent"].value_counts().to_dict() == {False: 1180, True: 45}
    assert tr["excellent"].value_counts().to_dict() == {False: 135, True: 135}
    assert set(tr.index).isdisjoint(te.index)
    assert main([*args, "--test-out", str(train), "--force"]) == 1  # same file twice


def test_interrupted_write_leaves_no_file(
    wine_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_write(self: pd.DataFrame, path: str, *args: object, **kwargs: object) -> None:
        Path(path).write_text("half a fi")  # a partial write, then the process "dies"
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken_write)
    out = tmp_path / "out.csv"
    out_existing = tmp_path / "keep.csv"
    out_existing.write_text("old content")
    assert main(["undersample", str(wine_csv), "--target", "excellent", "-o", str(out)]) == 1
    args = ["undersample", str(wine_csv), "--target", "excellent", "-o", str(out_existing)]
    assert main([*args, "--force"]) == 1
    assert not out.exists()
    assert out_existing.read_text() == "old content"  # the old file survives a failed --force
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.csv", "wine.csv"]


# ------------------------------------------------------------------- --test-size and --version


@pytest.fixture
def balanced_csv(tmp_path: Path) -> Path:
    path = tmp_path / "balanced.csv"
    _data(60, 40).to_csv(path, index=False)
    return path


def _split(data: Path, tmp_path: Path, size: str) -> int:
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    args = ["split", str(data), "--target", "y", "--method", "none", "--seed", "0", "--force"]
    return main([*args, "--train-out", str(train), "--test-out", str(test), "--test-size", size])


@pytest.mark.parametrize(
    ("size", "n_test"), [("20", 20), (" 35 ", 35), ("0.2", 20), ("0.5", 50), ("1e-1", 10)]
)
def test_split_test_size_takes_a_row_count_or_a_share(
    balanced_csv: Path, tmp_path: Path, size: str, n_test: int
) -> None:
    assert _split(balanced_csv, tmp_path, size) == 0
    train, test = pd.read_csv(tmp_path / "train.csv"), pd.read_csv(tmp_path / "test.csv")
    assert len(test) == n_test
    assert len(train) == 100 - n_test


@pytest.mark.parametrize(
    ("size", "fragment"), [("0", "test_size=0"), ("100", "100"), ("1.5", "1.5")]
)
def test_split_test_size_out_of_range_is_one_error_line(
    balanced_csv: Path, tmp_path: Path, size: str, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _split(balanced_csv, tmp_path, size) == 1
    _assert_one_error_line(capsys.readouterr().err, "test_size", fragment)


def test_split_test_size_not_a_number_is_a_usage_error(
    balanced_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        _split(balanced_csv, tmp_path, "a fifth")
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--test-size" in err
    assert "'a fifth'" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import pd_imbalance

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    out, err = capsys.readouterr()
    assert out == f"pd-imbalance {pd_imbalance.__version__}\n"
    assert err == ""


def test_console_script_version() -> None:
    import pd_imbalance

    proc = subprocess.run(
        [*_console_command(), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"pd-imbalance {pd_imbalance.__version__}\n"


# ------------------------------------------------- methods: undersample, oversample, clean, chains


def _separable(n_major: int = 80, n_minor: int = 20) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    y = np.r_[np.zeros(n_major, int), np.ones(n_minor, int)]
    return pd.DataFrame({"a": rng.normal(size=len(y)) + y, "b": rng.normal(size=len(y)), "y": y})


@pytest.fixture
def numeric_csv(tmp_path: Path) -> Path:
    path = tmp_path / "numeric.csv"
    _separable().to_csv(path, index=False)
    return path


def _run_file_command(path: Path, out: Path, *args: str) -> pd.DataFrame:
    assert main([*args[:1], str(path), "--target", "y", "-o", str(out), *args[1:]]) == 0
    return pd.read_csv(out)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_undersample_method_nearmiss(numeric_csv: Path, tmp_path: Path, version: int) -> None:
    import pd_imbalance as pdi

    out = tmp_path / "out.csv"
    got = _run_file_command(
        numeric_csv, out, "undersample", "--method", f"nearmiss-{version}", "--n-neighbors", "2"
    )
    expected = pdi.undersample(
        pd.read_csv(numeric_csv), "y", method=f"nearmiss-{version}", n_neighbors=2
    )
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True))


def test_undersample_default_method_is_random(numeric_csv: Path, tmp_path: Path) -> None:
    import pd_imbalance as pdi

    got = _run_file_command(numeric_csv, tmp_path / "o.csv", "undersample", "--seed", "3")
    expected = pdi.undersample(pd.read_csv(numeric_csv), "y", random_state=3)
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True))


def test_resample_steps_chain(numeric_csv: Path, tmp_path: Path) -> None:
    import pd_imbalance as pdi

    got = _run_file_command(
        numeric_csv, tmp_path / "o.csv", "resample", "--steps", "smote,nearmiss-1", "--seed", "0"
    )
    expected = pdi.resample(
        pd.read_csv(numeric_csv), "y", steps=["smote", "nearmiss-1"], random_state=0
    )
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True))
    assert got["y"].value_counts().to_dict() == {0: 80, 1: 80}


def test_split_method_chain(numeric_csv: Path, tmp_path: Path) -> None:
    import pd_imbalance as pdi

    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    args = ["split", str(numeric_csv), "--target", "y", "--seed", "2"]
    outs = ["--train-out", str(train), "--test-out", str(test)]
    assert main([*args, *outs, "--method", "smote, nearmiss-2"]) == 0
    df = pd.read_csv(numeric_csv)
    expected = pdi.split_then_resample(df, "y", method=["smote", "nearmiss-2"], random_state=2)
    pd.testing.assert_frame_equal(pd.read_csv(train), expected.train.reset_index(drop=True))
    pd.testing.assert_frame_equal(pd.read_csv(test), expected.test.reset_index(drop=True))


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["split", "--method", "smote,tomk"], "unknown method 'tomk'"),
        (["split", "--method", "smote,none"], "'none' stands alone"),
        (["split", "--method", "smote,"], "unknown method ''"),
        (["resample", "--steps", "none"], "unknown method 'none'"),
        (["undersample", "--method", "nearmiss-4"], "invalid choice"),
        (["oversample", "--method", "smoot"], "invalid choice"),
        (["clean", "--method", "tomk"], "invalid choice"),
    ],
)
def test_bad_method_names_are_usage_errors(
    numeric_csv: Path,
    tmp_path: Path,
    args: list[str],
    fragment: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outs = (
        ["--train-out", str(tmp_path / "a.csv"), "--test-out", str(tmp_path / "b.csv")]
        if args[0] == "split"
        else ["-o", str(tmp_path / "a.csv")]
    )
    with pytest.raises(SystemExit) as info:
        main([args[0], str(numeric_csv), "--target", "y", *outs, *args[1:]])
    assert info.value.code == 2
    assert fragment in capsys.readouterr().err


def test_too_few_minority_rows_for_nearmiss_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "small.csv"
    _separable(20, 2).to_csv(path, index=False)
    args = ["undersample", str(path), "--target", "y", "-o", str(tmp_path / "o.csv")]
    assert main([*args, "--method", "nearmiss-1"]) == 1
    _assert_one_error_line(capsys.readouterr().err, "n_neighbors=3", "has 2")


def test_after_merge_oversample_and_clean_commands(numeric_csv: Path, tmp_path: Path) -> None:
    import pd_imbalance as pdi

    df = pd.read_csv(numeric_csv)
    for method in ("random", "smote", "borderline-1", "borderline-2", "adasyn"):
        got = _run_file_command(
            numeric_csv, tmp_path / f"{method}.csv", "oversample", "--method", method, "--seed", "1"
        )
        expected = pdi.oversample(df, "y", method=method, random_state=1)
        pd.testing.assert_frame_equal(got, expected.reset_index(drop=True), obj=method)
    for method in ("tomek", "enn", "renn", "allknn", "ncr", "oss"):
        got = _run_file_command(
            numeric_csv, tmp_path / f"{method}.csv", "clean", "--method", method, "--seed", "1"
        )
        expected = pdi.clean(df, "y", method=method, random_state=1)
        pd.testing.assert_frame_equal(got, expected.reset_index(drop=True), obj=method)
    got = _run_file_command(numeric_csv, tmp_path / "c.csv", "resample", "--steps", "smote,tomek")
    assert len(got) >= 100


def _ids_frame() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n = 60
    return pd.DataFrame(
        {
            "row_id": np.arange(500, 500 + n),
            "amount": rng.normal(size=n),
            "site": rng.choice(["n", "s"], size=n),
            "y": ["ok"] * 45 + ["fraud"] * 15,
        }
    )


@pytest.fixture
def ids_file(tmp_path: Path) -> Path:
    path = tmp_path / "ids.csv"
    _ids_frame().to_csv(path, index=False)
    return path


def test_resampling_flags_reach_smote(ids_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    argv = ["smote", str(ids_file), "--target", "y", "-o", str(out), "--seed", "0",
            "--passthrough", "row_id", "--k-neighbors", "3", "--synthetic-flag", "new",
            "--sampling-strategy", "fraud=30", "--categorical", "site"]
    assert main(argv) == 0
    got = pd.read_csv(out)
    df = _ids_frame()
    expected = pdi_smote(df)
    assert got["y"].value_counts().to_dict() == {"ok": 45, "fraud": 30}
    assert got["row_id"].isin(df["row_id"]).all()  # copied, not interpolated
    assert got["new"].sum() == 15
    np.testing.assert_allclose(got["amount"], expected["amount"])


def pdi_smote(df: pd.DataFrame) -> pd.DataFrame:
    import pd_imbalance as pdi

    return pdi.smote(df, "y", random_state=0, passthrough=["row_id"], k_neighbors=3,
                     synthetic_flag="new", sampling_strategy={"fraud": 30}, categorical=["site"])


@pytest.mark.parametrize(
    ("command", "flags"),
    [
        (["oversample", "--method", "adasyn"], ["--k-neighbors", "4", "--sampling-strategy", "1"]),
        (["oversample"], ["--sampling-strategy", "minority", "--synthetic-flag", "copy"]),
        (["undersample", "--method", "nearmiss-1"], ["--sampling-strategy", "ok=20"]),
        (["clean", "--method", "enn"], ["--categorical", "site"]),
        (["resample", "--steps", "smote,tomek"], ["--k-neighbors", "3"]),
    ],
)
def test_resampling_flags_per_command(
    ids_file: Path, tmp_path: Path, command: list[str], flags: list[str]
) -> None:
    out = tmp_path / "out.csv"
    argv = [command[0], str(ids_file), *command[1:], "--target", "y", "-o", str(out),
            "--seed", "0", "--passthrough", "row_id", *flags]
    assert main(argv) == 0
    got = pd.read_csv(out)
    assert got["row_id"].isin(_ids_frame()["row_id"]).all()


@pytest.mark.parametrize(
    ("command", "flag", "fragment"),
    [
        (["undersample"], ["--k-neighbors", "3"], "does not apply (use --n-neighbors)"),
        (["undersample"], ["--categorical", "site"], "--categorical does not apply"),
        (["undersample"], ["--synthetic-flag", "new"], "--synthetic-flag does not apply"),
        (["oversample"], ["--k-neighbors", "3"], "oversample --method random: --k-neighbors"),
        (["clean"], ["--sampling-strategy", "fraud=3"], "not supported by cleaning methods"),
        (["smote"], ["--sampling-strategy", "nope=3"], "class(es) ['nope']"),
        (["smote"], ["--passthrough", "y"], "names the target column 'y'"),
        (["smote"], ["--passthrough", "row_id,row_id"], "more than once"),
        (["smote"], ["--passthrough", "zzz"], "which are not columns"),
    ],
)
def test_resampling_flags_refused_where_they_do_not_apply(
    ids_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    command: list[str], flag: list[str], fragment: str,
) -> None:
    out = tmp_path / "out.csv"
    argv = [command[0], str(ids_file), *command[1:], "--target", "y", "-o", str(out), *flag]
    assert main(argv) == 1
    _assert_one_error_line(capsys.readouterr().err, fragment)
    assert not out.exists()


def test_split_takes_the_resampling_flags(
    ids_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    base = ["split", str(ids_file), "--target", "y", "--train-out", str(train),
            "--test-out", str(test), "--seed", "0"]
    assert main([*base, "--passthrough", "row_id", "--k-neighbors", "3"]) == 0
    assert pd.read_csv(train)["row_id"].isin(_ids_frame()["row_id"]).all()
    assert main([*base, "--force", "--method", "smote,tomek", "--passthrough", "row_id",
                 "--synthetic-flag", "new"]) == 0
    assert pd.read_csv(train)["new"].any()
    capsys.readouterr()
    assert main([*base, "--force", "--method", "none", "--passthrough", "row_id"]) == 1
    _assert_one_error_line(capsys.readouterr().err, "resamples nothing")
    assert main([*base, "--force", "--method", "tomek", "--k-neighbors", "3"]) == 1
    _assert_one_error_line(capsys.readouterr().err, "--k-neighbors does not apply")


def test_parse_sampling_strategy_rejects_bad_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["smote", "x.csv", "--target", "y", "-o", "o.csv", "--sampling-strategy", "a=b"])
    assert "class=count pairs" in capsys.readouterr().err
