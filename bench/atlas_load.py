"""``load_atlas()`` in a fresh process: the old way, with libyaml, and from the cache.

Each mode runs in its own new process (so nothing is warm in memory), round-robin:

- pure-Python YAML, no cache: how every start used to read the atlas;
- libyaml, no cache: reading and checking everything, as ``myomap atlas check`` does;
- cold cache: libyaml, check, then write the cache (the first start after a change);
- warm cache: hash the files, unpickle the checked atlas.

    .venv/bin/python bench/atlas_load.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = """
import sys, time
if sys.argv[1] == "python-yaml":
    import yaml
    import myomap.atlas.lexicon as lexicon
    import myomap.atlas.raw as raw
    for module in (raw, lexicon):  # every reader of the atlas's YAML
        assert module.SAFE_LOADER is not yaml.SafeLoader, "libyaml missing: nothing to compare"
        module.SAFE_LOADER = yaml.SafeLoader
from myomap.atlas import load_atlas
t0 = time.perf_counter()
load_atlas()
print((time.perf_counter() - t0) * 1000)
"""

MODES = {
    "pure-Python YAML, no cache (before)": ("python-yaml", "off"),
    "libyaml, no cache (full read and check)": ("libyaml", "off"),
    "libyaml, cold cache (read, check, write cache)": ("libyaml", "cold"),
    "warm cache (after)": ("libyaml", "warm"),
}


def once(loader: str, cache: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, loader],
        env={**os.environ, "MYOMAP_CACHE_DIR": cache},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"load_atlas() failed:\n{done.stderr[-2000:]}")
    return float(done.stdout)


def measure(runs: int = 7) -> dict[str, list[float]]:
    """Milliseconds per mode, ``runs`` fresh processes each."""
    samples: dict[str, list[float]] = {name: [] for name in MODES}
    with tempfile.TemporaryDirectory(prefix="myomap-load-") as tmp:
        cold, warm = Path(tmp, "cold"), str(Path(tmp, "warm"))
        once("libyaml", warm)
        for _ in range(runs):
            for name, (loader, cache) in MODES.items():
                if cache == "cold":
                    shutil.rmtree(cold, ignore_errors=True)
                    cache = str(cold)
                elif cache == "warm":
                    once(loader, warm)  # untimed: rebuilds if the atlas was edited meanwhile
                    cache = warm
                samples[name].append(once(loader, cache))
    return samples


def rows(samples: dict[str, list[float]]) -> list[str]:
    before = statistics.median(next(iter(samples.values())))
    out = []
    for name, values in samples.items():
        m = statistics.median(values)
        out.append(
            f"| {name} | {m:.0f} ({min(values):.0f}–{max(values):.0f}) | {before / m:.0f}× |"
        )
    return out


HEAD = "| load_atlas() in a new process | ms, median (range) | speed-up |\n|---|---|---|"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(HEAD)
    print("\n".join(rows(measure(args.runs))))


if __name__ == "__main__":
    main()
