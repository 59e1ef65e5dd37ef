"""Fault test: kill -9 the server (every worker) in the middle of diary writes, start it
again, and check that nothing is partial or corrupt and nothing acknowledged is lost.

    .venv/bin/python bench/server_fault.py [--rounds 3] [--writers 8] [--database-url URL]

Server mode with 2 workers on a throwaway PostgreSQL 15 cluster (or --database-url, e.g. a
sqlite:/// file). Writer threads post entries, each with a unique note and 1–3 regions,
and remember every one the server acknowledged (201). After a random 1–3 s the whole
server process group gets SIGKILL; the server is started again and every round checks:
every acknowledged entry is there with exactly what was sent; every stored entry (also the
ones committed but never acknowledged) has all its pain rows and a note it was sent with;
no pain row lacks its entry. Results go to docs/benchmarks.md ("server-fault").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pg import cluster
from load import free_port, wait_ready

from _report import ROOT, machine, write_section

REGIONS = ["lumbar_paraspinal_r", "sacrum", "buttock_upper_l", "calf_upper_r", "temple_l"]
PASSWORD = "kill nine then restart"


def start(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MYOMAP_DATABASE_URL": url, "MYOMAP_LOG_LEVEL": "error",
           "MYOMAP_LOGIN_LIMIT": "0", "MYOMAP_SIGNUP_LIMIT": "0"}  # fmt: skip
    command = [sys.executable, "-m", "myomap.cli.app", "serve", "--server", "--port", str(port),
               "--workers", "2"]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    wait_ready(f"http://127.0.0.1:{port}/api/v1/health")
    return server


def call(port: int, path: str, body: object, token: str = "") -> tuple[int, dict[str, object]]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), headers=headers
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read() or b"{}")


def writer(port: int, token: str, tag: str, sent: dict[str, dict[str, object]],
           acked: dict[str, int], stop: threading.Event) -> None:  # fmt: skip
    n = 0
    while not stop.is_set():
        n += 1
        note = f"{tag}-{n}"
        pain = {r: random.randint(1, 10) for r in random.sample(REGIONS, random.randint(1, 3))}
        entry = {"overall": random.randint(0, 10), "pain": pain, "note": note}
        sent[note] = entry
        try:
            status, body = call(port, "/api/v1/diary", entry, token)
        except (OSError, urllib.error.URLError):
            return  # the server is gone
        if status == 201:
            acked[note] = int(str(body["id"]))


def check(url: str, sent: dict[str, dict[str, object]], acked: dict[str, int]) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        entries = {
            row.id: row for row in connection.execute(text("SELECT id, overall, note FROM entries"))
        }
        pain: dict[int, dict[str, int]] = {}
        orphans = 0
        for entry_id, region, intensity in connection.execute(
            text("SELECT entry_id, region, intensity FROM entry_pain")
        ):
            if entry_id not in entries:
                orphans += 1
            pain.setdefault(entry_id, {})[region] = intensity
    engine.dispose()
    lost = sum(1 for note, i in acked.items() if i not in entries or entries[i].note != note)
    corrupt = 0
    for entry_id, row in entries.items():
        wanted = sent.get(row.note)
        if (
            wanted is None
            or wanted["overall"] != row.overall
            or wanted["pain"] != pain.get(entry_id, {})
        ):
            corrupt += 1
    return {"stored": len(entries), "acknowledged": len(acked), "lost": lost,
            "corrupt_or_partial": corrupt, "orphan_pain_rows": orphans}  # fmt: skip


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and its workers; never leave one running."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with ExitStack() as stack:
        url = args.database_url or stack.enter_context(cluster())
        port = free_port()
        server = start(url, port)
        stack.callback(lambda: _stop(server))
        credentials = {"email": "fault@example.org", "password": PASSWORD}
        call(port, "/api/v1/auth/signup", credentials)
        token = str(call(port, "/api/v1/auth/login", credentials)[1]["access_token"])
        sent: dict[str, dict[str, object]] = {}
        acked: dict[str, int] = {}
        results = []
        for round_number in range(1, args.rounds + 1):
            stop = threading.Event()
            threads = [
                threading.Thread(
                    target=writer, args=(port, token, f"r{round_number}w{w}", sent, acked, stop)
                )
                for w in range(args.writers)
            ]
            for thread in threads:
                thread.start()
            time.sleep(random.uniform(1.0, 3.0))
            os.killpg(server.pid, signal.SIGKILL)  # master and every worker, mid-write
            server.wait()
            stop.set()
            for thread in threads:
                thread.join()
            server = start(url, port)  # restart: migrations and recovery run as usual
            stack.callback(_stop, server)
            found = check(url, sent, acked)
            results.append(found)
            print(f"round {round_number}: {found}")
    backend = "the given database" if args.database_url else "PostgreSQL 15 (throwaway cluster)"
    rows = "\n".join(
        f"| {n} | {r['acknowledged']} | {r['stored']} | {r['lost']} | "
        f"{r['corrupt_or_partial']} | {r['orphan_pain_rows']} |"
        for n, r in enumerate(results, start=1)
    )
    body = f"""
## Server killed during writes (issue 6)

Machine: {machine()}.
Command: `.venv/bin/python bench/server_fault.py --rounds {args.rounds} --writers \\
{args.writers}`. `myomap serve --server --workers 2` on {backend}; {args.writers} threads post
diary entries (unique note, 1–3 regions each) as one signed-in person; after 1–3 s the whole
server process group gets SIGKILL, the server starts again, and the database is checked.
Counts are cumulative over the rounds.

| round | acknowledged | stored | acked but lost | corrupt or partial | orphan pain rows |
|---|---|---|---|---|---|
{rows}

"Stored" may exceed "acknowledged": a write committed just before the kill never got its
answer out. Each such entry is still whole (it counts as corrupt otherwise).
"""
    write_section("server-fault", body)
    print(body)
    last = results[-1]
    if last["lost"] or last["corrupt_or_partial"] or last["orphan_pain_rows"]:
        raise SystemExit("lost or corrupt data: see above")


if __name__ == "__main__":
    main()
