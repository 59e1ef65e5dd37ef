"""API throughput and p99 of ``POST /api/v1/assess`` as a ratio to a trivial endpoint.

One server (uvicorn, 2 workers, the real app) serves both the assessment and a trivial
endpoint that parses the same body and answers a constant (``bench/_apps.py``); wrk
drives them in turn at each concurrency, run after run, so both see the same machine.
Also measured: how long ``myomap serve`` takes from start to its first answer.

    .venv/bin/python bench/api_ratio.py [--seconds 5] [--repeats 3]   (needs Debian's wrk)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _apps import NOOP
from load import BODIES, LUA, Run, free_port, run_wrk, wait_ready

BENCH = Path(__file__).resolve().parent

ASSESS = "/api/v1/assess"


@dataclass
class Series:
    """Runs of one endpoint at one concurrency."""

    path: str
    connections: int
    runs: list[Run] = field(default_factory=list)

    def rps(self) -> list[float]:
        return [r[2] for r in self.runs]

    def p99(self) -> list[float]:
        return [r[5] for r in self.runs]

    def errors(self) -> int:
        return sum(r[7] for r in self.runs)


@dataclass
class ApiResult:
    workers: int
    seconds: int
    repeats: int
    series: dict[tuple[str, int], Series]
    first_answer_s: list[float]


def script(path: str, folder: Path) -> Path:
    lua = LUA % (", ".join(json.dumps(json.dumps(b)) for b in BODIES), path)
    target = folder / f"{path.strip('/').replace('/', '_')}.lua"
    target.write_text(lua)
    return target


def post(port: int, path: str, body: object) -> None:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(req, timeout=10).read()


def first_answer(env: dict[str, str]) -> float:
    """Seconds from starting ``myomap serve`` to its first successful answer."""
    port = free_port()
    myomap = str(Path(sys.executable).with_name("myomap"))
    t0 = time.perf_counter()
    server = subprocess.Popen(
        [myomap, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/api/v1/health"
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return time.perf_counter() - t0
            except OSError:
                time.sleep(0.01)
            if time.perf_counter() - t0 > 60 or server.poll() is not None:
                raise SystemExit("myomap serve did not answer")
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(
    connections: list[int], seconds: int = 5, repeats: int = 3, workers: int = 2
) -> ApiResult:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="myomap-api-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "MYOMAP_LOG_LEVEL": "warning",
            "MYOMAP_DATABASE_URL": f"sqlite:///{folder / 'diary.db'}",
            "PYTHONPATH": os.pathsep.join([str(BENCH), os.environ.get("PYTHONPATH", "")]),
        }
        myomap = str(Path(sys.executable).with_name("myomap"))
        subprocess.run([myomap, "db", "upgrade"], env=env, check=True, capture_output=True)
        starts = [first_answer(env) for _ in range(3)]
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "_apps:myomap_app", "--factory", "--port",
             str(port), "--workers", str(workers), "--log-level", "warning"],
            env=env, cwd=BENCH,
        )  # fmt: skip
        series = {(p, c): Series(p, c) for c in connections for p in (ASSESS, NOOP)}
        try:
            wait_ready(f"http://127.0.0.1:{port}/api/v1/regions")
            for body in BODIES:  # warm every worker
                for _ in range(workers * 4):
                    post(port, ASSESS, body)
                    post(port, NOOP, body)
            scripts = {p: script(p, folder) for p in (ASSESS, NOOP)}
            for _ in range(repeats):
                for c in connections:
                    for p in (ASSESS, NOOP):
                        series[(p, c)].runs.append(run_wrk(port, str(scripts[p]), 1, c, seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return ApiResult(workers, seconds, repeats, series, starts)


def rows(result: ApiResult) -> list[str]:
    """Markdown rows: per concurrency, both endpoints' req/s and p99, and the ratios."""
    med = statistics.median
    out = []
    for (path, c), s in result.series.items():
        if path != ASSESS:
            continue
        noop = result.series[(NOOP, c)]
        ratios = [n / a for a, n in zip(s.rps(), noop.rps(), strict=True)]
        out.append(
            f"| {c} | {med(s.rps()):.0f} ({min(s.rps()):.0f}–{max(s.rps()):.0f}) | "
            f"{med(s.p99()):.1f} | {med(noop.rps()):.0f} "
            f"({min(noop.rps()):.0f}–{max(noop.rps()):.0f}) | {med(noop.p99()):.1f} | "
            f"{med(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f}) | "
            f"{s.errors() + noop.errors()} |"
        )
    return out


HEAD = (
    "| connections | assess req/s (range) | assess p99 ms | trivial req/s (range) "
    "| trivial p99 ms | trivial ÷ assess throughput (range) | errors |\n"
    "|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, nargs="+", default=[4, 8, 16, 32])
    args = parser.parse_args()
    result = measure(args.connections, args.seconds, args.repeats)
    print(HEAD)
    print("\n".join(rows(result)))
    print(f"first answer after start: {statistics.median(result.first_answer_s):.2f} s")


if __name__ == "__main__":
    main()
