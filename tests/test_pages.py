"""The HTML pages render, on an in-memory app."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from myomap.atlas import Atlas

PAGE_BUDGET = 300_000
"""Bytes of the assessment page with its CSS and JavaScript (the figures are inline)."""

ILIOPSOAS_STATE = "pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&yes=relief_lying_curled"


def test_assessment_page_has_clickable_regions(client: TestClient, atlas: Atlas) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert html.count('<svg role="group"') == 2
    buttons = re.findall(r'<path class="region"[^>]*>', html)
    assert buttons and all(
        'tabindex="0"' in b and 'role="button"' in b and 'aria-pressed="false"' in b
        for b in buttons
    )
    drawn = set(re.findall(r'data-region="([a-z_]+)" tabindex', html))
    assert drawn == set(atlas.regions)
    assert 'aria-label="Low back beside the spine (right)"' in html
    assert "Your right" in html and "Your left" in html
    assert "<details" in html and 'type="checkbox" data-region="groin_r"' in html
    assert "it does not diagnose" in html


def test_assessment_page_fits_its_budget(client: TestClient) -> None:
    html = client.get("/").text
    assets = re.findall(r'(?:src|href)="(/static/[^"?]+)', html)
    assert {"/static/site.css", "/static/assess.js"} <= set(assets)
    total = len(html.encode()) + sum(len(client.get(a).content) for a in assets)
    assert total <= PAGE_BUDGET
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_muscle_index_groups_and_lists_az(client: TestClient, atlas: Atlas) -> None:
    html = client.get("/muscles").text
    assert "By where it hurts" in html and "A–Z" in html
    assert 'id="muscle-search"' in html
    for muscle in atlas.muscles.values():
        assert f'href="/muscles/{muscle.id}"' in html


def test_muscle_guide(client: TestClient) -> None:
    response = client.get("/muscles/iliopsoas")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Iliopsoas</h1>" in html
    assert html.count('class="region zone-essential"') >= 3
    assert 'class="region zone-spillover"' in html
    assert html.count('<circle class="tp"') == 3
    for heading in ("Symptoms", "What makes it worse", "What eases it", "What keeps it going"):
        assert heading in html
    assert "Pressure release" in html and "Kneeling lunge" in html
    assert "When to see a doctor" in html and "Appendicitis" in html
    assert "Sources" in html and 'rel="noopener"' in html


def test_every_muscle_has_a_guide_page(client: TestClient, atlas: Atlas) -> None:
    for muscle in atlas.muscles.values():
        response = client.get(f"/muscles/{muscle.id}")
        assert response.status_code == 200, muscle.id
        assert muscle.name in response.text
        markers = response.text.count('<circle class="tp"')
        assert markers == len(muscle.trigger_points), muscle.id


def test_guide_by_alias_redirects(client: TestClient) -> None:
    response = client.get("/muscles/psoas", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "/muscles/iliopsoas"


def test_unknown_muscle_page_suggests_close_matches(client: TestClient) -> None:
    response = client.get("/muscles/iliopsos")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/muscles/iliopsoas"' in response.text


def test_unknown_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text


def test_plan_for_the_iliopsoas_presentation(client: TestClient) -> None:
    response = client.get("/plan", params={"state": ILIOPSOAS_STATE})
    assert response.status_code == 200
    html = response.text
    assert "Your self-care plan" in html
    assert "Iliopsoas, right side" in html
    assert "Kneeling lunge" in html and "How often" in html and "Cautions" in html
    assert "@media print" in client.get("/static/site.css").text


def test_plan_says_emergency_first_and_gives_no_muscle_advice(client: TestClient) -> None:
    state = ILIOPSOAS_STATE + "&yes=saddle_numbness"
    html = client.get(f"/plan?state={quote(state)}").text
    assert "Get emergency help now" in html
    assert "Kneeling lunge" not in html


def test_plan_with_nothing_marked(client: TestClient) -> None:
    assert "nothing to plan yet" in client.get("/plan").text


def test_plan_with_a_bad_state_is_an_html_error(client: TestClient) -> None:
    response = client.get("/plan", params={"state": "pain=nowhere:5"})
    assert response.status_code == 422
    assert "nowhere" in response.text
    response = client.get("/plan", params={"state": "pain=groin_r:lots"})
    assert response.status_code == 422


def test_pages_show_no_internals_on_a_crash(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("myomap.web.assess.pages.rank", broken)
    response = client.get("/plan", params={"state": ILIOPSOAS_STATE})
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text
