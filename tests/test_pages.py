"""The HTML pages render, on an in-memory app."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from myomap.atlas import Atlas
from myomap.atlas.figures import VIEWS, load_figure
from myomap.cli.render import percent
from myomap.errors import EvidenceError
from myomap.web.assess.state import encode_state, parse_pain, read
from myomap.web.bodymap.zoom import TARGET_PX, home_parts, zoom_parts

PAGE_BUDGET = 300_000
"""Bytes of the assessment page with its CSS and JavaScript (the figures are inline)."""

ILIOPSOAS_STATE = "pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&yes=relief_lying_curled"

BODY_FIGURE = re.compile(r'<svg [^>]*role="group"')
"""A body figure of the assessment or diary page (its regions are buttons)."""


def test_assessment_page_has_clickable_regions(client: TestClient, atlas: Atlas) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert len(BODY_FIGURE.findall(html)) == 2
    buttons = re.findall(r'<path class="region"[^>]*>', html)
    assert buttons and all(
        'role="button"' in b and 'aria-pressed="false"' in b and 'data-part="' in b for b in buttons
    )
    # roving tabindex: one Tab stop for each figure, the arrow keys do the rest
    assert sum('tabindex="0"' in b for b in buttons) == 2
    assert sum('tabindex="-1"' in b for b in buttons) == len(buttons) - 2
    drawn = set(re.findall(r'data-region="([a-z_]+)"', html))
    assert drawn == set(atlas.regions)
    assert 'aria-label="Low back beside the spine (right)"' in html
    assert "Your right" in html and "Your left" in html
    assert "<details" in html and 'type="checkbox" data-region="groin_r"' in html
    assert 'href="#region-list-summary"' in html and 'id="region-list-summary"' in html
    assert 'href="#results-h"' in html and 'id="results-h"' in html
    assert '<script type="module" src="/static/assess.js' in html
    assert "it does not diagnose" in html


def test_every_region_has_a_thumb_sized_home_part() -> None:
    for view in VIEWS:
        homes = home_parts(view)
        shapes = load_figure(view).shapes
        assert set(homes) == set(shapes), set(shapes) - set(homes)
        parts = {p.id: p for p in zoom_parts(view)}
        for region, part_id in homes.items():
            part = parts[part_id]
            x0, y0, x1, y1 = shapes[region].bbox
            assert part.holds(shapes[region].bbox)
            assert min(x1 - x0, y1 - y0) * part.scale() >= TARGET_PX, region


def fragment(client: TestClient, state: str) -> str:
    response = client.get("/assess/result", params={"state": state})
    assert response.status_code == 200, response.text
    return response.text


SEED = "pain=lumbar_paraspinal_r:6,sacroiliac_r:5,thigh_anterior_upper_r:4"


def test_result_fragment_asks_safety_first_and_never_says_no_warning_signs(
    client: TestClient,
) -> None:
    html = fragment(client, SEED)
    assert "<html" not in html and "<body" not in html
    assert "Safety check not done yet" in html
    assert "No warning signs" not in html and "banner-self_care" not in html
    assert "Open my self-care plan" not in html
    card = re.search(r'<section class="card question"[^>]*>', html)
    assert card and 'data-phase="safety"' in card.group(0)
    choices = re.findall(r'<button type="button" class="choice"[^>]*>', html)
    assert [re.search(r'data-answer="(\w+)"', c).group(1) for c in choices] == [  # type: ignore[union-attr]
        "yes",
        "no",
        "unknown",
    ]
    assert not any("aria-pressed" in c for c in choices)
    assert "Iliopsoas, right side" in html
    assert 'data-action="back"' in html and 'data-action="skip"' in html


def next_card(html: str) -> tuple[str, str] | None:
    """(question id, phase) of the question the fragment asks, if any."""
    card = re.search(r'<section class="card question"[^>]*>', html)
    if card is None or 'data-id="' not in card.group(0):
        return None
    qid = re.search(r'data-id="(\w+)"', card.group(0))
    phase = re.search(r'data-phase="(\w+)"', card.group(0))
    assert qid and phase
    return qid.group(1), phase.group(1)


def answer_safety(client: TestClient, state: str, limit: int = 60) -> str:
    """Answer "no" to every safety question the page asks; the state afterwards."""
    denied: list[str] = []
    for _ in range(limit):
        current = state + (f"&no={','.join(denied)}" if denied else "")
        card = next_card(fragment(client, current))
        if card is None or card[1] != "safety":
            return current
        denied.append(card[0])
    raise AssertionError("the safety questions never ended")


def test_after_the_safety_check_the_engine_asks_about_symptoms(client: TestClient) -> None:
    state = answer_safety(client, SEED)
    html = fragment(client, state)
    assert "Safety check not done yet" not in html
    assert "banner-self_care" in html and "Open my self-care plan" in html
    card = re.search(r'<section class="card question"[^>]*>', html)
    assert card and 'data-phase="symptoms"' in card.group(0)
    for heading in ("What makes it worse", "What eases it"):
        assert heading in html
    # a skipped symptom question is not asked again
    shown = next_card(html)
    assert shown is not None
    skipped = fragment(client, state + f"&skip={shown[0]}")
    assert next_card(skipped) != shown
    assert "Skipped:" in skipped


def test_a_skipped_safety_question_keeps_the_check_open(client: TestClient) -> None:
    html = fragment(client, SEED)
    card = next_card(html)
    assert card is not None and card[1] == "safety"
    first = card[0]
    html = fragment(client, SEED + f"&skip={first}")
    assert "Safety check not done yet" in html
    assert "Open my self-care plan" not in html
    assert f'data-question="{first}" aria-label="Ask again' in html


def test_urgent_and_above_hide_muscle_self_care_with_the_reason(client: TestClient) -> None:
    html = fragment(client, SEED + "&yes=saddle_numbness")
    assert "banner-emergency" in html
    assert "Muscle self-care is hidden" in html
    assert 'class="candidates"' not in html and "Open my self-care plan" not in html


def test_shown_candidate_carries_its_pattern_in_its_card(client: TestClient) -> None:
    html = fragment(client, ILIOPSOAS_STATE + "&show=iliopsoas:right")
    card = html[html.index('class="candidate shown"') :]
    card = card[: card.index("</li>")]
    assert len(re.findall(r'<svg [^>]*aria-label="Pattern of Iliopsoas, right side', card)) == 2
    assert "zone-essential" in card and 'class="tp"' in card
    paths = re.findall(r"<path [^>]*>", card)
    assert any('data-region="thigh_anterior_upper_r"' in p and "data-pain=" in p for p in paths)
    assert 'viewBox="0 0 240' not in card  # cropped to the pattern, not the whole body
    assert "pattern-detail" not in fragment(client, ILIOPSOAS_STATE)
    hidden = fragment(client, ILIOPSOAS_STATE + "&yes=saddle_numbness&show=iliopsoas:right")
    assert "pattern-detail" not in hidden


def test_result_fragment_with_a_bad_state(client: TestClient) -> None:
    response = client.get("/assess/result", params={"state": "pain=nowhere:5"})
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "nowhere" in response.text


def understood(client: TestClient, text: str) -> str:
    response = client.post("/assess/understand", json={"text": text})
    assert response.status_code == 200, response.text
    return response.text


def test_description_comes_back_as_proposals_with_their_words(client: TestClient) -> None:
    html = understood(
        client,
        "my lower back hurts on the right next to the spine, and so does the top of my thigh "
        "at the front; lying curled up helps; blah wibble",
    )
    assert (
        'data-region="lumbar_paraspinal_r"' in html
        and 'data-region="thigh_anterior_upper_r"' in html
    )
    assert "<q>top of my thigh at the front</q>" in html
    assert 'data-finding="relief_lying_curled"' in html and 'data-answer="yes"' in html
    assert '<option value="thigh_anterior_upper_l">Left</option>' in html  # the side can change
    assert "Not understood" in html and "<q>blah wibble</q>" in html
    assert "Add these to my assessment" in html
    assert "describe-banner" not in html  # nothing alarming: no banner yet


def test_red_flag_description_raises_the_banner_with_the_words(client: TestClient) -> None:
    html = understood(client, "I can't pass urine and it's numb around my bottom")
    assert 'id="describe-banner"' in html and "banner-emergency" in html
    assert "From your words: <q>can&#39;t pass urine</q>, <q>numb around my bottom</q>." in html
    # "can't pass urine" answers two questions (retention; new trouble passing urine)
    assert html.count('data-raise="true"') == 3
    negated = understood(client, "my low back aches, no numbness around my bottom")
    assert "describe-banner" not in negated and 'data-raise="true"' not in negated


def test_places_a_warning_signs_rule_needs_count_with_it(client: TestClient) -> None:
    """Back pain all night is urgent through a rule that needs the back: the back counts at
    once with the sign, so the page shows the level of the description's own banner."""
    html = understood(client, "My lower back hurts all night and no position helps")
    assert "banner-urgent" in html
    back = html.split('data-region="lumbar_paraspinal_r"')[1].split("</li>")[0]
    assert 'data-raise="true"' in back and "Counted for the safety check" in back
    # a sign whose level needs no place leaves the places to the person
    urine = understood(client, "I can't pass urine and my lower back aches")
    region = urine.split('data-kind="region"')[1].split("</li>")[0]
    assert 'data-raise="false"' in region


def test_description_must_not_be_empty(client: TestClient) -> None:
    assert client.post("/assess/understand", json={"text": ""}).status_code == 422


def test_state_round_trips_through_the_one_parser() -> None:
    text = (
        "pain=sacrum:6,groin_r:0&yes=fever&no=limp&unsure=pain_walking&skip=pain_at_night"
        "&log=fever,limp&age=41&sex=female&show=iliopsoas:right"
    )
    assert encode_state(read(text)) == text
    assert [(p.region, p.intensity) for p in parse_pain("sacrum, groin_r:3")] == [
        ("sacrum", 5),
        ("groin_r", 3),
    ]
    with pytest.raises(EvidenceError):
        parse_pain("sacrum:lots")


@pytest.mark.parametrize("p", [0.0, 0.004, 0.0099, 0.01, 0.014, 0.5, 0.995, 1.0])
def test_one_percentage_format_on_pages_and_in_the_terminal(client: TestClient, p: float) -> None:
    env = client.app.state.myomap.templates.env  # type: ignore[attr-defined]
    macro = env.get_template("_macros.html").module.percent
    assert str(macro(p)).replace("&lt;", "<") == percent(p)


def test_assessment_page_fits_its_budget(client: TestClient) -> None:
    html = client.get("/").text
    assets = re.findall(r'(?:src|href)="(/static/[^"?]+)', html)
    assert {"/static/site.css", "/static/assess.css", "/static/assess.js"} <= set(assets)
    assets += ["/static/bodymap.js", "/static/http.js", "/static/describe.js"]  # imported
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
    assert "Emergency" in html and "Muscle self-care is hidden" in html
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
