"""The web app in headless Chromium (Debian's package), driven by Playwright for Python.

Screenshots go to test-artifacts/; look at them after a change to the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from myomap.settings import Settings
from myomap.web import create_app

from browsing import ARTIFACTS, CHROMIUM, NO_CHROMIUM, chromium, served

pytestmark = pytest.mark.browser

YES = {"pain_rising_from_sitting", "relief_lying_curled", "hard_to_stand_upright"}

if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]  # noqa: E402
from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    ViewportSize,
    expect,
)

DESKTOP: ViewportSize = {"width": 1280, "height": 900}


def seed_diary(url: str) -> None:
    """A few diary entries and one saved assessment, so the diary, history and downloads
    pages have something to show (charts included)."""
    today = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    for day, overall in enumerate((7, 6, 4)):
        entry = {
            "at": (today - timedelta(days=3 - day)).isoformat(),
            "overall": overall,
            "pain": {"lumbar_paraspinal_r": overall, "thigh_anterior_upper_r": overall - 2},
        }
        httpx.post(f"{url}/api/v1/diary", json=entry, timeout=30).raise_for_status()
    evidence = {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6}], "answers": {}}
    saved = httpx.post(f"{url}/api/v1/assessments", json={"evidence": evidence}, timeout=30)
    saved.raise_for_status()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a fresh SQLite database, served by uvicorn in a background thread."""
    database = tmp_path_factory.mktemp("browser") / "local.db"
    with served(create_app(Settings(database_url=f"sqlite:///{database}"))) as url:
        seed_diary(url)
        yield url


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app in server mode (accounts and sign-in), over a fresh SQLite database."""
    database = tmp_path_factory.mktemp("server") / "server.db"
    settings = Settings(server=True, database_url=f"sqlite:///{database}")
    with served(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, base_url=base_url)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], errors


def shot(page: Page, name: str, *, full: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def renders(page: Page) -> int:
    return int(page.locator("#results").get_attribute("data-renders") or 0)


def after_update(page: Page, before: int) -> None:
    """Wait until the results have been drawn again since ``before``."""
    page.wait_for_function(
        "n => Number(document.querySelector('#results').dataset.renders) > n", arg=before
    )


def load(page: Page, path: str = "/") -> None:
    """Open the assessment page and wait for its first result."""
    page.goto(path)
    page.wait_for_function("() => Number(document.querySelector('#results').dataset.renders) > 0")


def mark(page: Page, region: str) -> None:
    before = renders(page)
    page.locator(f'#figures path[data-region="{region}"]').first.click()
    after_update(page, before)


def card(page: Page) -> tuple[str, str]:
    """(question id, phase) of the question on screen; ("", "done") when none is asked."""
    question = page.locator("#question-card")
    if question.count() == 0:
        return "", "none"
    return question.get_attribute("data-id") or "", question.get_attribute("data-phase") or ""


def answer_questions(page: Page, yes: set[str], limit: int = 80) -> list[tuple[str, str]]:
    """Answer the questions one at a time: "no" to safety questions, "yes" to ``yes``,
    "not sure" to the rest. The (id, phase) asked, in order."""
    asked: list[tuple[str, str]] = []
    for _ in range(limit):
        qid, phase = card(page)
        if not qid:
            break
        asked.append((qid, phase))
        choice = "no" if phase == "safety" else "yes" if qid in yes else "unknown"
        before = renders(page)
        page.locator(f'#question-card button[data-answer="{choice}"]').click()
        after_update(page, before)
    return asked


SEED = ("lumbar_paraspinal_r", "sacroiliac_r", "thigh_anterior_upper_r")


def seed_case(page: Page) -> list[tuple[str, str]]:
    load(page)
    for region in SEED:
        mark(page, region)
    return answer_questions(page, YES)


@pytest.mark.slow
def test_safety_first_then_symptoms_reach_iliopsoas_and_its_plan(page: Page) -> None:
    load(page)
    mark(page, "lumbar_paraspinal_r")
    banner = page.locator("#triage-banner")
    expect(banner).to_contain_text("Safety check not done yet")
    expect(page.locator("#results")).not_to_contain_text("No warning signs")
    expect(page.get_by_role("link", name="Open my self-care plan")).to_have_count(0)
    expect(page.locator("#question-card")).to_have_attribute("data-phase", "safety")
    expect(page.locator('#question-card button[aria-pressed="true"]')).to_have_count(0)
    shot(page, "assessment-safety-first-desktop", full=False)
    for region in SEED[1:]:
        mark(page, region)
    asked = answer_questions(page, YES)
    phases = [phase for _, phase in asked]
    assert phases[0] == "safety" and "symptoms" in phases
    assert phases.index("symptoms") > max(i for i, p in enumerate(phases) if p == "safety")
    assert any(q in YES for q, p in asked if p == "symptoms"), asked
    first = page.locator(".candidate").first
    expect(first.locator(".candidate-name")).to_have_text("Iliopsoas, right side")
    expect(banner).not_to_contain_text("Safety check not done")
    first.get_by_role("button", name="Show the pattern of Iliopsoas").click()
    expect(page.locator("#figures g.tp-markers circle.tp")).to_have_count(3)
    page.mouse.move(0, 0)
    shot(page, "assessment-iliopsoas-desktop", full=False)
    shot(page, "assessment-iliopsoas-desktop-full")
    assert "show=iliopsoas:right" in page.url
    page.get_by_role("link", name="Open my self-care plan").click()
    expect(page.get_by_role("heading", name="Your self-care plan")).to_be_visible()
    expect(page.locator(".plan-item").first).to_contain_text("Iliopsoas, right side")


def test_back_and_skip(page: Page) -> None:
    load(page)
    mark(page, "lumbar_paraspinal_r")
    first, _ = card(page)
    before = renders(page)
    page.locator('#question-card button[data-answer="no"]').click()
    after_update(page, before)
    assert f"no={first}" in page.url and card(page)[0] != first
    before = renders(page)
    page.get_by_role("button", name="Back", exact=True).click()
    after_update(page, before)
    assert card(page)[0] == first and first not in page.url
    before = renders(page)
    page.get_by_role("button", name="Skip for now").click()
    after_update(page, before)
    assert f"skip={first}" in page.url and card(page)[0] != first
    expect(page.locator("#triage-banner")).to_contain_text("Safety check not done yet")
    expect(page.locator("#answers")).to_contain_text("Skipped:")


def test_state_survives_a_guide_and_a_reload(page: Page) -> None:
    load(page)
    mark(page, "lumbar_paraspinal_r")
    before = renders(page)
    page.locator('#question-card button[data-answer="no"]').click()
    after_update(page, before)
    page.locator(".candidate a").first.click()
    expect(page.locator("h1")).not_to_have_text("Where does it hurt?")
    page.get_by_role("link", name="Assess", exact=True).click()
    page.wait_for_function("() => Number(document.querySelector('#results').dataset.renders) > 0")
    region = page.locator('#figures path[data-region="lumbar_paraspinal_r"]')
    expect(region).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#answers li")).to_have_count(1)
    page.reload()
    page.wait_for_function("() => Number(document.querySelector('#results').dataset.renders) > 0")
    expect(region).to_have_attribute("aria-pressed", "true")
    before = renders(page)
    page.get_by_role("button", name="Start over").click()
    after_update(page, before)
    expect(region).to_have_attribute("aria-pressed", "false")
    assert "#" not in page.url
    page.goto("/muscles")
    load(page)
    page.wait_for_function("() => Number(document.querySelector('#results').dataset.renders) > 0")
    expect(region).to_have_attribute("aria-pressed", "false")


def test_emergency_takes_focus_and_hides_muscle_advice(page: Page) -> None:
    load(page)
    mark(page, "lumbar_paraspinal_r")
    assert card(page)[0] == "saddle_numbness"
    before = renders(page)
    page.locator('#question-card button[data-answer="yes"]').click()
    after_update(page, before)
    banner = page.locator("#triage-banner")
    expect(banner).to_have_class(re.compile("banner-emergency"))
    expect(banner).to_be_focused()
    expect(page.locator(".hidden-advice")).to_contain_text("Muscle self-care is hidden")
    expect(page.locator(".candidate")).to_have_count(0)
    expect(page.get_by_role("link", name="Open my self-care plan")).to_have_count(0)
    shot(page, "assessment-emergency-desktop", full=False)


SEED_TEXT = (
    "my lower back hurts on the right next to the spine, and so does the top of my thigh at "
    "the front; standing up from the sofa is hard and I walk hunched for a while; lying curled "
    "up helps; it flares when I'm constipated"
)


def describe(page: Page, text: str) -> None:
    """Type a description into the box at the top and wait for what was understood."""
    page.get_by_role("textbox", name="Describe your pain in your own words").fill(text)
    page.evaluate("() => { document.querySelector('#understood').dataset.ready = 'false'; }")
    page.get_by_role("button", name="Read my description").click()
    page.wait_for_function("() => document.querySelector('#understood').dataset.ready === 'true'")


@pytest.mark.slow
def test_description_is_confirmed_then_reaches_iliopsoas(page: Page) -> None:
    load(page)
    describe(page, SEED_TEXT)
    items = page.locator("#proposals li.proposal")
    expect(items).to_have_count(6)
    thigh = page.locator('#proposals li[data-region="thigh_anterior_upper_r"]')
    expect(thigh).to_contain_text("top of my thigh at the front")
    expect(thigh.get_by_label("Side: Front of the upper thigh")).to_have_value(
        "thigh_anterior_upper_r"
    )
    sofa = page.locator('#proposals li[data-finding="pain_rising_from_sitting"]')
    expect(sofa).to_contain_text("standing up from the sofa is hard")
    expect(sofa.locator("select")).to_have_value("yes")
    # proposals only: nothing is marked or answered before the person confirms
    lumbar = page.locator('#figures path[data-region="lumbar_paraspinal_r"]')
    expect(lumbar).to_have_attribute("aria-pressed", "false")
    assert "pain=" not in page.url and "yes=" not in page.url
    shot(page, "assessment-describe-desktop", full=False)
    before = renders(page)
    page.get_by_role("button", name="Add these to my assessment").click()
    after_update(page, before)
    expect(page.locator("#proposals")).to_have_count(0)
    expect(lumbar).to_have_attribute("aria-pressed", "true")
    for finding in (*YES, "constipation_aggravates"):
        assert finding in page.url, (finding, page.url)
    asked = answer_questions(page, YES)
    assert asked and asked[0][1] == "safety"
    expect(page.locator("#triage-banner")).not_to_contain_text("Safety check not done")
    expect(page.locator(".candidate").first.locator(".candidate-name")).to_have_text(
        "Iliopsoas, right side"
    )
    shot(page, "assessment-describe-iliopsoas-desktop", full=False)


def test_description_proposals_can_be_changed_and_removed(page: Page) -> None:
    load(page)
    describe(page, "my knee aches, quite bad. blah wibble")
    regions = page.locator('#proposals li[data-kind="region"]')
    expect(regions).to_have_count(2)
    expect(page.locator(".not-understood")).to_contain_text("blah wibble")
    left = page.locator('#proposals li[data-region="knee_anterior_l"]')
    expect(left).to_contain_text("side not said")
    left.get_by_role("button", name="Remove").click()
    expect(regions).to_have_count(1)
    page.get_by_label("Pain out of 10: Kneecap").select_option("7")
    before = renders(page)
    page.get_by_role("button", name="Add these to my assessment").click()
    after_update(page, before)
    assert "pain=knee_anterior_r:7" in page.url and "knee_anterior_l" not in page.url
    assert "yes=pain_deep_aching" in page.url


def test_red_flag_words_raise_the_banner_before_confirmation(page: Page) -> None:
    load(page)
    describe(page, "I can't pass urine and it's numb around my bottom")
    banner = page.locator("#describe-banner")
    expect(banner).to_have_class(re.compile("banner-emergency"))
    expect(banner).to_be_focused()
    expect(banner).to_contain_text("can't pass urine")
    expect(banner).to_contain_text("Go to an emergency department now")
    # retention, trouble passing urine (from the same words) and saddle numbness, not yet confirmed
    expect(page.locator("#proposals li.warning")).to_have_count(3)
    expect(page.locator("#triage-banner")).to_have_class(re.compile("banner-emergency"))
    expect(page.locator(".candidate")).to_have_count(0)
    shot(page, "assessment-describe-emergency-desktop", full=False)


def test_the_page_counts_the_place_a_warning_signs_rule_needs(page: Page) -> None:
    load(page)
    describe(page, "My lower back hurts all night and no position helps")
    expect(page.locator("#describe-banner")).to_have_class(re.compile("banner-urgent"))
    # the back counts at once with the sign, so the result says what the banner says
    expect(page.locator("#triage-banner")).to_have_class(re.compile("banner-urgent"))
    lumbar = page.locator('#figures path[data-region="lumbar_paraspinal_r"]')
    expect(lumbar).to_have_attribute("aria-pressed", "true")
    # removing the place takes it back
    page.locator('#proposals li[data-region="lumbar_paraspinal_r"]').get_by_role(
        "button", name="Remove"
    ).click()
    expect(lumbar).to_have_attribute("aria-pressed", "false")
    shot(page, "assessment-describe-night-pain-desktop", full=False)


def test_a_reason_that_needs_the_age_links_to_the_age_field(page: Page) -> None:
    """A rule of an age band that counts because no age was given says how to settle it;
    the link focuses the age field and keeps the state the URL holds."""
    load(page, "/#pain=lumbar_paraspinal_r:5&yes=night_pain_unrelieved")
    link = page.locator("#triage-banner a", has_text="Give your age")
    expect(link).to_have_count(1)
    shot(page, "assessment-age-unknown-desktop", full=False)
    link.click()
    expect(page.locator("#age")).to_be_focused()
    assert "night_pain_unrelieved" in page.url
    before = renders(page)
    page.keyboard.type("45")
    page.keyboard.press("Tab")
    after_update(page, before)
    expect(link).to_have_count(0)
    expect(page.locator("#triage-banner")).not_to_contain_text("age was not given")


def focused_region(page: Page) -> str:
    return str(
        page.evaluate(
            "() => document.activeElement.matches('path.region') ?"
            " document.activeElement.dataset.region : ''"
        )
    )


def tab_until(page: Page, test: str, limit: int = 40) -> int:
    """Press Tab until the JS predicate ``test`` holds for the focused element; the count."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return {test}; }}"):
            return count
    raise AssertionError(f"Tab never reached {test}")


def arrow_to(page: Page, region: str, limit: int = 40) -> int:
    """Move with the arrow keys to ``region`` on the focused figure; the presses."""
    for count in range(limit + 1):
        if focused_region(page) == region:
            return count
        dx, dy = page.evaluate(
            """target => {
                const a = document.activeElement.getBBox();
                const svg = document.activeElement.ownerSVGElement;
                const b = svg.querySelector(`path.region[data-region="${target}"]`).getBBox();
                const dx = b.x + b.width / 2 - a.x - a.width / 2;
                return [dx, b.y + b.height / 2 - a.y - a.height / 2];
            }""",
            region,
        )
        horizontal = abs(dx) > abs(dy)
        key = (
            ("ArrowRight" if dx > 0 else "ArrowLeft")
            if horizontal
            else ("ArrowDown" if dy > 0 else "ArrowUp")
        )
        page.keyboard.press(key)
    raise AssertionError(f"the arrow keys never reached {region}")


@pytest.mark.slow
def test_keyboard_only_seed_case_reaches_iliopsoas(page: Page) -> None:
    load(page)
    tabs = tab_until(page, "el.matches('path.region')")
    assert page.evaluate("() => document.activeElement.closest('figure').dataset.view") == "front"
    expect(page.locator("#tooltip")).to_be_visible()
    arrows = arrow_to(page, "thigh_anterior_upper_r")
    before = renders(page)
    page.keyboard.press("Enter")
    after_update(page, before)
    tabs += tab_until(page, "el.matches('path.region')")
    assert page.evaluate("() => document.activeElement.closest('figure').dataset.view") == "back"
    for region in ("lumbar_paraspinal_r", "sacroiliac_r"):
        arrows += arrow_to(page, region)
        before = renders(page)
        page.keyboard.press(" " if region == "sacroiliac_r" else "Enter")
        after_update(page, before)
    for region in SEED:
        expect(page.locator(f'#figures path[data-region="{region}"]')).to_have_attribute(
            "aria-pressed", "true"
        )
    tabs += tab_until(page, "el.matches('#question-card .choice')")
    asked: list[tuple[str, str]] = []
    for _ in range(80):
        qid, phase = card(page)
        if not qid:
            break
        asked.append((qid, phase))
        presses = 2 if phase == "safety" else 1 if qid in YES else 3  # No / Yes / Not sure
        if page.evaluate("() => document.activeElement.matches('#question-card .choice')"):
            presses -= 1  # already on "Yes"
        for _ in range(presses):
            page.keyboard.press("Tab")
        tabs += presses
        before = renders(page)
        page.keyboard.press("Enter")
        after_update(page, before)
    assert any(p == "symptoms" and q in YES for q, p in asked), asked
    expect(page.locator(".candidate").first.locator(".candidate-name")).to_have_text(
        "Iliopsoas, right side"
    )
    safety = sum(p == "safety" for _, p in asked)
    print(
        f"keyboard run: {tabs} Tabs, {arrows} arrow keys, {safety} safety and "
        f"{len(asked) - safety} symptom questions"
    )
    shot(page, "assessment-keyboard-desktop", full=False)


TAP = 24


def test_phone_every_target_is_thumb_sized(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    tab = context.new_page()
    tab.goto("/#pain=lumbar_paraspinal_r:6,sacroiliac_r:5,thigh_anterior_upper_r:4")
    tab.wait_for_function("() => Number(document.querySelector('#results').dataset.renders) > 0")
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390
    expect(tab.locator("#sheet")).to_be_visible()
    expect(tab.locator("#sheet")).to_contain_text("Safety check not done")
    shot(tab, "assessment-phone", full=False)
    smallest: tuple[float, str] = (1e9, "")
    measured = 0
    for view in ("front", "back"):
        tab.get_by_role("button", name=f"{view.capitalize()} view").click()
        figure = tab.locator(f"figure.figure-{view}")
        parts = figure.locator(".zoom-part[data-box]")
        for i in range(parts.count()):
            part = parts.nth(i)
            part.click()
            pid = part.get_attribute("data-part")
            sizes = figure.evaluate(
                """(fig, pid) => [...fig.querySelectorAll(`path.region[data-part="${pid}"]`)]
                  .map(p => { const r = p.getBoundingClientRect();
                              return [Math.min(r.width, r.height), p.dataset.region]; })""",
                pid,
            )
            for side, region in sizes:
                measured += 1
                smallest = min(smallest, (side, f"{view}/{region}"))
            if view == "back" and pid == "lower_trunk":
                shot(tab, "assessment-phone-zoom-low-back", full=False)
    print(
        f"phone 390x844: {measured} targets measured, smallest {smallest[0]:.1f} px ({smallest[1]})"
    )
    assert measured >= 170
    assert smallest[0] >= TAP, smallest
    # a tap on the whole figure zooms in instead of marking a tiny target
    tab.get_by_role("button", name="Front view").click()
    tab.locator("figure.figure-front .zoom-part").first.click()
    tab.locator('figure.figure-front path[data-region="ankle_medial_r"]').click()
    expect(tab.locator("figure.figure-front")).to_have_attribute("data-zoom", "feet")
    context.close()


def test_phone_shows_the_pattern_next_to_the_results(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    tab = context.new_page()
    tab.goto("/#pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&no=fever")
    tab.wait_for_function("() => Number(document.querySelector('#results').dataset.renders) > 0")
    before = renders(tab)
    tab.get_by_role("button", name="Show the pattern of Iliopsoas, right side on the body").click()
    after_update(tab, before)
    card = tab.locator(".candidate.shown")
    expect(card).to_have_attribute("data-muscle", "iliopsoas")
    detail = card.locator(".pattern-detail svg")
    expect(detail).to_have_count(2)
    card.scroll_into_view_if_needed()
    box = detail.first.bounding_box()
    assert box is not None and box["width"] >= 120 and box["y"] + box["height"] <= 844
    expect(card.locator(".pattern-detail circle.tp")).to_have_count(3)
    shot(tab, "assessment-phone-pattern-in-card", full=False)
    context.close()


def test_muscle_pages(page: Page) -> None:
    page.goto("/muscles")
    page.get_by_label("Search muscles").fill("psoas")
    expect(page.locator(".az li:visible")).to_have_count(1)
    expect(page.locator("#search-status")).to_have_text("1 muscle match.")
    shot(page, "muscles-search-desktop")
    page.locator(".az li:visible a").click()
    expect(page.get_by_role("heading", name="Iliopsoas", level=1)).to_be_visible()
    expect(page.locator("svg circle.tp")).to_have_count(3)
    shot(page, "muscle-iliopsoas-desktop")


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


RED_TEXT = "I can't pass urine and it's numb around my bottom"
AXE_PAGES = {
    "assess-empty": "/",
    "assess-marked": "/#pain=lumbar_paraspinal_r:6,sacroiliac_r:5,thigh_anterior_upper_r:4",
    "assess-emergency": (
        "/#pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&yes=saddle_numbness"
    ),
    "assess-pattern-shown": (
        "/#pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&no=fever&show=iliopsoas:right"
    ),
    "assess-described": "describe:seed",
    "assess-described-red-flag": "describe:red",
    "muscle-index": "/muscles",
    "muscle-guide": "/muscles/iliopsoas",
    "plan": "/plan?state=pain%3Dlumbar_paraspinal_r%3A6%2Cthigh_anterior_upper_r%3A4",
    "diary": "/diary",
    "history": "/history",
    "saved-assessments": "/assessments",
    "downloads": "/downloads",
    "sign-in": "server:/login",
    "sign-up": "server:/signup",
}
"""Every page a person sees, by name: "describe:" types a description on the assessment
page, "server:" opens the page of the app in server mode."""


def open_for_axe(page: Page, path: str) -> None:
    """Open ``path`` and bring the page to the state to check (details open, results drawn)."""
    if path.startswith("describe:"):
        load(page)
        describe(page, SEED_TEXT if path.endswith("seed") else RED_TEXT)
    elif path.startswith("/#") or path == "/":
        load(page, path)
    else:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    for details in page.locator("details").all():
        details.evaluate("el => el.open = true")


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_serious_violations(
    browser: Browser, base_url: str, server_url: str, name: str
) -> None:
    """Each page at desktop width, then the same page narrowed to a phone's (one load: the
    layout follows the width through CSS, so the phone check sees the phone layout)."""
    path = AXE_PAGES[name]
    url = server_url if path.startswith("server:") else base_url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=url)
    page = context.new_page()
    open_for_axe(page, path.removeprefix("server:"))
    problems = {}
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("window.innerWidth") == width
        results = Axe().run(page)
        problems[width] = serious(results.response["violations"])
        print(f"axe {name} at {width} px: {len(problems[width])} serious or critical")
    context.close()
    assert problems == {1280: [], 390: []}
