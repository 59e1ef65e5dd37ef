"""The diary, report, backup, restore and db commands, used as a person would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from myomap.cli.app import app

WEEK = Path(__file__).parent / "fixtures" / "diary" / "week.json"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "diary.db"
    monkeypatch.setenv("MYOMAP_DATABASE_URL", f"sqlite:///{path}")
    return path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_add_list_show_delete_undo(db: Path) -> None:
    assert "database at revision" in run("db", "upgrade")
    run(
        "diary",
        "add",
        "--pain",
        "lumbar_paraspinal_r:6,sacrum:3",
        "--overall",
        "5",
        "--note",
        "after the drive",
        "--at",
        "2025-03-01T08:30+01:00",
    )
    run("diary", "add", "--pain", "sacrum:2", "--overall", "3")
    listed = json.loads(run("diary", "list", "--json"))
    assert [e["overall"] for e in listed] == [5, 3]
    first = listed[0]
    assert {"id", "at", "overall", "pain", "note"} <= set(first)
    assert first["at"] == "2025-03-01T07:30:00Z"
    assert first["pain"] == {"lumbar_paraspinal_r": 6, "sacrum": 3}
    assert "after the drive" in run("diary", "show", str(first["id"]))
    assert "undo" in run("diary", "delete", str(first["id"]))
    assert len(json.loads(run("diary", "list", "--json"))) == 1
    run("diary", "undo", str(first["id"]))
    assert len(json.loads(run("diary", "list", "--json"))) == 2


def test_reports_backup_and_restore(db: Path, tmp_path: Path) -> None:
    restored = run("restore", str(WEEK))
    counts = json.loads(WEEK.read_text())
    entries, assessments = len(counts["entries"]), len(counts["assessments"])
    assert restored.startswith(f"restored {entries} entries and {assessments} assessment")
    for kind in ("pdf", "fhir", "json", "csv", "ics"):
        run("report", kind, "--out", str(tmp_path / f"report.{kind}"))
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert json.loads((tmp_path / "report.fhir").read_text())["resourceType"] == "Bundle"
    assert (tmp_path / "report.json").read_text() == WEEK.read_text()
    said = run("backup", str(tmp_path / "backup.json"))
    assert said.startswith("backed up ") and " to " in said
    assert (tmp_path / "backup.json").read_text() == WEEK.read_text()


def test_backup_counts_read_as_english(db: Path, tmp_path: Path) -> None:
    run("diary", "add", "--pain", "sacrum:4", "--overall", "3")
    said = run("backup", str(tmp_path / "one.json"))
    assert said.startswith("backed up 1 entry and 0 assessments to ")


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-c", "from myomap.cli.app import main; main()", *args],
        capture_output=True,
        text=True,
        env={
            "MYOMAP_DATABASE_URL": f"sqlite:///{db}",
            "MYOMAP_CACHE_DIR": os.environ["MYOMAP_CACHE_DIR"],  # the suite's (conftest)
            "PATH": "/usr/bin:/bin",
        },
        timeout=120,
    )
    done.stderr = " ".join(done.stderr.split())  # rich wraps long messages
    return done


@pytest.mark.slow
def test_errors_are_clear_messages_and_store_nothing(db: Path, tmp_path: Path) -> None:
    bad = cli(db, "diary", "add", "--pain", "lumbar_paraspinal:6", "--overall", "4")
    assert bad.returncode == 2
    assert "use lumbar_paraspinal_l or lumbar_paraspinal_r" in bad.stderr
    assert "Traceback" not in bad.stderr
    late = cli(db, "diary", "add", "--pain", "sacrum:4", "--overall", "4", "--at", "2025-02-30")
    assert late.returncode == 2 and "ISO-8601" in late.stderr
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"format": "myomap-diary", "version": 1, "entries": [')
    broken = cli(db, "restore", str(corrupt))
    assert broken.returncode == 2 and "not valid JSON" in broken.stderr
    assert cli(db, "diary", "list", "--json").stdout.strip() == "[]"
    assert cli(db, "restore", str(WEEK)).returncode == 0
    again = cli(db, "restore", str(WEEK))
    assert again.returncode == 2 and "--force" in again.stderr
    assert cli(db, "restore", "--force", str(WEEK)).returncode == 0


def test_a_note_with_brackets_lists_as_typed(db: Path) -> None:
    run("diary", "add", "--pain", "sacrum:4", "--overall", "3", "--note", "gardening [heavy] [b]")
    assert "gardening [heavy] [b]" in run("diary", "list")
    assert "gardening [heavy] [b]" in run("diary", "show", "1")
