"""Load test of server mode: many signed-in people at once, on PostgreSQL, several workers.

    .venv/bin/python bench/server_load.py [--users 200] [--connections 64] [--seconds 30]

Starts a throwaway PostgreSQL 15 cluster and `myomap serve --server --workers 4` on
loopback, signs up --users people (each with a bearer token), then drives the server with
wrk (Debian's `wrk`): each request is one of those people, chosen in turn, doing one of
  30% POST /api/v1/assess   (the engine, with triage)
  30% POST /api/v1/diary    (a new entry with two painful regions)
  40% GET  /api/v1/diary    (their diary)
Afterwards it counts the rows: every 201 wrk saw must be one entry with its two pain rows
(no lost or partial writes). Figures go to docs/benchmarks.md ("server-load").
Rate limits are raised for the run (every virtual person comes from 127.0.0.1).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pg import cluster
from load import free_port, wait_ready

from _report import ROOT, machine, write_section

PASSWORD = "load test passphrase"
ASSESS = {
    "pain": [
        {"region": "lumbar_paraspinal_r", "intensity": 6},
        {"region": "thigh_anterior_upper_r", "intensity": 4},
    ],
    "answers": {"pain_rising_from_sitting": "yes", "fever": "no"},
}
ENTRY = {"overall": 4, "pain": {"lumbar_paraspinal_r": 5, "sacrum": 2}, "note": "load test"}

LUA = """
local tokens = {%(tokens)s}
local assess = %(assess)s
local entry = %(entry)s
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end
function init(args)
  created = 0
  failed = 0
  n = offset
end
function request()
  n = n + 1
  local token = tokens[(n %% #tokens) + 1]
  local kind = n %% 10
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  if kind < 3 then
    return wrk.format("POST", "/api/v1/assess", headers, assess)
  elseif kind < 6 then
    return wrk.format("POST", "/api/v1/diary", headers, entry)
  end
  return wrk.format("GET", "/api/v1/diary", headers)
end
function response(status, headers, body)
  if status == 201 then created = created + 1 end
  if status >= 400 then failed = failed + 1 end
end
function done(summary, latency, requests)
  local c, f = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    f = f + t:get("failed")
  end
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, c, f))
end
"""


def post(port: int, path: str, body: dict[str, object], token: str = "") -> dict[str, object]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), headers=headers
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        data: dict[str, object] = json.loads(response.read() or b"{}")
        return data


def sign_up(port: int, users: int) -> list[str]:
    tokens = []
    for n in range(users):
        credentials: dict[str, object] = {"email": f"person{n}@example.org", "password": PASSWORD}
        post(port, "/api/v1/auth/signup", credentials)
        tokens.append(str(post(port, "/api/v1/auth/login", credentials)["access_token"]))
    return tokens


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {
            table: int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())
            for table in ("users", "entries", "entry_pain", "assessments")
        }
        found["entries_without_two_pain_rows"] = int(
            connection.execute(
                text(
                    "SELECT COUNT(*) FROM entries e WHERE (SELECT COUNT(*) FROM entry_pain p "
                    "WHERE p.entry_id = e.id) <> 2"
                )
            ).scalar_one()
        )
    engine.dispose()
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    with cluster() as url:
        port = free_port()
        env = {
            **os.environ,
            "MYOMAP_DATABASE_URL": url,
            "MYOMAP_LOG_LEVEL": "warning",
            "MYOMAP_SIGNUP_LIMIT": "0",
            "MYOMAP_LOGIN_LIMIT": "0",
            "MYOMAP_ASSESS_LIMIT": "0",
        }
        command = [sys.executable, "-m", "myomap.cli.app", "serve", "--server", "--port", str(port),
                   "--workers", str(args.workers)]  # fmt: skip
        server = subprocess.Popen(command, env=env, cwd=ROOT)
        try:
            wait_ready(f"http://127.0.0.1:{port}/api/v1/health")
            started = time.monotonic()
            tokens = sign_up(port, args.users)
            signup_seconds = time.monotonic() - started
            lua = LUA % {
                "tokens": ", ".join(json.dumps(t) for t in tokens),
                "assess": json.dumps(json.dumps(ASSESS)),
                "entry": json.dumps(json.dumps(ENTRY)),
            }
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                script.write(lua)
            out = subprocess.run(
                ["wrk", "-t", str(args.threads), "-c", str(args.connections),
                 "-d", f"{args.seconds}s", "-s", script.name, f"http://127.0.0.1:{port}"],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            Path(script.name).unlink()
        finally:
            server.terminate()
            server.wait(timeout=60)
        rows = counts(url)
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT"))
    requests, duration_us, socket_errors, p50, p90, p99, pmax, created, failed = map(
        int, line.split()[1:]
    )
    rps = requests / (duration_us / 1e6)
    lost = max(0, created - rows["entries"])
    unanswered = max(0, rows["entries"] - created)
    body = f"""
## Server mode under load (issue 6)

Machine: {machine()}. Server, PostgreSQL 15 and load generator share the machine.
Command: `.venv/bin/python bench/server_load.py --users {args.users} --connections \\
{args.connections} --seconds {args.seconds}` (needs Debian's `wrk` and `postgresql-15`).
Server: `myomap serve --server --workers {args.workers}` on a throwaway PostgreSQL 15 cluster
(fsync on). {args.users} people signed up and signed in first ({signup_seconds:.1f} s,
argon2id); then wrk, {args.threads} threads × {args.connections} connections for
{args.seconds} s, each request one of those people in turn (bearer token): 30 %
`POST /api/v1/assess`, 30 % `POST /api/v1/diary`, 40 % `GET /api/v1/diary`. Rate limits
were raised for the run, since every virtual person comes from 127.0.0.1.

| requests | req/s | p50 ms | p90 ms | p99 ms | max ms | HTTP errors | socket errors |
|---|---|---|---|---|---|---|---|
| {requests} | {rps:.0f} | {p50 / 1e3:.1f} | {p90 / 1e3:.1f} | {p99 / 1e3:.1f} | \
{pmax / 1e3:.1f} | {failed} | {socket_errors} |

Rows afterwards: {rows["entries"]} entries for {created} answered `201 Created`: lost
writes {lost}; {unanswered} more were committed while wrk stopped listening at the end (at
most one per connection in flight); entries without exactly their two pain rows: \
{rows["entries_without_two_pain_rows"]}; {rows["entry_pain"]} pain rows; {rows["users"]} users
(the local person included).

The diaries grow during the run (each read returns the person's whole diary, up to a few
dozen entries), so reads get dearer towards the end.
"""
    write_section("server-load", body)
    print(body)
    if failed or socket_errors or lost or rows["entries_without_two_pain_rows"]:
        raise SystemExit("errors or lost writes: see above")


if __name__ == "__main__":
    main()
