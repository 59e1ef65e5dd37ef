"""The clinic view: the patient list (last entry, trend, latest triage), the patient page
(pain maps over time, charts, outcome scores, assessments, PDF and FHIR), and notes private
to their author unless shared with the patient."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from servers import (
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    signed_in,
)
from sqlalchemy import select

from myomap.accounts.sharing import Sharing
from myomap.accounts.users import Accounts
from myomap.db import Store
from myomap.db.tables import AuditRow
from myomap.diary import Entry
from myomap.engine import Evidence, rank
from myomap.engine.urgency import LEVEL_WORDS
from myomap.web.clinic.overview import map_steps, outcomes, trend

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
OVERALL = [8, 8, 7, 5, 4, 3]
EVIDENCE = {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6}]}


@dataclass
class Clinic:
    app: FastAPI
    store: Store
    patient_id: int
    assessment_id: int
    lee: TestClient
    kim: TestClient
    stranger: TestClient
    ana: TestClient


@pytest.fixture()
def clinic(tmp_path: Path) -> Iterator[Clinic]:
    """Ana shares with Dr Lee and Dr Kim (not with Dr Stranger); six diary entries with pain
    going down, PEG and PSFS check-ins, one saved assessment."""
    with server_app(tmp_path, assess_limit=0) as (app, store):
        ana = make_user(store, "ana@example.org")
        for email in ("dr.lee@example.org", "dr.kim@example.org", "dr.stranger@example.org"):
            make_user(store, email, role="clinician")
        sharing = Sharing(store)
        for email in ("dr.lee@example.org", "dr.kim@example.org"):
            _, code = sharing.invite(ana.id)
            sharing.accept(Accounts(store).by_email(email).id, code)
        mine = store.for_owner(ana.id)
        for day, overall in enumerate(OVERALL):
            mine.add_entry(
                at=START + timedelta(days=day),
                overall=overall,
                pain={"lumbar_paraspinal_r": overall, "buttock_upper_r": max(0, overall - 4)},
                peg={"pain": overall, "enjoyment": overall - 1, "activity": overall - 2},
                psfs=[{"activity": "sitting", "score": 10 - overall}],
            )
        evidence = Evidence.model_validate(EVIDENCE)
        saved = mine.save_assessment(
            evidence=evidence, result=rank(app.state.myomap.model, evidence)
        )
        yield Clinic(
            app,
            store,
            ana.id,
            saved.id,
            lee=signed_in(app, store, "dr.lee@example.org"),
            kim=signed_in(app, store, "dr.kim@example.org"),
            stranger=signed_in(app, store, "dr.stranger@example.org"),
            ana=signed_in(app, store, "ana@example.org"),
        )


# -- the trend, the map series and the scores, as functions ---------------------------------


def _entries(store: Store, owner: int) -> list[Entry]:
    return store.for_owner(owner).list_entries()


def test_trend_compares_the_newer_half_with_the_older(clinic: Clinic) -> None:
    entries = _entries(clinic.store, clinic.patient_id)
    down = trend(entries)
    assert (down.arrow, down.change) == ("↓", -3.7)  # (5+4+3)/3 - (8+8+7)/3, rounded
    assert trend(entries[::-1]).arrow == "↓"  # order does not matter: it sorts by time
    rising = [e.model_copy(update={"overall": 10 - e.overall}) for e in entries]
    assert trend(rising).arrow == "↑"
    steady = [e.model_copy(update={"overall": 5}) for e in entries]
    assert (trend(steady).arrow, trend(steady).words) == ("→", "pain steady (+0.0)")
    assert trend(entries[:1]).arrow == "" and trend([]).change is None


def test_map_steps_take_the_first_the_latest_and_between(clinic: Clinic) -> None:
    entries = _entries(clinic.store, clinic.patient_id)
    steps = map_steps(entries)
    assert [s.entry.id for s in steps] == [entries[i].id for i in (0, 2, 3, 5)]
    assert steps[0].overlap_before is None
    assert all(s.overlap_before is not None and 0 <= s.overlap_before <= 1 for s in steps[1:])
    last = steps[-1].overlap_before
    assert last is not None and last < 1  # the buttock faded out of the last map
    assert steps[0].extent > steps[-1].extent
    assert len(map_steps(entries[:2])) == 2


def test_outcome_scores_first_and_latest(clinic: Clinic) -> None:
    scores = outcomes(_entries(clinic.store, clinic.patient_id))
    assert [s.value for s in scores.peg][:1] == [7.0] and scores.peg[-1].value == 2.0
    assert scores.psfs[0].value == 2.0 and scores.psfs[-1].value == 7.0
    assert scores.activities == ["sitting"]


# -- the pages ---------------------------------------------------------------------------------


def test_a_clinician_lands_on_the_patient_list_with_trend_and_triage(clinic: Clinic) -> None:
    landed = clinic.lee.get("/", follow_redirects=True)
    assert str(landed.url).endswith("/clinic")
    html = landed.text
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><a href=\"/clinic/patients/(\d+)\">ana@example.org(.*?)</tr>",
        html,
        re.S,
    )
    assert row and int(row.group(1)) == clinic.patient_id
    cells = row.group(2)
    assert "06 Nov 2026" in cells  # the last entry
    assert "↓" in cells and "pain lower (-3.7)" in cells
    latest = clinic.store.for_owner(clinic.patient_id).latest_assessment()
    assert latest is not None
    assert LEVEL_WORDS[latest.result.triage.level] in cells
    assert "ana@example.org" not in clinic.stranger.get("/clinic").text


def test_the_patient_page_shows_maps_charts_scores_and_downloads(clinic: Clinic) -> None:
    response = clinic.lee.get(f"/clinic/patients/{clinic.patient_id}")
    assert response.status_code == 200
    html = response.text
    assert html.count('<figure class="map-card">') == 4
    assert html.count('aria-label="Pain map of ') == 8  # front and back of each
    assert len(re.findall(r"overlap with the previous map \d+%", html)) == 3
    for chart in (
        "Chart of overall pain",
        "Chart of the PEG and activity",
        "Chart of the most painful",
    ):
        assert chart in html, chart
    assert re.search(
        r"<th scope=\"row\">PEG.*?<td>7\.0<br>.*?<td>2\.0<br>.*?<td>-5\.0</td>", html, re.S
    )
    assert re.search(
        r"<th scope=\"row\">PSFS.*?<td>2\.0<br>.*?<td>7\.0<br>.*?<td>\+5\.0</td>", html, re.S
    )
    assert f'id="visit-{clinic.assessment_id}"' in html
    assert f'href="/clinic/patients/{clinic.patient_id}/report.pdf"' in html
    assert f'href="/clinic/patients/{clinic.patient_id}/fhir.json"' in html
    assert clinic.stranger.get(f"/clinic/patients/{clinic.patient_id}").status_code == 404


def test_the_patient_pdf_downloads_with_a_share_and_404s_without(clinic: Clinic) -> None:
    url = f"/clinic/patients/{clinic.patient_id}/report.pdf"
    response = clinic.lee.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    name = re.search(r'filename="([^"]+)"', response.headers["content-disposition"])
    assert name and re.fullmatch(
        rf"myomap-patient-{clinic.patient_id}-report-\d{{4}}-\d\d-\d\d\.pdf", name.group(1)
    )
    assert clinic.stranger.get(url).status_code == 404
    assert clinic.ana.get(url, follow_redirects=False).status_code == 403  # not a clinician
    with clinic.store.reading() as session:
        exports = select(AuditRow.detail).where(AuditRow.action == "patient_export")
        details = session.scalars(exports).all()
    assert any("(pdf)" in d for d in details)
    # after the patient revokes, the PDF is gone too
    share = next(
        s
        for s in Sharing(clinic.store).shares_of(clinic.patient_id)
        if s.clinician_email == "dr.lee@example.org"
    )
    Sharing(clinic.store).revoke(clinic.patient_id, share.id)
    assert clinic.lee.get(url).status_code == 404


def _write_note(client: TestClient, clinic: Clinic, text: str, *, shared: bool) -> None:
    url = f"/clinic/patients/{clinic.patient_id}/assessments/{clinic.assessment_id}/notes"
    data = {"text": text, **({"shared": "true"} if shared else {})}
    response = client.post(url, data=data, follow_redirects=False)
    assert response.status_code == 303, response.text


def test_notes_are_private_unless_shared_and_shared_ones_reach_the_history(clinic: Clinic) -> None:
    _write_note(clinic.lee, clinic, "Query a referral; private.", shared=False)
    _write_note(clinic.lee, clinic, "Stretch twice a day.", shared=True)
    page = f"/clinic/patients/{clinic.patient_id}"
    lee = clinic.lee.get(page).text
    assert "Query a referral; private." in lee and "Stretch twice a day." in lee
    assert '<span class="private-tag">private</span>' in lee
    assert '<span class="shared-tag">shared with the patient</span>' in lee
    kim = clinic.kim.get(page).text  # another clinician of the same patient
    assert "Query a referral" not in kim and "Stretch twice" not in kim
    history = clinic.ana.get("/history").text
    assert "Notes from your clinician" in history
    assert "Stretch twice a day." in history and "dr.lee@example.org" in history
    assert "Query a referral" not in history
    assert f'href="/assessments/{clinic.assessment_id}"' in history


def test_no_shared_note_no_section(clinic: Clinic) -> None:
    _write_note(clinic.lee, clinic, "Private only.", shared=False)
    history = clinic.ana.get("/history").text
    assert "Notes from your clinician" not in history and "Private only." not in history


def test_the_note_form_has_the_share_checkbox(clinic: Clinic) -> None:
    html = clinic.lee.get(f"/clinic/patients/{clinic.patient_id}").text
    assert '<input type="checkbox" name="shared" value="true">' in html
    assert "otherwise only you see it" in html
