"""All the ratio benchmarks in one run (issue 16): prints the ratios, writes docs/benchmarks.md.

Absolute times drift on a shared machine; ratios to a baseline measured in the same run,
taking turns with it, drift much less. Four parts:

- engine: ``rank`` and ``lookup`` against a bare NumPy evaluation of the same posterior;
- atlas: ``load_atlas()`` in a fresh process, before (pure-Python YAML) and after (cache);
- CLI: whole-process time against ``python -c pass`` and ``python -c "import numpy"``;
- API: ``POST /api/v1/assess`` against a trivial endpoint on the same server (needs wrk).

    .venv/bin/python bench/run.py            (or `make bench`)
    .venv/bin/python bench/run.py --only engine cli --no-write
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api_ratio
import atlas_load
import cli_time
import floor

from _report import machine, write_section

PARTS = ("engine", "atlas", "cli", "api")


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def nproc() -> str:
    return subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()


def engine_part() -> str:
    r = floor.measure()
    med = statistics.median
    h, regions, findings = r.shape
    lines = [
        "## Engine ratios (issue 16): `rank` against the bare NumPy floor",
        "",
        f"Model: {h} hypotheses × {regions} regions × {findings} findings; {r.cases} random "
        f"cases (1–5 painful regions, 4 answers), {len(r.floor_us)} rounds, the three taking "
        "turns case by case. The floor is the posterior in bare NumPy from prepared index "
        "arrays (checked equal to the engine's); `rank` adds validation, triage, reasons, the "
        "explanation set and the next question. Goal: `rank` within 20× of the floor.",
        "",
        "| | µs per call, median (range of rounds) | ÷ floor, median (range) |",
        "|---|---|---|",
        f"| bare NumPy floor | {med(r.floor_us):.0f} ({min(r.floor_us):.0f}–"
        f"{max(r.floor_us):.0f}) | 1 |",
    ]
    for name, samples in (("`rank`", r.rank_us), ("`lookup`", r.lookup_us)):
        m, lo, hi = r.ratio(samples)
        lines.append(
            f"| {name} | {med(samples):.0f} ({min(samples):.0f}–{max(samples):.0f}) | "
            f"{m:.1f}× ({lo:.1f}–{hi:.1f}) |"
        )
    rank_lookup = [a / b for a, b in zip(r.rank_us, r.lookup_us, strict=True)]
    lines.append("")
    lines.append(
        f"`rank` ÷ `lookup`: {med(rank_lookup):.1f}× ({min(rank_lookup):.1f}–"
        f"{max(rank_lookup):.1f})."
    )
    return "\n".join(lines)


def atlas_part(runs: int) -> str:
    return "\n".join(
        [
            "## Atlas load (issue 16): `load_atlas()` before and after the cache",
            "",
            f"Each row: a new process that imports `myomap.atlas` and times one `load_atlas()`; "
            f"{runs} processes per row, rows taking turns.",
            "",
            atlas_load.HEAD,
            *atlas_load.rows(atlas_load.measure(runs)),
        ]
    )


def cli_part(runs: int) -> str:
    cmds = cli_time.measure(runs)
    return "\n".join(
        [
            "## CLI whole-process time (issue 16)",
            "",
            f"{runs} runs per command after 2 warm-up rounds, commands taking turns run by run; "
            "a private SQLite diary (2 entries, 1 saved assessment) and a private atlas cache. "
            "Ratios are of medians of wall time; CPU is the child's user + system time.",
            "",
            cli_time.HEAD,
            *cli_time.table(cmds),
        ]
    )


def api_part(seconds: int, repeats: int) -> str:
    result = api_ratio.measure([4, 8, 16, 32], seconds, repeats)
    starts = result.first_answer_s
    return "\n".join(
        [
            "## API ratio (issue 16): `POST /api/v1/assess` against a trivial endpoint",
            "",
            f"uvicorn, {result.workers} workers, the real app plus `POST /bench/noop` (parses "
            "the same JSON body, answers a constant; same middleware and access guard). wrk, "
            f"1 thread, {seconds} s per run, {repeats} runs per row, the two endpoints taking "
            "turns; the bodies cycle through the four requests of `bench/load.py`. Server "
            "and load generator share the machine. Goal: assess within 2× of the trivial "
            "endpoint's throughput.",
            "",
            api_ratio.HEAD,
            *api_ratio.rows(result),
            "",
            f"`myomap serve` answered its first request {statistics.median(starts):.2f} s "
            f"after start (median of {len(starts)}; {min(starts):.2f}–{max(starts):.2f} s; "
            "target ≤ 1.5 s).",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--runs", type=int, default=15, help="CLI runs per command")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--repeats", type=int, default=3, help="wrk runs per row")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--note", default="", help="a sentence added to each section")
    args = parser.parse_args()
    command = "`.venv/bin/python bench/run.py" + (
        f" --only {' '.join(args.only)}`" if args.only != list(PARTS) else "` (or `make bench`)"
    )
    where = (
        f"Machine: `nproc` = {nproc()}, {cpu_model()}; {machine()}.\nCommand: {command}. The "
        "machine is shared: medians with the range over runs; compared commands take turns "
        "within one run, so the ratios drift less than the absolute times."
        + (f" {args.note}" if args.note else "")
    )
    for part in args.only:
        if part == "engine":
            text = engine_part()
        elif part == "atlas":
            text = atlas_part(max(3, args.runs // 2))
        elif part == "cli":
            text = cli_part(args.runs)
        else:
            text = api_part(args.seconds, args.repeats)
        print(text + "\n", flush=True)
        if not args.no_write:
            heading, rest = text.split("\n", 1)
            write_section(f"ratios-{part}", f"{heading}\n\n{where}\n{rest}")


if __name__ == "__main__":
    main()
