"""CLI whole-process time, as ratios to ``python -c pass`` and ``python -c "import numpy"``.

Every command runs as a fresh process, the way a person runs it. The commands take turns
run by run (round-robin), so load from elsewhere on a shared machine hits all of them
alike. Each run is timed by the wall clock and by the CPU time the child used.

    .venv/bin/python bench/cli_time.py [--runs 15]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

FLOORS = (
    "typer, pydantic, rich.console, numpy",
    "typer, pydantic, rich.console, sqlalchemy.orm",
    "typer, pydantic, rich.console, sqlalchemy.orm, reportlab.platypus",
)
"""What `assess`, the diary commands and `report pdf` import before any work of their own:
typer parses the command line, pydantic checks the atlas and the evidence, rich prints, NumPy
ranks, SQLAlchemy's ORM stores, reportlab lays out the PDF."""
PYTHON = sys.executable
MYOMAP = str(Path(PYTHON).with_name("myomap"))
ASSESS = ["assess", "--pain", "lumbar_paraspinal_r:6,thigh_anterior_upper_r:4"]
TYPER_FLOOR = str(Path(__file__).with_name("typer_floor.py"))
"""A Typer app with the same options and no work of its own (see its docstring)."""


@dataclass
class Command:
    """A command line to time, with its target in ms (None: a baseline)."""

    name: str
    argv: list[str]
    target_ms: float | None = None
    before: Callable[[], None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    failures: int = 0

    def median(self) -> float:
        return statistics.median(self.wall_ms) if self.wall_ms else float("nan")


def fingerprint() -> str:
    """What the warm cache depends on: the atlas key and the engine's code."""
    from myomap.atlas import DEFAULT_ROOT
    from myomap.atlas.cache import atlas_key

    engine = Path(atlas_key.__code__.co_filename).parents[1] / "engine"
    code = b"".join(p.read_bytes() for p in sorted(engine.glob("*.py")))
    return atlas_key(DEFAULT_ROOT) + hashlib.sha256(code).hexdigest()


class Warmer:
    """Keeps the benchmark's atlas cache warm even while someone edits the atlas.

    The cache is rebuilt (untimed) whenever its inputs changed since the last warming,
    so a warm-cache command never pays for an edit made elsewhere during the run.
    """

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.seen = ""

    def __call__(self) -> None:
        now = fingerprint()
        if now != self.seen:
            code = "from myomap.engine.defaults import default_model; default_model()"
            subprocess.run([PYTHON, "-c", code], env=self.env, check=True)
            self.seen = now


def commands(work: Path, env: dict[str, str]) -> list[Command]:
    """The commands measured; ``work`` holds their database, caches and output."""
    cold = work / "cold-cache"
    warm = Warmer(env)

    def clear_cold() -> None:
        shutil.rmtree(cold, ignore_errors=True)

    return [
        Command("python -c pass", [PYTHON, "-c", "pass"]),
        Command('python -c "import numpy"', [PYTHON, "-c", "import numpy"]),
        # The libraries each measured command cannot start without: the floor of its target.
        *(
            Command(f'python -c "import {libs}"', [PYTHON, "-c", f"import {libs}"])
            for libs in FLOORS
        ),
        Command(
            "typer floor: assess's options, NumPy",
            [PYTHON, TYPER_FLOOR, "assess", "--pain", "lumbar_paraspinal_r:6"],
        ),
        Command(
            "typer floor: diary add's options, SQLAlchemy ORM",
            [PYTHON, TYPER_FLOOR, "diary", "--pain", "sacrum:5", "--overall", "4"],
        ),
        Command("myomap --version", [MYOMAP, "--version"], 150),
        Command("myomap --help", [MYOMAP, "--help"], 150),
        Command("myomap assess (warm cache)", [MYOMAP, *ASSESS], 250, before=warm),
        Command(
            "myomap assess (cold cache)",
            [MYOMAP, *ASSESS],
            1500,
            before=clear_cold,
            env={"MYOMAP_CACHE_DIR": str(cold)},
        ),
        Command("myomap regions", [MYOMAP, "regions"], 250, before=warm),
        Command(
            "myomap diary add",
            [MYOMAP, "diary", "add", "--pain", "sacrum:5,buttock_lower_r:3", "--overall", "4"],
            350,
            before=warm,
        ),
        Command(
            "myomap report pdf",
            [MYOMAP, "report", "pdf", "--out", str(work / "r.pdf")],
            1000,
            before=warm,
        ),
    ]


def environment(work: Path) -> dict[str, str]:
    """A private database and cache, so that the benchmark touches nothing of the user's."""
    return {
        **os.environ,
        "MYOMAP_DATABASE_URL": f"sqlite:///{work / 'diary.db'}",
        "MYOMAP_CACHE_DIR": str(work / "cache"),
        "COLUMNS": "100",
    }


def prepare(env: dict[str, str]) -> None:
    """A database with a few entries and a saved assessment, and a warm atlas cache."""
    run = [
        ["db", "upgrade"],
        ["diary", "add", "--pain", "lumbar_paraspinal_r:6", "--overall", "5"],
        ["diary", "add", "--pain", "lumbar_paraspinal_r:4,sacrum:2", "--overall", "3"],
        [*ASSESS, "--save"],
    ]
    for args in run:
        done = subprocess.run([MYOMAP, *args], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"myomap {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def time_once(cmd: Command, env: dict[str, str]) -> None:
    if cmd.before is not None:
        cmd.before()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = perf_counter()
    done = subprocess.run(
        cmd.argv, env={**env, **cmd.env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = (perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        cmd.failures += 1
        return
    cmd.wall_ms.append(wall)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cmd.cpu_ms.append(cpu * 1000)


def measure(runs: int = 15, warmup: int = 2) -> list[Command]:
    """Time every command ``runs`` times, round-robin, after ``warmup`` untimed rounds."""
    with tempfile.TemporaryDirectory(prefix="myomap-bench-") as tmp:
        work = Path(tmp)
        env = environment(work)
        prepare(env)
        cmds = commands(work, env)
        for _ in range(warmup):
            for cmd in cmds:
                time_once(cmd, env)
        for cmd in cmds:
            cmd.wall_ms.clear()
            cmd.cpu_ms.clear()
            cmd.failures = 0
        for _ in range(runs):
            for cmd in cmds:
                time_once(cmd, env)
    return cmds


def table(cmds: list[Command]) -> list[str]:
    """Markdown rows: medians with ranges, ratios to the two baselines, target."""
    bare, numpy = cmds[0].median(), cmds[1].median()
    rows = []
    for cmd in cmds:
        if not cmd.wall_ms:
            rows.append(f"| `{cmd.name}` | failed ({cmd.failures} runs) | | | | | |")
            continue
        wall, cpu = cmd.median(), statistics.median(cmd.cpu_ms)
        target = "—" if cmd.target_ms is None else f"≤ {cmd.target_ms:.0f}"
        verdict = "" if cmd.target_ms is None else (" ✓" if wall <= cmd.target_ms else " ✗")
        failed = f" ({cmd.failures} failed)" if cmd.failures else ""
        rows.append(
            f"| `{cmd.name}` | {wall:.0f} ({min(cmd.wall_ms):.0f}–{max(cmd.wall_ms):.0f})"
            f"{failed} | {cpu:.0f} | {wall / bare:.1f}× | {wall / numpy:.1f}× | "
            f"{target}{verdict} |"
        )
    return rows


HEAD = (
    "| command | wall ms, median (range) | CPU ms | ÷ python -c pass | ÷ import numpy "
    "| target ms |\n|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cmds = measure(args.runs)
    print(HEAD)
    print("\n".join(table(cmds)))


if __name__ == "__main__":
    main()
