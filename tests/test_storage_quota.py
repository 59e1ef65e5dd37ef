"""Per-account storage quotas (entries, assessments, characters of notes) on SQLite and
PostgreSQL, through the store and through the API; and ``Store.open()`` honouring
``MYOMAP_DATABASE_URL`` as documented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import BACKENDS
from servers import (
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    token_client,
)

from myomap.db import Store
from myomap.db.quota import Quota, QuotaExceeded
from myomap.db.testing import Backend, temporary_database
from myomap.engine import Evidence, rank
from myomap.engine.defaults import default_model


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    backend: Backend = request.param
    with temporary_database(backend, tmp_path) as database_url:
        yield database_url


def test_entries_and_text_are_limited_per_person(url: str) -> None:
    store = Store.open(url, quota=Quota(entries=3, text_bytes=25))
    try:
        mine = store.for_owner(1)
        for note in ("ten chars.", "ten chars.", ""):
            mine.add_entry(overall=2, note=note)
        with pytest.raises(QuotaExceeded, match="3 diary entries"):
            mine.add_entry(overall=2)
        first = mine.list_entries()[0]
        with pytest.raises(QuotaExceeded, match="characters"):
            mine.update_entry(first.id, note="a much longer note than before")
        mine.update_entry(first.id, note="shorter")  # shrinking is always fine
        assert mine.counts()["entries"] == 3
    finally:
        store.close()


def test_assessments_are_limited_and_imports_count_in_full(url: str) -> None:
    store = Store.open(url, quota=Quota(assessments=1, entries=1))
    try:
        mine = store.for_owner(1)
        model = default_model()
        for region in ("sacrum", "lumbar_paraspinal_r"):
            evidence = Evidence.model_validate({"pain": [{"region": region, "intensity": 5}]})
            if region == "sacrum":
                mine.save_assessment(evidence=evidence, result=rank(model, evidence))
            else:
                with pytest.raises(QuotaExceeded, match="saved assessments"):
                    mine.save_assessment(evidence=evidence, result=rank(model, evidence))
        mine.add_entry(overall=1)
        snapshot = mine.export_all()
        doubled = snapshot.model_copy(update={"entries": snapshot.entries * 2})
        with pytest.raises(QuotaExceeded):
            mine.import_all(doubled, replace=True)
        assert mine.counts() == {"entries": 1, "assessments": 1}  # nothing was replaced
    finally:
        store.close()


def test_the_api_answers_403_when_the_diary_is_full(tmp_path: Path) -> None:
    with server_app(tmp_path, quota_entries=2) as (app, store):
        make_user(store, "ana@example.org")
        make_user(store, "ben@example.org")
        ana = token_client(app, store, "ana@example.org")
        codes = [ana.post("/api/v1/diary", json={"overall": 1}).status_code for _ in range(3)]
        assert codes == [201, 201, 403]
        assert len(ana.get("/api/v1/diary").json()) == 2
        ben = token_client(app, store, "ben@example.org")
        assert ben.post("/api/v1/diary", json={"overall": 1}).status_code == 201


def test_store_open_reads_the_database_url_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("MYOMAP_DATABASE_URL", f"sqlite:///{target}")
    store = Store.open()
    try:
        assert store.engine.url.database == str(target)
        assert target.exists()
    finally:
        store.close()


def test_the_entry_limit_holds_when_writes_race(url: str) -> None:
    """Eight writes at once from eight connections against a limit of three: exactly three
    are stored, the rest refused (one person's writes take turns, on PostgreSQL too)."""
    from concurrent.futures import ThreadPoolExecutor

    stores = [Store.open(url, quota=Quota(entries=3)) for _ in range(8)]

    def add(store: Store) -> bool:
        try:
            store.add_entry(overall=2)
        except QuotaExceeded:
            return False
        return True

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            stored = list(pool.map(add, stores))
        assert stored.count(True) == 3
        assert len(stores[0].list_entries()) == 3
    finally:
        for store in stores:
            store.close()
