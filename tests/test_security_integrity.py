"""Data isolation under attack, on SQLite and PostgreSQL: a diary write racing an account
deletion, ids that are never reused, imports that cannot plant ids or content, and
database failures that answer with a neutral message."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from backends import BACKENDS
from servers import (
    PASSWORD,
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    token_client,
)
from sqlalchemy import func, inspect, select, text

from myomap.accounts.users import Accounts
from myomap.db import Store, open_engine, upgrade
from myomap.db.migrate import _config
from myomap.db.tables import AssessmentRow, EntryRow
from myomap.db.testing import Backend, postgres_url, temporary_database
from myomap.errors import Conflict, EvidenceError

EVIDENCE = {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6}]}


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    backend: Backend = request.param
    with temporary_database(backend, tmp_path) as database_url:
        yield database_url


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = Store.open(url)
    yield opened
    opened.close()


def owned_rows(store: Store, owner_id: int) -> int:
    with store.reading() as session:
        entries = session.scalar(
            select(func.count()).select_from(EntryRow).where(EntryRow.owner_id == owner_id)
        )
        assessments = session.scalar(
            select(func.count())
            .select_from(AssessmentRow)
            .where(AssessmentRow.owner_id == owner_id)
        )
    return (entries or 0) + (assessments or 0)


# -- a write racing an account deletion ------------------------------------------------------


def test_a_write_that_lands_after_the_delete_is_refused(store: Store) -> None:
    accounts = Accounts(store)
    gone = make_user(store, "gone@example.org")
    scoped = store.for_owner(gone.id)  # what a request resolved before the delete
    scoped.add_entry(overall=3, pain={"sacrum": 2})
    accounts.delete(gone.id)
    with pytest.raises(Conflict):
        scoped.add_entry(overall=5, pain={"sacrum": 4})
    assert owned_rows(store, gone.id) == 0
    newcomer = make_user(store, "new@example.org")
    assert newcomer.id > gone.id, "a deleted account's id was handed out again"
    assert store.for_owner(newcomer.id).list_entries(include_deleted=True) == []


def test_writes_racing_a_deletion_leave_nothing_behind(store: Store) -> None:
    accounts = Accounts(store)
    gone = make_user(store, "racer@example.org")
    scoped = store.for_owner(gone.id)
    start = threading.Barrier(5)
    outcomes: list[str] = []

    def write() -> None:
        start.wait()
        for _ in range(15):
            try:
                scoped.add_entry(overall=2, pain={"sacrum": 1})
                outcomes.append("stored")
            except Conflict:
                outcomes.append("refused")

    writers = [threading.Thread(target=write) for _ in range(4)]
    for thread in writers:
        thread.start()
    start.wait()
    accounts.delete(gone.id)
    for thread in writers:
        thread.join()
    assert len(outcomes) == 60
    assert owned_rows(store, gone.id) == 0, outcomes
    assert make_user(store, "after@example.org").id > gone.id


def test_sqlite_enforces_owner_foreign_keys_and_autoincrement(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'fk.db'}")
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        ddl = {
            name: sql
            for name, sql in connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            )
        }
    for table in ("users", "entries", "assessments", "shares", "clinician_notes", "audit_log"):
        assert "AUTOINCREMENT" in ddl[table], table
    foreign = {fk["referred_table"] for fk in inspect(engine).get_foreign_keys("entries")}
    assert foreign == {"users"}
    assert "CHECK (overall BETWEEN 0 AND 10)" in ddl["entries"]
    engine.dispose()


def test_upgrading_an_existing_sqlite_database_keeps_every_row(tmp_path: Path) -> None:
    """Migration 0003 rebuilds tables: no cascade may eat pain rows or notes on the way."""
    engine = open_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.connect().execution_options(myomap_write=True) as connection:
        config = _config()
        config.attributes["connection"] = connection
        with connection.begin():
            command.upgrade(config, "0002")
    with engine.connect().execution_options(myomap_write=True) as connection, connection.begin():
        for statement in (
            "INSERT INTO users (id, email, role, created_at) VALUES (2, 'old@example.org', "
            "'person', '2025-01-01 00:00:00')",
            "INSERT INTO entries (id, owner_id, at, overall, quality, note, self_care_done, "
            "triggers, created_at, updated_at) VALUES (1, 2, '2025-01-01 00:00:00', 4, '[]', "
            "'', '[]', '[]', '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
            "INSERT INTO entry_pain VALUES (1, 'sacrum', 3), (1, 'lumbar_paraspinal_r', 2)",
            "INSERT INTO audit_log (at, user_id, action, subject, ok, ip, detail) VALUES "
            "('2025-01-01 00:00:00', 2, 'signup', 'old@example.org', 1, '', '')",
        ):
            connection.exec_driver_sql(statement)
    before = _table_counts(engine)
    assert before["entry_pain"] == 2
    upgrade(engine)
    assert _table_counts(engine) == before
    assert Store(engine).for_owner(2).get_entry(1).pain == {"lumbar_paraspinal_r": 2, "sacrum": 3}
    engine.dispose()


def _table_counts(engine: Any) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
            for table in ("users", "entries", "entry_pain", "assessments", "audit_log")
        }


# -- imports -----------------------------------------------------------------------------------


def _export(entry_id: int = 1, assessment_id: int = 1, **changes: Any) -> dict[str, Any]:
    entry = {
        "id": entry_id,
        "at": "2025-03-03T07:30:00Z",
        "overall": 4,
        "pain": {"sacrum": 3},
        "quality": [],
        "note": "",
        "self_care_done": [],
        "triggers": [],
        "created_at": "2025-03-03T07:30:00Z",
        "updated_at": "2025-03-03T07:30:00Z",
        "deleted_at": None,
    }
    data: dict[str, Any] = {
        "format": "myomap-diary",
        "version": 1,
        "entries": [entry],
        "assessments": [],
    }
    data.update(changes)
    return data


def _assessment_export(client: Any, **evidence: Any) -> dict[str, Any]:
    saved = client.post("/api/v1/assessments", json={"evidence": EVIDENCE})
    assert saved.status_code == 201
    forged: dict[str, Any] = saved.json()
    forged["evidence"] = {**forged["evidence"], **evidence}
    return forged


@pytest.mark.parametrize("backend", [p.values[0] for p in BACKENDS])
def test_imported_ids_are_the_servers_not_the_files(tmp_path: Path, backend: Backend) -> None:
    if backend == "postgresql" and postgres_url() is None:
        pytest.skip("MYOMAP_TEST_POSTGRES_URL unset")
    with server_app(tmp_path, backend, assess_limit=0) as (app, store):
        make_user(store, "mallory@example.org")
        make_user(store, "ana@example.org")
        mallory = token_client(app, store, "mallory@example.org")
        ana = token_client(app, store, "ana@example.org")
        ana_entry = ana.post("/api/v1/diary", json={"overall": 2}).json()["id"]
        huge = _export(entry_id=2**31 - 1)
        assert mallory.post("/api/v1/diary/import", json=huge).status_code == 200
        stored = mallory.get("/api/v1/diary").json()
        assert [e["id"] for e in stored] != [2**31 - 1]
        assert mallory.get(f"/api/v1/diary/{stored[0]['id']}").status_code == 200
        # A file naming another person's id neither fails nor reveals it exists.
        probe = _export(entry_id=ana_entry)
        answer = mallory.post("/api/v1/diary/import?replace=true", json=probe)
        assert answer.status_code == 200
        assert ana.get(f"/api/v1/diary/{ana_entry}").json()["overall"] == 2
        # The sequences still work for everyone, even after the attacker leaves.
        leave = mallory.request("DELETE", "/api/v1/account", json={"password": PASSWORD})
        assert leave.status_code == 204
        assert ana.post("/api/v1/diary", json={"overall": 3}).status_code == 201
        assert ana.post("/api/v1/assessments", json={"evidence": EVIDENCE}).status_code == 201


@pytest.mark.parametrize(
    ("evidence", "field"),
    [
        ({"pain": [{"region": "<img src=x onerror=alert(1)>", "intensity": 5}]}, "region"),
        ({"pain": [{"region": "sacrum", "intensity": 99}]}, "intensity"),
    ],
)
def test_imported_assessments_pass_the_atlas_checks(
    tmp_path: Path, evidence: dict[str, Any], field: str
) -> None:
    with server_app(tmp_path, assess_limit=0) as (app, store):
        make_user(store, "mallory@example.org")
        client = token_client(app, store, "mallory@example.org")
        forged = _assessment_export(client, **evidence)
        client.delete(f"/api/v1/assessments/{forged['id']}")
        answer = client.post("/api/v1/diary/import", json=_export(assessments=[forged]))
        assert answer.status_code == 422, answer.text
        assert field in json.dumps(answer.json())
        assert client.get("/api/v1/assessments").json() == []


def test_imported_results_are_computed_by_the_server(tmp_path: Path) -> None:
    with server_app(tmp_path, assess_limit=0) as (app, store):
        make_user(store, "mallory@example.org")
        client = token_client(app, store, "mallory@example.org")
        real = _assessment_export(client)
        client.delete(f"/api/v1/assessments/{real['id']}")
        forged = json.loads(json.dumps(real))
        forged["result"]["candidates"][0]["name"] = "<script>alert(1)</script>"
        forged["result"]["candidates"][0]["probability"] = 0.999
        answer = client.post("/api/v1/diary/import", json=_export(assessments=[forged]))
        assert answer.status_code == 200, answer.text
        [stored] = client.get("/api/v1/assessments").json()
        assert stored["result"]["candidates"] == real["result"]["candidates"]


@pytest.mark.parametrize(
    "stamp", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "1800-01-01T00:00:00Z"]
)
def test_imported_dates_at_the_edges_are_refused(tmp_path: Path, stamp: str) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "mallory@example.org")
        client = token_client(app, store, "mallory@example.org")
        data = _export()
        data["entries"][0]["created_at"] = stamp
        answer = client.post("/api/v1/diary/import", json=data)
        assert answer.status_code == 422, answer.text
        assert client.get("/api/v1/diary").json() == []


def test_import_into_the_store_checks_evidence_without_a_model(store: Store) -> None:
    """The CLI restore keeps saved results (a person's own backup) but checks evidence."""
    from myomap.diary.snapshot import parse_snapshot

    data = _export()
    good = store.for_owner(1)
    snapshot = parse_snapshot(json.dumps(data), source="test")
    assert good.import_all(snapshot) == {"entries": 1, "assessments": 0}
    bad = json.loads(json.dumps(data))
    bad["entries"][0]["pain"] = {"not_a_region": 3}
    with pytest.raises(EvidenceError):
        good.import_all(parse_snapshot(json.dumps(bad), source="test"), replace=True)
    assert len(good.list_entries()) == 1
