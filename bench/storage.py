"""Diary storage benchmark: write and read throughput on SQLite and PostgreSQL, and the time
to compute progress, draw charts and render the PDF over 10,000 entries.

    .venv/bin/python bench/storage.py            # SQLite, plus PostgreSQL if
    MYOMAP_TEST_POSTGRES_URL=postgresql://… .venv/bin/python bench/storage.py

Writes the "storage" section of docs/benchmarks.md.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from myomap.db import Store
from myomap.db.testing import Backend, postgres_url, temporary_database
from myomap.diary import Snapshot
from myomap.diary.entry import Entry
from myomap.diary.progress import daily_overall, pain_extent, self_care_effects
from myomap.reports.charts import overall_chart, regions_chart
from myomap.reports.pdf import render_pdf
from myomap.reports.plot import svg
from myomap.reports.summary import build_summary

from _report import machine, write_section

WRITES = 1_000
ENTRIES = 10_000
REGIONS = ["lumbar_paraspinal_r", "buttock_upper_r", "sacroiliac_r", "hip_lateral_r", "sacrum"]
START = datetime(2015, 1, 1, 7, 0, tzinfo=UTC)
"""Three entries a day from here: 10,000 of them end in 2024, so none is in the future."""


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def synthetic(n: int) -> list[Entry]:
    rng = random.Random(7)
    entries = []
    for i in range(n):
        at = START + timedelta(hours=8 * i)
        level = max(0, min(10, 7 - i // 400 + rng.randint(-2, 2)))
        pain = {r: max(0, level - k) for k, r in enumerate(REGIONS[: rng.randint(1, 5)])}
        done = ["gluteus_medius/stretch/1"] if rng.random() < 0.5 else []
        entries.append(
            Entry(
                id=i + 1,
                at=at,
                overall=level,
                pain=pain,
                quality=["aching"],
                note="",
                self_care_done=done,
                triggers=[],
                created_at=at,
                updated_at=at,
            )
        )
    return entries


def measure(backend: Backend, folder: Path) -> dict[str, float]:
    with temporary_database(backend, folder) as url:
        store = Store.open(url)
        rng = random.Random(1)

        def write() -> None:
            for i in range(WRITES):
                store.add_entry(
                    overall=rng.randint(0, 10),
                    pain={"lumbar_paraspinal_r": rng.randint(1, 10), "sacrum": 3},
                    at=START + timedelta(minutes=i),
                    quality=["aching"],
                )

        write_s = timed(write)
        ids = [e.id for e in store.list_entries()]
        read_s = timed(lambda: [store.get_entry(i) for i in ids])
        store.import_all(Snapshot(entries=synthetic(ENTRIES), assessments=[]), replace=True)
        list_s = min(timed(store.list_entries) for _ in range(3))
        store.close()
    return {
        "write_per_s": WRITES / write_s,
        "read_per_s": len(ids) / read_s,
        "list_10k_s": list_s,
    }


def history_page(database: Path) -> float:
    """Time of GET /history (charts, maps, table and entries) over the whole diary."""
    from fastapi.testclient import TestClient

    from myomap.settings import Settings
    from myomap.web import create_app

    client = TestClient(create_app(Settings(database_url=f"sqlite:///{database}")))
    client.get("/history")  # warm up: open the store, load fonts
    page = client.get("/history")
    if page.status_code != 200 or "Your pain history" not in page.text:
        raise SystemExit(f"/history failed: {page.status_code}")
    return min(timed(lambda: client.get("/history")) for _ in range(3))


def reports(folder: Path) -> dict[str, float]:
    entries = synthetic(ENTRIES)
    store = Store.open(f"sqlite:///{folder / 'report.db'}")
    store.import_all(Snapshot(entries=entries, assessments=[]), replace=True)
    summary = build_summary(store)
    return {
        "history_s": history_page(folder / "report.db"),
        "progress_s": timed(
            lambda: (
                daily_overall(entries),
                [pain_extent(e.pain) for e in entries],
                self_care_effects(entries),
            )
        ),
        "charts_s": timed(lambda: (svg(overall_chart(entries)), svg(regions_chart(entries)))),
        "summary_s": timed(lambda: build_summary(store)),
        "pdf_s": timed(lambda: render_pdf(summary)),
    }


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="myomap-bench-"))
    backends: list[Backend] = ["sqlite", "postgresql"] if postgres_url() else ["sqlite"]
    rows = []
    for backend in backends:
        (folder / backend).mkdir()
        r = measure(backend, folder / backend)
        rows.append(
            f"| {backend} | {r['write_per_s']:,.0f} | {r['read_per_s']:,.0f} "
            f"| {1000 * r['list_10k_s']:,.0f} ms |"
        )
        print(backend, r, file=sys.stderr)
    rep = reports(folder)
    print(rep, file=sys.stderr)
    body = f"""## Storage: diary throughput, progress, charts and PDF

Machine: {machine()}.
Command: `MYOMAP_TEST_POSTGRES_URL=postgresql://… .venv/bin/python bench/storage.py`
(PostgreSQL 15 started as in `.ci/run`, over loopback TCP, with `fsync=off`;
SQLite in WAL mode with `synchronous=NORMAL`, on local disk.)

Writes: {WRITES:,} `add_entry` calls, each its own transaction (validation included).
Reads: `get_entry` by id for each of them. List: `list_entries()` of {ENTRIES:,} entries.

| database | writes/s | reads/s | list {ENTRIES:,} entries |
|---|---|---|---|
{chr(10).join(rows)}

Over {ENTRIES:,} synthetic entries (three a day for about nine years):

| step | time |
|---|---|
| progress: daily means, pain extent of every entry, self-care effects | {rep["progress_s"]:.2f} s |
| charts: overall and region SVG | {rep["charts_s"]:.2f} s |
| summary: read {ENTRIES:,} entries from SQLite | {rep["summary_s"]:.2f} s |
| PDF render (charts included) | {rep["pdf_s"]:.2f} s |
| history page, GET /history in local mode (best of 3) | {rep["history_s"]:.2f} s |
"""
    write_section("storage", body)
    print(body)


if __name__ == "__main__":
    main()
