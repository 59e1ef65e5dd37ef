"""Usage errors of the ``myomap`` command: one line, the right exit code, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from myomap import __version__
from myomap.cli.app import main

MYOMAP = str(Path(sys.executable).with_name("myomap"))


def run_main(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run the entry point in this process; returns exit code, stdout and stderr."""
    monkeypatch.setattr(sys, "argv", ["myomap", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    captured = capsys.readouterr()
    code = stopped.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


@pytest.fixture(autouse=True)
def private_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No usage test may touch the user's diary."""
    monkeypatch.setenv("MYOMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'diary.db'}")


USAGE_ERRORS = [
    (["frobnicate"], "No such command 'frobnicate'"),
    (["show"], "Missing argument 'muscle'"),
    (["assess", "--pain"], "Option '--pain' requires an argument"),
    (["assess", "--bogus"], "No such option: --bogus"),
    (["report", "pdf"], "Missing option '--out'"),
    (["report", "xml", "--out", "report.xml"], "'xml' is not one of"),
    (["report"], "Missing argument"),
    (["diary", "add", "--pain", "sacrum:3"], "Missing option '--overall'"),
    (["diary", "add", "--pain", "sacrum:3", "--overall", "lots"], "Invalid value for '--overall'"),
    (["atlas", "frobnicate"], "No such command 'frobnicate'"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=lambda v: " ".join(v))
def test_usage_error_is_one_line(
    args: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_main(args, monkeypatch, capsys)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert message in lines[0]
    assert lines[0].startswith("error: ")
    assert "--help" in lines[0]
    assert "Traceback" not in err


def test_version(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(["--version"], monkeypatch, capsys)
    assert (code, out, err) == (0, f"myomap {__version__}\n", "")


def test_version_answers_before_the_cli_loads(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from myomap.cli import main as entry_point

    monkeypatch.setattr(sys, "argv", ["myomap", "--version"])
    entry_point()
    assert capsys.readouterr().out == f"myomap {__version__}\n"


def test_version_with_a_command_is_still_the_version(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run_main(["--version", "regions"], monkeypatch, capsys)
    assert (code, out) == (0, f"myomap {__version__}\n")


def test_assess_without_pain_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(["assess"], monkeypatch, capsys)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "--pain" in lines[0]
    assert "myomap regions" in lines[0]


def test_assess_with_only_answers_still_needs_pain(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_main(["assess", "--yes", "pain_rising_from_sitting"], monkeypatch, capsys)
    assert code == 2
    assert "--pain" in err


@pytest.mark.parametrize(
    "args",
    [["--version"], ["frobnicate"], ["report", "pdf"], ["assess"]],
    ids=lambda v: " ".join(v),
)
def test_the_installed_command_prints_no_traceback(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "MYOMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'diary.db'}"}
    done = subprocess.run([MYOMAP, *args], capture_output=True, text=True, env=env, timeout=60)
    assert "Traceback" not in done.stderr
    assert done.returncode == (0 if args == ["--version"] else 2)
    output = done.stdout if args == ["--version"] else done.stderr
    assert len(output.strip().splitlines()) == 1, output


def test_a_failed_atlas_check_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    atlas = tmp_path / "atlas"
    shutil.copytree(Path(__file__).parent / "fixtures" / "atlas" / "valid", atlas)
    (atlas / "muscles" / "alpha.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, _err = run_main(["atlas", "check", "--path", str(atlas)], monkeypatch, capsys)
    assert code == 1
    assert "MYO000" in out
