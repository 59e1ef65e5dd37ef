"""The README's command-line section, run line by line in the order shown, as a newcomer
would: each command must succeed (exit 0) on a fresh database."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MYOMAP = ROOT / ".venv" / "bin" / "myomap"
SESSION = "my lower back hurts on the right next to the spine\nall\n" + "n\n" * 80
"""What a person types into `myomap interview`: a description, keep it all, then "no" to
every question and to saving."""


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## From the command line", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the command-line section lost its sh block"
    joined = block.group(1).replace("\\\n", " ")
    return [line for line in joined.splitlines() if line.strip()]


def test_the_section_shows_the_everyday_commands() -> None:
    firsts = [shlex.split(line, comments=True)[1] for line in readme_commands()]
    for command in ("assess", "show", "interview", "diary", "report", "backup", "restore"):
        assert command in firsts, command


@pytest.mark.slow
@pytest.mark.skipif(not MYOMAP.exists(), reason="needs .venv (make test creates it)")
def test_every_command_works_in_the_order_shown(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "MYOMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'diary.sqlite'}",
        "MYOMAP_CACHE_DIR": str(tmp_path / "cache"),
        "COLUMNS": "100",
    }
    for line in readme_commands():
        args = shlex.split(line, comments=True)
        assert args[0] == ".venv/bin/myomap", line
        done = subprocess.run(
            [str(MYOMAP), *args[1:]],
            cwd=tmp_path if "eval" not in args else ROOT,
            env=env,
            input=SESSION if args[1] == "interview" else "",
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{line}\n{done.stdout[-800:]}\n{done.stderr[-800:]}"
        assert "Traceback" not in done.stderr, line
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert b"RRULE" in (tmp_path / "plan.ics").read_bytes()
