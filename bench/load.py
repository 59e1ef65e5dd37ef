"""Load benchmark: POST /api/v1/assess against a running `myomap serve` on loopback.

    .venv/bin/python bench/load.py [--workers 2] [--seconds 20] [--connections 32]

Starts `myomap serve --workers N` on a free port, drives it with wrk (Debian package `wrk`;
install with `apt-get install -y wrk`) using a mix of realistic requests, and records
requests/s and latency percentiles in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import ROOT, machine, write_section

BODIES = [
    {
        "pain": [
            {"region": "lumbar_paraspinal_r", "intensity": 6},
            {"region": "thigh_anterior_upper_r", "intensity": 4},
        ],
        "answers": {"pain_rising_from_sitting": "yes", "fever": "no"},
        "age": 41,
        "sex": "female",
    },
    {
        "pain": [
            {"region": "buttock_lower_l", "intensity": 7},
            {"region": "thigh_posterior_l", "intensity": 5},
            {"region": "sacroiliac_l", "intensity": 3},
        ],
        "answers": {"pain_prolonged_sitting": "yes"},
    },
    {"pain": [{"region": "temple_r", "intensity": 5}, {"region": "teeth_upper_r"}]},
    {"pain": [{"region": "calf_lower_l"}], "answers": {"calf_swollen_warm": "yes"}},
]

# A wrk script: POST the bodies in turn to the path; fill in with LUA % (bodies, path).
LUA = """
local bodies = {%s}
local i = 0
request = function()
  i = i + 1
  local body = bodies[(i %% #bodies) + 1]
  return wrk.format("POST", "%s", {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not start at {url}")


Run = tuple[int, int, float, float, float, float, float, int]
"""connections, requests, req/s, p50, p90, p99, max (ms), errors."""


def median_run(repeats: list[Run]) -> Run:
    return sorted(repeats, key=lambda r: r[2])[len(repeats) // 2]


def run_wrk(port: int, script: str, threads: int, connections: int, seconds: int) -> Run:
    """One wrk run; returns connections, requests, req/s, p50, p90, p99, max (ms), errors."""
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
         "--latency", "-s", script, f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out.stdout)
    if match is None:
        raise SystemExit(out.stdout + out.stderr)
    requests, duration_us, errors, p50, p90, p99, pmax = map(int, match.groups())
    rps = requests / (duration_us / 1e6)
    return connections, requests, rps, p50 / 1e3, p90 / 1e3, p99 / 1e3, pmax / 1e3, errors


def row(workers: int, connections: int, repeats: list[Run]) -> str:
    """The median run (by req/s) of several, with the range of req/s."""
    _c, n, rps, p50, p90, p99, pmax, _errors = median_run(repeats)
    low, high = min(r[2] for r in repeats), max(r[2] for r in repeats)
    return (
        f"| {workers} | {connections} | {n} | {rps:.0f} ({low:.0f}–{high:.0f}) | {p50:.1f} | "
        f"{p90:.1f} | {p99:.1f} | {pmax:.1f} | {sum(r[7] for r in repeats)} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, nargs="+", default=[4, 8, 16, 32])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    port = free_port()
    env = {**os.environ, "MYOMAP_LOG_LEVEL": "warning"}
    cmd = [sys.executable, "-m", "myomap.cli.app", "serve", "--port", str(port),
           "--workers", str(args.workers)]  # fmt: skip
    server = subprocess.Popen(cmd, env=env, cwd=ROOT)
    try:
        wait_ready(f"http://127.0.0.1:{port}/api/v1/regions")
        for body in BODIES:  # warm every worker's caches
            req = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/assess",
                data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"},
            )
            for _ in range(args.workers * 4):
                urllib.request.urlopen(req, timeout=10).read()
        lua = LUA % (", ".join(json.dumps(json.dumps(b)) for b in BODIES), "/api/v1/assess")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(lua)
        runs = {
            c: [run_wrk(port, f.name, args.threads, c, args.seconds) for _ in range(args.repeats)]
            for c in args.connections
        }
        Path(f.name).unlink()
    finally:
        server.terminate()
        server.wait(timeout=30)
    connections = " ".join(str(c) for c in args.connections)
    table = "\n".join(row(args.workers, c, repeats) for c, repeats in runs.items())
    met = [c for c, repeats in runs.items() if (m := median_run(repeats))[2] >= 500 and m[5] <= 50]
    verdict = (
        f"Target met (median run) with {', '.join(map(str, met))} concurrent connections"
        if met
        else "Target not met at any tested concurrency"
    )
    body = f"""
## Web API load (issue 4)

Machine: {machine()}. Server and load generator share the machine.
Command: `.venv/bin/python bench/load.py --workers {args.workers} --seconds {args.seconds} \\
--connections {connections} --repeats {args.repeats}` (needs Debian's `wrk`). The machine is
a shared virtual machine: runs of the same setting vary (see the ranges).
Load: wrk, {args.threads} thread, {args.repeats} runs of {args.seconds} s per row (the
median run by req/s is shown, with the range of req/s over the runs), `POST /api/v1/assess` cycling
through {len(BODIES)} requests (iliopsoas, gluteal, jaw, DVT red flag); each response is the
full engine result (triage, 10 candidates with reasons, explanation set, next question).
Server: `myomap serve --workers {args.workers}` (uvicorn). Target: ≥ 500 req/s with p99 ≤ 50 ms.

| workers | connections | requests | req/s (range) | p50 ms | p90 ms | p99 ms | max ms | errors |
|---|---|---|---|---|---|---|---|---|
{table}

{verdict}. More connections than two workers serve at once mostly add queueing: throughput
stays about the same while latency grows with the queue (Little's law).
"""
    write_section("load", body)
    print(body)


if __name__ == "__main__":
    main()
