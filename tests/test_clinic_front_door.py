"""The public front door of server mode (web/home): what myomap is, the assessment, the
muscle guides and the safety information without an account; sign-in for the diary and
the clinic; people signed in land where they belong."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from servers import (
    PASSWORD,
    SAME_ORIGIN,
    anonymous,
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    signed_in,
)

from myomap.atlas import Atlas

EVIDENCE = {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6}]}

BODY_FIGURE = re.compile(r'<svg [^>]*role="group"')
"""A body figure of the assessment or diary page (its regions are buttons)."""


def visitor(app: object) -> TestClient:
    client = anonymous(app)  # type: ignore[arg-type]
    client.headers.update(SAME_ORIGIN)
    return client


def test_the_front_door_says_what_myomap_is_and_links_onwards(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, _):
        response = visitor(app).get("/", follow_redirects=False)
        assert response.status_code == 200
        html = response.text
        assert "myomap informs; it does not diagnose." in html
        assert "trigger points" in html
        for link in ('href="/assess"', 'href="/muscles"', 'href="/safety"', 'href="/login"'):
            assert link in html, link
        assert 'id="search-results"' not in html and "<svg" not in html  # the page, not the app


def test_the_assessment_is_public_in_server_mode(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, _):
        client = visitor(app)
        page = client.get("/assess")
        assert page.status_code == 200
        assert len(BODY_FIGURE.findall(page.text)) == 2  # the body map
        assert client.post("/api/v1/assess", json=EVIDENCE).status_code == 200
        assert client.post("/api/v1/triage", json=EVIDENCE).status_code == 200
        result = client.get("/assess/result", params={"state": "pain=lumbar_paraspinal_r:6"})
        assert result.status_code == 200
        assert 'href="/login?next=/assess"' in result.text  # saving needs an account
        assert 'data-action="save"' not in result.text
        assert (
            client.get("/plan", params={"state": "pain=lumbar_paraspinal_r:6"}).status_code == 200
        )


def test_the_muscle_guides_and_their_api_are_public(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, _):
        client = visitor(app)
        for path in ("/muscles", "/muscles/iliopsoas", "/api/v1/muscles/iliopsoas"):
            assert client.get(path).status_code == 200, path
        assert "Supinator" in client.get("/muscles", params={"q": "tennis elbow"}).text
        found = client.get("/api/v1/muscles", params={"q": "sciatica"}).json()
        assert "piriformis" in [m["id"] for m in found]
        assert client.get("/api/v1/regions").status_code == 200


def test_the_safety_information_is_public_and_lists_every_warning_sign(
    tmp_path: Path, atlas: Atlas
) -> None:
    with server_app(tmp_path) as (app, _):
        response = visitor(app).get("/safety")
        assert response.status_code == 200
        html = response.text
        assert "myomap informs; it does not diagnose." in html
        assert html.index("Emergency") < html.index("See a doctor today")
        for flag in atlas.red_flags.values():
            assert flag.title.replace("'", "&#39;") in html, flag.id


def test_the_diary_and_the_clinic_need_a_sign_in(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, _):
        client = visitor(app)
        for path in ("/diary", "/history", "/downloads", "/clinic"):
            response = client.get(path, follow_redirects=False)
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/login"), path
        assert client.get("/api/v1/diary").status_code == 401
        saved = client.post("/api/v1/assessments", json={"evidence": EVIDENCE})
        assert saved.status_code == 401


def test_a_clinician_lands_on_the_patient_list(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "dr@example.org", role="clinician")
        response = signed_in(app, store, "dr@example.org").get("/", follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (303, "/clinic")
        # signing in through the form goes to "/" and on to the patient list
        client = visitor(app)
        form = {"email": "dr@example.org", "password": PASSWORD}
        landed = client.post("/login", data=form, follow_redirects=True)
        assert landed.status_code == 200
        assert str(landed.url).endswith("/clinic")
        assert "<h1>Patients</h1>" in landed.text


def test_a_person_signed_in_lands_on_the_assessment(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        client = signed_in(app, store, "ana@example.org")
        response = client.get("/", follow_redirects=False)
        assert response.status_code == 200
        assert len(BODY_FIGURE.findall(response.text)) == 2
        result = client.get("/assess/result", params={"state": "pain=lumbar_paraspinal_r:6"})
        assert 'data-action="save"' in result.text


def test_local_mode_starts_on_the_assessment(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and len(BODY_FIGURE.findall(response.text)) == 2
    assert client.get("/safety").status_code == 404  # the front door is server mode's
