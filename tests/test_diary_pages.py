"""The diary pages (/diary, /history, /assessments, /downloads) and their downloads, on a
fresh SQLite database per test."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from myomap.atlas import Atlas
from myomap.diary import QUALITIES
from myomap.diary.plan import plan_muscles
from myomap.diary.progress import overlap
from myomap.engine import Evidence, rank
from myomap.engine.defaults import default_model
from myomap.settings import Settings
from myomap.web import create_app
from myomap.web.assess.plan import plan_items

ILIOPSOAS = {
    "pain": [
        {"region": "lumbar_paraspinal_r", "intensity": 6},
        {"region": "thigh_anterior_upper_r", "intensity": 4},
    ]
}

BODY_FIGURE = re.compile(r'<svg [^>]*role="group"')
"""A body figure of the assessment or diary page (its regions are buttons)."""


@pytest.fixture()
def client(tmp_path: Path, atlas: Atlas) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"), atlas=atlas)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def a_week(client: TestClient, *, care: str = "iliopsoas/stretch/1") -> None:
    start = datetime.now() - timedelta(days=6, hours=1)
    for day in range(7):
        response = client.post(
            "/api/v1/diary",
            json={
                "at": (start + timedelta(days=day)).isoformat(timespec="minutes"),
                "overall": 7 - day,
                "pain": {"lumbar_paraspinal_r": 7 - day, "thigh_anterior_upper_r": max(0, 4 - day)},
                "self_care_done": [care] if day % 2 else ["walk 20 min"],
                "note": f"day {day}",
            },
        )
        assert response.status_code == 201, response.text


def save_assessment(client: TestClient) -> int:
    response = client.post("/api/v1/assessments", json={"evidence": ILIOPSOAS})
    assert response.status_code == 201
    saved: int = response.json()["id"]
    return saved


def test_diary_page_has_the_body_map_and_every_field(client: TestClient, atlas: Atlas) -> None:
    html = client.get("/diary").text
    assert len(BODY_FIGURE.findall(html)) == 2
    buttons = [tag for tag in re.findall(r"<path [^>]*>", html) if "tabindex=" in tag]
    drawn = {m for tag in buttons for m in re.findall(r'data-region="([a-z_]+)"', tag)}
    # Every region is drawn, as itself or (the back of the thigh) as its parts, except those
    # inside the body, which the list offers.
    inside = {r.id for r in atlas.regions.values() if r.view == "list"}
    tiled = {r for r in atlas.regions if r not in drawn and drawn >= set(atlas.parts(r) or {r})}
    assert inside and tiled == {"thigh_posterior_r", "thigh_posterior_l"}
    assert drawn == set(atlas.regions) - inside - tiled
    for region in inside:
        assert f'type="checkbox" data-region="{region}"' in html
    assert 'type="checkbox" data-region="groin_r"' in html  # the list alternative
    assert 'type="range" id="intensity"' in html
    assert html.count('type="radio" name="overall"') == 11
    for quality in QUALITIES:
        assert f'name="quality" value="{quality}"' in html
    assert 'type="datetime-local" id="at"' in html
    assert 'id="triggers"' in html and 'id="note"' in html
    assert "save an assessment" in html  # no plan yet
    assert 'aria-current="page">Diary<' in html


def test_diary_page_offers_the_plan_steps(client: TestClient) -> None:
    save_assessment(client)
    html = client.get("/diary").text
    ids = re.findall(r'name="self_care_done" value="([^"]+)"', html)
    assert "iliopsoas/stretch/1" in ids
    assert all(i.split("/")[1] in ("pressure", "stretch") for i in ids)


def test_diary_page_to_change_an_entry(client: TestClient) -> None:
    client.post("/api/v1/diary", json={"overall": 3, "pain": {"sacrum": 4}, "note": "</script>"})
    html = client.get("/diary?edit=1").text
    assert "Change the entry of" in html and "Save the changes" in html
    data = re.search(r'<script type="application/json" id="entry-data">(.*?)</script>', html)
    assert data is not None
    assert json.loads(data.group(1))["pain"] == {"sacrum": 4}
    assert json.loads(data.group(1))["note"] == "</script>"


def test_changing_an_unknown_entry_is_an_html_404(client: TestClient) -> None:
    response = client.get("/diary?edit=42")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "No diary entry with id 42" in response.text and "Traceback" not in response.text


def test_empty_history(client: TestClient) -> None:
    for path in ("/history", "/diary/history"):
        html = client.get(path).text
        assert "No diary entries yet" in html and 'href="/diary"' in html


def test_history_shows_a_week(client: TestClient) -> None:
    save_assessment(client)
    a_week(client)
    html = client.get("/history").text
    assert "7 entries" in html
    assert html.count('<svg role="img" aria-label="Chart of') == 3
    assert "Low back beside the spine (right)" in html  # a region line on the chart
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids must be unique on the page"
    assert "First and latest pain maps" in html
    assert html.count('aria-label="First pain map') == 2
    assert html.count('aria-label="Latest pain map') == 2
    first = {"lumbar_paraspinal_r": 7, "thigh_anterior_upper_r": 4}
    shared = round(100 * overlap(first, {"lumbar_paraspinal_r": 1}))
    assert f'class="overlap">{shared}%' in html
    assert "Stretch:" in html and "(Iliopsoas)" in html  # plan step ids shown by their title
    assert "cannot show that the self-care caused the change" in html
    notes = re.findall(r'<p class="entry-note">(day \d)</p>', html)
    assert notes == [f"day {d}" for d in range(6, -1, -1)]  # newest first
    assert html.count('class="link delete"') == 7 and 'href="/diary?edit=1"' in html


def test_history_offers_undo_after_a_delete(client: TestClient) -> None:
    a_week(client)
    client.delete("/api/v1/diary/3")
    html = client.get("/history?deleted=3").text
    assert 'id="undo-bar"' in html and 'data-entry-id="3"' in html
    assert "6 entries" in html
    client.post("/api/v1/diary/3/restore")
    html = client.get("/history?deleted=3").text
    assert 'id="undo-bar"' not in html and "7 entries" in html


def test_assessments_list_detail_and_rerun(client: TestClient, atlas: Atlas) -> None:
    assert "No saved assessments yet" in client.get("/assessments").text
    saved = save_assessment(client)
    html = client.get("/assessments").text
    assert "Iliopsoas (right)" in html and atlas.version in html
    assert f'href="/assessments/{saved}"' in html
    detail = client.get(f"/assessments/{saved}").text
    assert "Re-run on today&#39;s atlas" in detail or "Re-run on today's atlas" in detail
    assert "Iliopsoas, right side" in detail
    rerun = client.get(f"/assessments/{saved}/rerun").text
    assert "Nothing changed" in rerun
    assert client.get("/assessments/99").status_code == 404


def test_downloads(client: TestClient) -> None:
    page = client.get("/downloads").text
    assert client.get("/downloads/plan.ics").status_code == 200  # a reminder needs no plan
    save_assessment(client)
    a_week(client)
    page = client.get("/downloads").text
    assert 'action="/downloads/report.pdf"' in page
    assert 'action="/downloads/plan.ics"' in page
    for link in ("fhir.json", "diary.json", "diary.csv"):
        assert f'href="/downloads/{link}"' in page
    pdf = client.get("/downloads/report.pdf")
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    csv = client.get("/downloads/diary.csv").text
    assert csv.splitlines()[0].startswith("id,at,overall,pain") and len(csv.splitlines()) == 8
    bundle = client.get("/downloads/fhir.json").json()
    assert bundle["resourceType"] == "Bundle"
    calendar = client.get("/downloads/plan.ics?zone=Europe/Paris&at=07:30").text
    assert "BEGIN:VCALENDAR" in calendar and "Europe/Paris" in calendar
    assert client.get("/downloads/plan.ics?zone=Mars/Base").status_code == 422
    snapshot = client.get("/downloads/diary.json").json()
    assert snapshot["format"] == "myomap-diary" and len(snapshot["entries"]) == 7


def test_the_web_plan_and_the_report_plan_pick_the_same_muscles(atlas: Atlas) -> None:
    model = default_model()
    for evidence in (
        Evidence.model_validate(ILIOPSOAS),
        Evidence.model_validate({"pain": [{"region": "buttock_upper_r", "intensity": 5}]}),
        Evidence.model_validate({**ILIOPSOAS, "answers": {"saddle_numbness": "yes"}}),
    ):
        result = rank(model, evidence)
        picked = [(i.muscle.id, i.side) for i in plan_items(atlas, result)]
        assert picked == plan_muscles(result)


def test_the_store_is_closed_when_the_app_stops(tmp_path: Path, atlas: Atlas) -> None:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"), atlas=atlas)
    with TestClient(app) as client:
        client.get("/history")
        assert app.state.myomap._store
    assert not app.state.myomap._store


def test_check_ins_on_the_form_history_and_log_today(client: TestClient) -> None:
    first = client.post(
        "/api/v1/diary",
        json={
            "overall": 5,
            "pain": {"lumbar_paraspinal_r": 5},
            "peg": {"pain": 6, "enjoyment": 5, "activity": 4},
            "psfs": [{"activity": "gardening", "score": 3}],
            "treatments": [{"name": "ibuprofen", "dose": "400 mg"}],
        },
    )
    assert first.status_code == 201, first.text
    form = client.get("/diary").text
    assert '<option value="ibuprofen" data-dose="400 mg">' in form
    assert "Started from your last entry" in form
    start = re.search(r'id="start-data">([^<]*)<', form)
    assert start is not None
    assert json.loads(start.group(1)) == {
        "pain": {"lumbar_paraspinal_r": 5},
        "psfs": ["gardening"],
    }
    assert "Started from your last entry" not in client.get("/diary?blank=1").text
    history = client.get("/history").text
    assert "ibuprofen 400 mg" in history and "<strong>PEG</strong> 5.0" in history
    assert "Check-in scores" in history
