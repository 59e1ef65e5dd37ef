"""Free-text understanding on every surface: the JSON API, the CLI and the Python API."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

import myomap
from myomap.cli.app import app

SEED = (
    "my lower back hurts on the right next to the spine, and so does the top of my thigh at "
    "the front; standing up from the sofa is hard and I walk hunched for a while; lying curled "
    "up helps; it flares when I'm constipated"
)


def test_api_understand_returns_proposals_with_spans(client: TestClient) -> None:
    response = client.post("/api/v1/understand", json={"text": SEED})
    assert response.status_code == 200
    body = response.json()
    regions = {r["region"] for r in body["understanding"]["regions"]}
    assert regions == {"lumbar_paraspinal_r", "thigh_anterior_upper_r"}
    first = body["understanding"]["regions"][0]["spans"][0]
    assert SEED[first["start"] : first["end"]] == first["text"]
    assert body["triage"]["level"] == "self_care"
    assert "finding:relief_lying_curled" in body["confirm"]


def test_api_understand_raises_triage_on_red_flag_wording(client: TestClient) -> None:
    body = client.post(
        "/api/v1/understand", json={"text": "my back hurts and I'm numb around my bottom"}
    ).json()
    assert body["triage"]["level"] == "emergency"
    assert [f["finding"] for f in body["understanding"]["red_flags"]] == ["saddle_numbness"]


def test_api_understand_rejects_empty_and_unknown_fields(client: TestClient) -> None:
    assert client.post("/api/v1/understand", json={"text": ""}).status_code == 422
    assert client.post("/api/v1/understand", json={"text": "x", "extra": 1}).status_code == 422


def test_cli_assess_text_shows_what_was_understood_then_ranks() -> None:
    result = CliRunner().invoke(app, ["assess", "--text", SEED])
    assert result.exit_code == 0, result.output
    assert "lower back hurts on the right" in result.output
    assert "Iliopsoas" in result.output


def test_cli_assess_text_json_has_understanding_and_result() -> None:
    result = CliRunner().invoke(app, ["assess", "--text", SEED, "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["result"]["candidates"][0]["muscle"] == "iliopsoas"
    assert {r["region"] for r in body["understanding"]["regions"]} == {
        "lumbar_paraspinal_r",
        "thigh_anterior_upper_r",
    }


def test_cli_assess_text_counts_a_hinted_warning_sign_until_it_is_answered() -> None:
    """With no one to confirm, a warning sign the text only hedges counts as yes, as on the
    page before confirmation: "maybe … numb around my bottom" is an emergency, not self-care."""
    text = "my low back hurts and I think maybe it's a bit numb around my bottom"
    result = CliRunner().invoke(app, ["assess", "--text", text, "--json"])
    assert result.exit_code == 4, result.output
    body = json.loads(result.output)
    hedged = [f for f in body["understanding"]["red_flags"] if f["finding"] == "saddle_numbness"]
    assert [f["polarity"] for f in hedged] == ["unknown"]
    assert body["result"]["triage"]["level"] == "emergency"
    shown = CliRunner().invoke(app, ["assess", "--text", text])
    said = " ".join(shown.output.split())
    assert "EMERGENCY" in said and "as yes until you answer it" in said


def test_python_api_is_the_understand_package() -> None:
    from myomap.understand import evidence_from, understand

    u = understand(myomap.load_atlas(), "my left calf aches")
    assert [r.region for r in u.regions] == ["calf_upper_l"]
    assert evidence_from(u, u.item_ids()).pain[0].region == "calf_upper_l"
