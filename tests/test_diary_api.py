"""The diary and assessments JSON API (/api/v1/diary, /api/v1/assessments), on a fresh
SQLite database per test."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from myomap.atlas import Atlas
from myomap.settings import Settings
from myomap.web import create_app

ILIOPSOAS = {
    "pain": [
        {"region": "lumbar_paraspinal_r", "intensity": 6},
        {"region": "thigh_anterior_upper_r", "intensity": 4},
    ]
}


@pytest.fixture()
def api(tmp_path: Path, atlas: Atlas) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/t.db"), atlas=atlas)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def add(api: TestClient, **fields: Any) -> dict[str, Any]:
    response = api.post("/api/v1/diary", json={"overall": 4, **fields})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_add_then_read_an_entry(api: TestClient) -> None:
    entry = add(
        api,
        at="2025-03-01T08:30:00+01:00",
        pain={"lumbar_paraspinal_r": 6},
        quality=["Aching"],
        note=" stiff ",
        self_care_done=["iliopsoas/stretch/1", "walk 20 min"],
        triggers=["long drive"],
    )
    assert entry["id"] == 1
    assert entry["at"] == "2025-03-01T07:30:00Z"
    assert entry["pain"] == {"lumbar_paraspinal_r": 6}
    assert entry["quality"] == ["aching"] and entry["note"] == "stiff"
    assert api.get("/api/v1/diary/1").json() == entry
    assert api.get("/api/v1/diary").json() == [entry]


def test_time_defaults_to_now_and_several_entries_a_day(api: TestClient) -> None:
    first = add(api)
    second = add(api, overall=6)
    assert first["at"][:10] == second["at"][:10]
    listed = api.get("/api/v1/diary").json()
    assert [e["id"] for e in listed] == [second["id"], first["id"]]  # newest first


def test_update_changes_only_the_fields_given(api: TestClient) -> None:
    entry = add(api, pain={"sacrum": 3}, note="before")
    response = api.put(f"/api/v1/diary/{entry['id']}", json={"overall": 2})
    assert response.status_code == 200
    changed = response.json()
    assert changed["overall"] == 2
    assert changed["pain"] == {"sacrum": 3} and changed["note"] == "before"
    changed = api.put(f"/api/v1/diary/{entry['id']}", json={"pain": {"groin_r": 5}}).json()
    assert changed["pain"] == {"groin_r": 5}


def test_delete_and_restore(api: TestClient) -> None:
    entry = add(api)
    deleted = api.delete(f"/api/v1/diary/{entry['id']}")
    assert deleted.status_code == 200 and deleted.json()["deleted_at"] is not None
    assert api.get("/api/v1/diary").json() == []
    assert api.get(f"/api/v1/diary/{entry['id']}").status_code == 404
    restored = api.post(f"/api/v1/diary/{entry['id']}/restore")
    assert restored.status_code == 200 and restored.json()["deleted_at"] is None
    assert len(api.get("/api/v1/diary").json()) == 1
    again = api.post(f"/api/v1/diary/{entry['id']}/restore")
    assert again.status_code == 404
    assert "No deleted diary entry" in again.json()["error"]["message"]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"overall": 11}, "overall", "out of range"),
        ({"overall": -1}, "overall", "out of range"),
        ({"pain": {"lumbar_paraspinal": 5}}, "pain.lumbar_paraspinal", "two sides"),
        ({"pain": {"sacrum": 12}}, "pain.sacrum", "out of range"),
        ({"at": "yesterday"}, "at", "ISO-8601"),
        ({"at": "2999-01-01T00:00"}, "at", "future"),
        ({"quality": ["sore"]}, "quality", "Unknown pain quality"),
    ],
)
def test_bad_values_name_the_field_and_store_nothing(
    api: TestClient, fields: dict[str, Any], field: str, words: str
) -> None:
    response = api.post("/api/v1/diary", json={"overall": 4, **fields})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["field"] == field
    assert words in error["message"]
    assert api.get("/api/v1/diary").json() == []


def test_missing_overall_and_unknown_fields_are_422(api: TestClient) -> None:
    missing = api.post("/api/v1/diary", json={"pain": {"sacrum": 3}})
    assert missing.status_code == 422 and missing.json()["error"]["field"] == "overall"
    extra = api.post("/api/v1/diary", json={"overall": 3, "mood": "fine"})
    assert extra.status_code == 422 and extra.json()["error"]["field"] == "mood"
    assert api.get("/api/v1/diary").json() == []


def test_a_failed_update_changes_nothing(api: TestClient) -> None:
    entry = add(api, pain={"sacrum": 3})
    response = api.put(f"/api/v1/diary/{entry['id']}", json={"overall": 2, "pain": {"x": 1}})
    assert response.status_code == 422
    assert api.get(f"/api/v1/diary/{entry['id']}").json() == entry


def test_unknown_entry_is_json_404(api: TestClient) -> None:
    for response in (
        api.get("/api/v1/diary/99"),
        api.put("/api/v1/diary/99", json={"overall": 1}),
        api.delete("/api/v1/diary/99"),
    ):
        assert response.status_code == 404
        assert "No diary entry with id 99" in response.json()["error"]["message"]


def test_save_list_open_rerun_and_delete_an_assessment(api: TestClient) -> None:
    response = api.post("/api/v1/assessments", json={"evidence": ILIOPSOAS})
    assert response.status_code == 201
    saved = response.json()
    assert saved["result"]["candidates"][0]["muscle"] == "iliopsoas"  # ranked on the server
    assert saved["atlas_version"] == saved["result"]["atlas_version"]
    assert [a["id"] for a in api.get("/api/v1/assessments").json()] == [saved["id"]]
    assert api.get(f"/api/v1/assessments/{saved['id']}").json() == saved
    rerun = api.get(f"/api/v1/assessments/{saved['id']}/rerun").json()
    assert rerun["added"] == [] and rerun["removed"] == [] and rerun["moved"] == []
    assert rerun["old_triage"] == rerun["new_triage"] == "self_care"
    assert api.delete(f"/api/v1/assessments/{saved['id']}").status_code == 200
    assert api.get(f"/api/v1/assessments/{saved['id']}").status_code == 404
    assert api.get("/api/v1/assessments").json() == []


def test_an_assessment_with_bad_evidence_is_not_saved(api: TestClient) -> None:
    response = api.post(
        "/api/v1/assessments", json={"evidence": {"pain": [{"region": "elbow", "intensity": 3}]}}
    )
    assert response.status_code == 422
    assert "elbow" in response.json()["error"]["message"]
    assert api.get("/api/v1/assessments").json() == []


def test_import_round_trips_an_export(api: TestClient, tmp_path: Path, atlas: Atlas) -> None:
    add(api, pain={"sacrum": 3}, note="one")
    deleted = add(api, overall=7)
    api.delete(f"/api/v1/diary/{deleted['id']}")
    api.post("/api/v1/assessments", json={"evidence": ILIOPSOAS})
    exported = api.get("/downloads/diary.json").content

    other = create_app(Settings(database_url=f"sqlite:///{tmp_path}/other.db"), atlas=atlas)
    with TestClient(other) as fresh:
        response = fresh.post("/api/v1/diary/import", content=exported)
        assert response.status_code == 200
        assert response.json() == {"entries": 2, "assessments": 1}
        assert fresh.get("/downloads/diary.json").content == exported
        again = fresh.post("/api/v1/diary/import", content=exported)
        assert again.status_code == 422 and again.json()["error"]["field"] == "replace"
        replaced = fresh.post("/api/v1/diary/import?replace=true", content=exported)
        assert replaced.status_code == 200
        # Replacing gives every row a new id (ids are never reused); all else is the same.
        assert _without_ids(fresh.get("/downloads/diary.json").content) == _without_ids(exported)


def _without_ids(export: bytes) -> Any:
    data = json.loads(export)
    for row in (*data["entries"], *data["assessments"]):
        row.pop("id")
    return data


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"entries": []}', "not a myomap diary export"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (
            b'{"format": "myomap-diary", "version": 1, "entries": [{"id": 1}], "assessments": []}',
            "entries.0",
        ),
    ],
)
def test_a_corrupt_import_is_refused_and_stores_nothing(
    api: TestClient, body: bytes, words: str
) -> None:
    response = api.post("/api/v1/diary/import", content=body)
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]
    assert "nothing was imported" in response.json()["error"]["message"].lower()
    assert api.get("/api/v1/diary").json() == []


def test_the_api_is_in_the_openapi_spec(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/diary"])
    assert {"get", "put", "delete"} <= set(paths["/api/v1/diary/{entry_id}"])
    assert "post" in paths["/api/v1/diary/{entry_id}/restore"]
    assert {"get", "delete"} <= set(paths["/api/v1/assessments/{assessment_id}"])
    assert "get" in paths["/api/v1/assessments/{assessment_id}/rerun"]
