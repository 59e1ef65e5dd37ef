"""The store on SQLite and PostgreSQL: entries, validation, faults, concurrency, snapshots.

The PostgreSQL variants need MYOMAP_TEST_POSTGRES_URL (.ci/run starts a throwaway server).
"""

from __future__ import annotations

import functools
import multiprocessing
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from backends import BACKENDS
from sqlalchemy import event

from myomap.db import Store
from myomap.db.migrate import current_revision, head_revision
from myomap.db.testing import Backend, temporary_database
from myomap.diary import Snapshot
from myomap.diary.outcomes import Peg, Treatment
from myomap.diary.snapshot import parse_snapshot
from myomap.errors import EvidenceError, NotFound

MONDAY = datetime(2025, 3, 3, 7, 30, tzinfo=UTC)


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


def add(store: Store, **fields: Any) -> Any:
    values: dict[str, Any] = {"overall": 4, "pain": {"lumbar_paraspinal_r": 5}, "at": MONDAY}
    return store.add_entry(**{**values, **fields})


# -- entries ------------------------------------------------------------------------------


def test_an_entry_keeps_every_field(store: Store) -> None:
    entry = store.add_entry(
        at="2025-03-03T08:30:00+01:00",
        overall=6,
        pain={"sacrum": 3, "lumbar_paraspinal_r": 7},
        quality=["Aching", "stiff"],
        note="  stiff after the drive ",
        self_care_done=["gluteus_medius/stretch/1", "walk 20 min"],
        triggers=["long drive"],
    )
    again = store.get_entry(entry.id)
    assert again == entry
    assert again.at == datetime(2025, 3, 3, 7, 30, tzinfo=UTC)
    assert again.pain == {"lumbar_paraspinal_r": 7, "sacrum": 3}
    assert again.quality == ["aching", "stiff"]
    assert again.note == "stiff after the drive"
    assert again.model_dump(mode="json")["at"] == "2025-03-03T07:30:00Z"


def test_several_entries_a_day_listed_in_time_order(store: Store) -> None:
    late = add(store, at=MONDAY + timedelta(hours=10), overall=2)
    early = add(store, at=MONDAY, overall=6)
    middle = add(store, at=MONDAY + timedelta(hours=5), overall=4)
    assert [e.id for e in store.list_entries()] == [early.id, middle.id, late.id]
    assert [e.id for e in store.list_entries(newest_first=True, limit=2)] == [late.id, middle.id]
    since = store.list_entries(since=MONDAY + timedelta(hours=1))
    assert [e.id for e in since] == [middle.id, late.id]


def test_a_time_without_zone_is_local_time(store: Store) -> None:
    entry = add(store, at="2025-03-03T08:30")
    expected = datetime(2025, 3, 3, 8, 30).astimezone().astimezone(UTC)
    assert entry.at == expected


def test_update_changes_only_the_given_fields(store: Store) -> None:
    entry = add(store, pain={"sacrum": 3, "lumbar_paraspinal_r": 5}, note="first")
    updated = store.update_entry(entry.id, pain={"sacrum": 6, "buttock_upper_l": 2})
    assert updated.pain == {"buttock_upper_l": 2, "sacrum": 6}
    assert updated.note == "first"
    assert updated.updated_at >= entry.updated_at
    assert store.get_entry(entry.id).pain == updated.pain


def test_delete_hides_and_undo_brings_back(store: Store) -> None:
    entry = add(store)
    store.delete_entry(entry.id)
    assert store.list_entries() == []
    with pytest.raises(NotFound, match="No diary entry with id"):
        store.get_entry(entry.id)
    assert store.get_entry(entry.id, include_deleted=True).deleted_at is not None
    with pytest.raises(NotFound, match="No deleted diary entry"):
        store.restore_entry(entry.id + 1000)
    restored = store.restore_entry(entry.id)
    assert restored.deleted_at is None
    assert store.list_entries() == [restored]


# -- bad input stores nothing -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"pain": {"lumbar_paraspinal": 5}}, "two sides: use lumbar_paraspinal_l"),
        ({"pain": {"sacrumm": 5}}, "Unknown region 'sacrumm'. Did you mean 'sacrum'"),
        ({"pain": {"sacrum": 11}}, "Intensity for 'sacrum' 11 is out of range"),
        ({"pain": {"sacrum": -1}}, "out of range"),
        ({"overall": 12}, "Overall pain 12 is out of range"),
        ({"overall": True}, "overall: Input should be a valid integer"),
        ({"at": "2025-02-30T08:00"}, "is not an ISO-8601 date"),
        ({"at": "yesterday"}, "is not an ISO-8601 date"),
        ({"at": datetime.now(UTC) + timedelta(days=3)}, "is in the future"),
        ({"quality": ["achy"]}, "Unknown pain quality 'achy'"),
        ({"pain": {"sacrum": 2.5}}, "valid integer"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(
    store: Store, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(EvidenceError, match=message):
        add(store, **fields)
    assert store.counts() == {"entries": 0, "assessments": 0}


def test_a_bad_update_changes_nothing(store: Store) -> None:
    entry = add(store)
    with pytest.raises(EvidenceError):
        store.update_entry(entry.id, pain={"nowhere_r": 3})
    assert store.get_entry(entry.id) == entry


def test_a_write_failing_half_way_leaves_no_partial_entry(store: Store) -> None:
    """The entry row is inserted, then inserting its pain rows fails: nothing remains."""

    def fail_on_pain(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ENTRY_PAIN"):
            raise RuntimeError("disk unplugged")

    event.listen(store.engine, "before_cursor_execute", fail_on_pain)
    try:
        with pytest.raises(Exception, match="disk unplugged"):
            add(store, pain={"sacrum": 3, "lumbar_paraspinal_r": 4})
    finally:
        event.remove(store.engine, "before_cursor_execute", fail_on_pain)
    assert store.counts()["entries"] == 0
    assert add(store).pain == {"lumbar_paraspinal_r": 5}


# -- concurrency --------------------------------------------------------------------------

WRITERS, EACH = 4, 25


def test_threads_with_their_own_connections_lose_nothing(url: str) -> None:
    errors: list[BaseException] = []

    def write(n: int) -> None:
        own = Store.open(url)
        try:
            for i in range(EACH):
                own.add_entry(overall=i % 11, pain={"sacrum": n}, at=MONDAY, note=f"{n}-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            own.close()

    Store.open(url).close()  # migrate once
    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    notes = {e.note for e in Store.open(url).list_entries()}
    assert notes == {f"{n}-{i}" for n in range(WRITERS) for i in range(EACH)}


def _process_writer(url: str, n: int) -> None:
    store = Store.open(url)
    for i in range(EACH):
        store.add_entry(overall=3, pain={"sacrum": 2}, at=MONDAY, note=f"p{n}-{i}")
    store.close()


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(url: str) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_process_writer, args=(url, n)) for n in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    store = Store.open(url)
    assert len(store.list_entries()) == 2 * EACH


# -- migrations ---------------------------------------------------------------------------


def test_migrations_bring_a_new_database_to_head_and_are_idempotent(url: str) -> None:
    store = Store.open(url)
    assert current_revision(store.engine) == head_revision()
    Store.open(url).close()
    assert current_revision(store.engine) == head_revision()


# -- snapshots, backup and restore --------------------------------------------------------


def fill(store: Store) -> None:
    for day in range(7):
        add(store, at=MONDAY + timedelta(days=day), overall=7 - day, quality=["aching"])
    gone = add(store, at=MONDAY + timedelta(days=7), note="deleted one")
    store.delete_entry(gone.id)


def test_export_import_round_trips_exactly(store: Store, url: str, tmp_path: Path) -> None:
    fill(store)
    text = store.export_all().to_json()
    with temporary_database("sqlite", tmp_path / "other") as other_url:
        other = Store.open(other_url)
        other.import_all(parse_snapshot(text))
        assert other.export_all().to_json() == text
        assert len(other.list_entries()) == 7
        new = add(other)
        assert new.id == max(e.id for e in other.export_all().entries)


def _note_statement(seen: list[str], *args: Any) -> None:
    seen.append(str(args[2]))  # before_cursor_execute: (connection, cursor, statement, …)


def test_an_import_does_not_issue_statements_per_entry_for_check_ins(store: Store) -> None:
    """A restore of n entries ran two DELETEs per entry, each testing every object in the
    session (time in n², 10,000 entries in five minutes); new entries have no check-ins to
    delete, so the number of DELETEs must not grow with the entries. Check-ins still arrive."""
    fill(store)
    checkins = {"peg": Peg(pain=5, enjoyment=4, activity=6), "treatments": [Treatment(name="ice")]}
    entries = [e.model_copy(update=checkins) for e in store.export_all().entries]
    deletes: dict[int, int] = {}
    for size in (2, len(entries)):
        seen: list[str] = []
        note = functools.partial(_note_statement, seen)

        event.listen(store.engine, "before_cursor_execute", note)
        try:
            store.import_all(Snapshot(entries=entries[:size], assessments=[]), replace=True)
        finally:
            event.remove(store.engine, "before_cursor_execute", note)
        deletes[size] = sum(s.lstrip().upper().startswith("DELETE") for s in seen)
        back = store.export_all().entries
        assert [(e.at, e.peg, e.treatments) for e in back] == [
            (e.at, e.peg, e.treatments) for e in entries[:size]
        ]
    assert deletes[2] == deletes[len(entries)], deletes


def test_import_into_a_non_empty_database_is_refused_unless_replace(store: Store) -> None:
    fill(store)
    snapshot = store.export_all()
    with pytest.raises(EvidenceError, match="use --force"):
        store.import_all(snapshot)
    store.import_all(Snapshot(entries=snapshot.entries[:2], assessments=[]), replace=True)
    assert store.counts()["entries"] == 2
    newest = max(e.id for e in snapshot.entries)
    assert add(store).id > newest  # imported rows get new ids; no id is handed out twice


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"entries": []}', "is not a myomap diary export"),
        (
            '{"format": "myomap-diary", "version": 1, "entries": [{"id": 1}], "assessments": []}',
            "entries.0.at: Field required",
        ),
    ],
)
def test_a_corrupt_import_is_refused_and_nothing_stored(
    store: Store, text: str, message: str
) -> None:
    with pytest.raises(EvidenceError, match=message):
        store.import_all(parse_snapshot(text))
    assert store.is_empty()


def test_an_import_naming_an_unknown_region_stores_nothing(store: Store) -> None:
    fill(store)
    data = store.export_all().model_dump(mode="json")
    data["entries"][3]["pain"] = {"elbow_nowhere": 2}
    store.import_all(Snapshot(entries=[], assessments=[]), replace=True)
    with pytest.raises(EvidenceError, match="Unknown region 'elbow_nowhere'"):
        store.import_all(Snapshot.model_validate(data))
    assert store.is_empty()


def test_backup_then_restore_into_an_empty_database_reproduces_everything(
    store: Store, tmp_path: Path
) -> None:
    from myomap.db.backup import backup, restore

    fill(store)
    backup(store, tmp_path / "diary.json")
    before = store.export_all()
    fresh = Store.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert restore(fresh, tmp_path / "diary.json") == {"entries": 8, "assessments": 0}
    assert fresh.export_all() == before
    with pytest.raises(EvidenceError, match="already holds"):
        restore(fresh, tmp_path / "diary.json")


def test_sqlite_file_backup_uses_the_online_backup_api(tmp_path: Path) -> None:
    from myomap.db.backup import backup, restore

    store = Store.open(f"sqlite:///{tmp_path / 'live.db'}")
    fill(store)
    assert backup(store, tmp_path / "copy.db") == {"entries": 8, "assessments": 0}
    fresh = Store.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    restore(fresh, tmp_path / "copy.db")
    assert fresh.export_all() == store.export_all()


def test_zone_offsets_survive_as_the_same_instant(store: Store) -> None:
    zone = timezone(timedelta(hours=-5))
    entry = add(store, at=datetime(2025, 3, 3, 2, 30, tzinfo=zone))
    assert store.get_entry(entry.id).at == datetime(2025, 3, 3, 7, 30, tzinfo=UTC)
