"""Shared helpers for benchmarks: machine description and writing docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
import re
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"

HEADER = """# Benchmarks

Measured figures only: each section says what was measured, on which machine, and the command
that reproduces it. Sections are rewritten by the scripts in `bench/`.
"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """(p50, p99, mean) of samples."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99, statistics.fmean(ordered)


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section between the markers for ``name``."""
    text = DOC.read_text() if DOC.exists() else HEADER
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.strip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else f"{text}\n{block}\n"
    DOC.write_text(text)
