"""The JSON API under /api/v1, on an in-memory app."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from myomap.atlas import Atlas
from myomap.engine import Evidence, lookup, rank
from myomap.engine.defaults import default_model

ILIOPSOAS = {
    "pain": [
        {"region": "lumbar_paraspinal_r", "intensity": 6},
        {"region": "thigh_anterior_upper_r", "intensity": 4},
    ],
    "answers": {"pain_rising_from_sitting": "yes"},
}


def error(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "field", "value"}
    return body["error"]  # type: ignore[no-any-return]


def test_regions_lists_every_region(client: TestClient, atlas: Atlas) -> None:
    response = client.get("/api/v1/regions")
    assert response.status_code == 200
    regions = {r["id"]: r for r in response.json()}
    assert regions.keys() == atlas.regions.keys()
    assert regions["lumbar_paraspinal_r"]["label"] == "Low back beside the spine (right)"


def test_findings_lists_every_question(client: TestClient, atlas: Atlas) -> None:
    findings = client.get("/api/v1/findings").json()
    assert [f["id"] for f in findings] == list(atlas.findings)
    assert all(f["question"] for f in findings)


def test_muscles_lists_summaries(client: TestClient, atlas: Atlas) -> None:
    muscles = client.get("/api/v1/muscles").json()
    assert [m["id"] for m in muscles] == list(atlas.muscles)
    iliopsoas = next(m for m in muscles if m["id"] == "iliopsoas")
    assert iliopsoas["url"] == "/muscles/iliopsoas"
    assert "low_back" in iliopsoas["body_groups"]


def test_muscle_has_trigger_point_positions_and_pattern(client: TestClient) -> None:
    muscle = client.get("/api/v1/muscles/iliopsoas").json()
    assert muscle["name"] == "Iliopsoas"
    for tp in muscle["trigger_points"]:
        xy = tp["xy"]
        assert xy["view"] == "front"
        assert 0 < xy["x"] < 240 and 0 < xy["y"] < 560
    right, left = muscle["pattern"]["right"], muscle["pattern"]["left"]
    assert "lumbar_paraspinal_r" in right["essential"]
    assert "groin_r" in right["spillover"]
    assert "lumbar_paraspinal_l" in left["essential"]


def test_muscle_by_alias(client: TestClient) -> None:
    assert client.get("/api/v1/muscles/psoas").json()["id"] == "iliopsoas"


def test_unknown_muscle_is_404_with_a_suggestion(client: TestClient) -> None:
    response = client.get("/api/v1/muscles/iliopsos")
    assert response.status_code == 404
    err = error(response)
    assert err["field"] == "muscle"
    assert err["value"] == "iliopsos"
    assert "iliopsoas" in err["message"]


def test_assess_equals_the_engine_and_the_cli_json(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json=ILIOPSOAS)
    assert response.status_code == 200
    expected = rank(default_model(), Evidence.model_validate(ILIOPSOAS)).model_dump(mode="json")
    assert response.json() == expected
    assert response.json()["candidates"][0]["muscle"] == "iliopsoas"
    assert "for" in response.json()["candidates"][0]


def test_assess_with_the_lookup_method(client: TestClient) -> None:
    response = client.post("/api/v1/assess", params={"method": "lookup"}, json=ILIOPSOAS)
    expected = lookup(default_model(), Evidence.model_validate(ILIOPSOAS))
    assert response.json() == expected.model_dump(mode="json")
    assert response.json()["method"] == "lookup"


def test_assess_with_no_evidence(client: TestClient) -> None:
    body = client.post("/api/v1/assess", json={}).json()
    assert body["candidates"] == []
    assert body["triage"]["level"] == "self_care"


def test_unknown_region_is_422_naming_it(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json={"pain": [{"region": "lumbar_paraspinal_x"}]})
    assert response.status_code == 422
    err = error(response)
    assert err["field"] == "pain[0].region"
    assert err["value"] == "lumbar_paraspinal_x"
    assert "lumbar_paraspinal_x" in err["message"]
    assert "lumbar_paraspinal_r" in err["message"]


@pytest.mark.parametrize(
    ("intensity", "message"), [(11, "out of range"), (-1, "out of range"), ("lots", "integer")]
)
def test_bad_intensity_is_422(client: TestClient, intensity: object, message: str) -> None:
    body = {"pain": [{"region": "groin_r", "intensity": intensity}]}
    response = client.post("/api/v1/assess", json=body)
    assert response.status_code == 422
    err = error(response)
    assert err["field"] == "pain[0].intensity"
    assert err["value"] == intensity
    assert message in err["message"]


def test_unknown_finding_and_bad_answer(client: TestClient) -> None:
    err = error(client.post("/api/v1/assess", json={"answers": {"feverr": "yes"}}))
    assert (err["field"], err["value"]) == ("answers.feverr", "feverr")
    response = client.post("/api/v1/assess", json={"answers": {"fever": "maybe"}})
    assert response.status_code == 422
    assert error(response)["value"] == "maybe"


def test_unknown_field_and_bad_method(client: TestClient) -> None:
    err = error(client.post("/api/v1/assess", json={"pains": []}))
    assert (err["field"], err["value"]) == ("pains", [])
    response = client.post("/api/v1/assess", params={"method": "magic"}, json={})
    assert response.status_code == 422
    assert (error(response)["field"], error(response)["value"]) == ("method", "magic")


def test_malformed_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/v1/assess", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert error(response)["message"]


def test_triage_alone(client: TestClient) -> None:
    calm = client.post("/api/v1/triage", json=ILIOPSOAS).json()
    assert calm["level"] == "self_care"
    alarm = client.post("/api/v1/triage", json={"answers": {"saddle_numbness": "yes"}}).json()
    assert alarm["level"] == "emergency"
    assert alarm["hide_muscle_advice"] is True
    assert alarm["reasons"][0]["id"] == "cauda_equina"


def test_triage_checks_the_evidence(client: TestClient) -> None:
    response = client.post("/api/v1/triage", json={"pain": [{"region": "nowhere"}]})
    assert response.status_code == 422
    assert error(response)["value"] == "nowhere"


def test_unknown_api_route_is_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert error(response)["message"]


def test_wrong_method_is_json_405(client: TestClient) -> None:
    assert client.get("/api/v1/assess").status_code == 405
    assert error(client.get("/api/v1/assess"))["message"]


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/regions", "/api/v1/findings", "/api/v1/muscles"):
        assert "get" in spec["paths"][path]
    assert "get" in spec["paths"]["/api/v1/muscles/{muscle_id}"]
    assert "post" in spec["paths"]["/api/v1/assess"]
    assert "post" in spec["paths"]["/api/v1/triage"]
    assert "/" not in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/swagger/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_an_unexpected_error_is_500_without_internals(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("myomap.web.assess.api.rank", broken)
    response = client.post("/api/v1/assess", json=ILIOPSOAS)
    assert response.status_code == 500
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert error(response)["message"]
