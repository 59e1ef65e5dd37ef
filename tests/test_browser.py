"""The web app in headless Chromium (Debian's package), driven by Playwright for Python.

Screenshots go to test-artifacts/; look at them after a change to the pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

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


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The app served by uvicorn in a background thread."""
    with served(create_app()) as url:
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


def mark(page: Page, region: str) -> None:
    before = renders(page)
    page.locator(f'#figures path[data-region="{region}"]').first.click()
    after_update(page, before)


def answer_questions(page: Page, yes: set[str], limit: int = 12) -> list[str]:
    """Answer the next questions until none is left; return the ids asked."""
    asked: list[str] = []
    for _ in range(limit):
        card = page.locator("#question .question")
        if card.count() == 0:
            break
        qid = card.get_attribute("data-id") or ""
        asked.append(qid)
        choice = "yes" if qid in yes else "unknown"
        if card.locator(f'button[data-answer="{choice}"]').count() == 0:
            choice = "no"  # region questions have no "not sure"
        before = renders(page)
        card.locator(f'button[data-answer="{choice}"]').click()
        after_update(page, before)
    return asked


def iliopsoas_case(page: Page) -> None:
    page.goto("/")
    mark(page, "lumbar_paraspinal_r")
    mark(page, "thigh_anterior_upper_r")
    answer_questions(page, YES)


def test_iliopsoas_first_then_its_plan(page: Page) -> None:
    iliopsoas_case(page)
    first = page.locator(".candidate").first
    expect(first.locator(".candidate-name")).to_have_text("Iliopsoas, right side")
    expect(first.locator(".why")).to_contain_text("low back beside the spine (right) (essential)")
    expect(page.locator("#triage .banner-self_care")).to_be_visible()
    expect(page.locator("#answers")).to_contain_text("Yes")

    first.get_by_role("button", name="Show the pattern of Iliopsoas").click()
    expect(page.locator("#figures g.tp-markers circle.tp")).to_have_count(3)
    expect(page.locator('#figures path[data-region="groin_r"].zone-spillover')).to_have_count(1)
    page.mouse.move(0, 0)
    shot(page, "assessment-iliopsoas-desktop", full=False)
    shot(page, "assessment-iliopsoas-desktop-full")
    assert "show=iliopsoas:right" in page.url

    page.reload()
    expect(page.locator(".candidate").first.locator(".candidate-name")).to_have_text(
        "Iliopsoas, right side"
    )
    expect(page.locator('#figures path[data-region="lumbar_paraspinal_r"]')).to_have_attribute(
        "aria-pressed", "true"
    )

    page.get_by_role("link", name="Open my self-care plan").click()
    expect(page.get_by_role("heading", name="Your self-care plan")).to_be_visible()
    expect(page.locator(".plan-item").first).to_contain_text("Iliopsoas, right side")
    expect(page.locator(".plan-item").first).to_contain_text("Kneeling lunge")
    shot(page, "plan-iliopsoas-desktop")


def test_changing_and_removing_an_answer(page: Page) -> None:
    iliopsoas_case(page)
    select = page.locator('#answers select[data-question="relief_lying_curled"]')
    before = renders(page)
    select.select_option("no")
    after_update(page, before)
    assert "no=relief_lying_curled" in page.url
    before = renders(page)
    page.get_by_role("button", name="Remove the answer to: Does lying").click()
    after_update(page, before)
    assert "relief_lying_curled" not in page.url


def test_red_flag_shows_emergency_and_hides_muscle_advice(page: Page) -> None:
    page.goto("/")
    mark(page, "lumbar_paraspinal_r")
    mark(page, "thigh_anterior_upper_r")
    item = page.locator('#safety li[data-id="saddle_numbness"]')
    expect(item).to_be_visible()
    before = renders(page)
    item.locator('button[data-answer="yes"]').click()
    after_update(page, before)
    banner = page.locator("#triage .banner-emergency")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Go to an emergency department now")
    expect(page.locator("#candidates")).to_be_hidden()
    expect(page.locator("#question .question")).to_have_count(0)
    expect(page.locator("#plan-row")).to_be_hidden()
    shot(page, "assessment-emergency-desktop")


def test_keyboard_only(page: Page) -> None:
    page.goto("/")
    focused = ""
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.matches('path.region') ?"
            " document.activeElement.dataset.region : ''"
        )
        if focused:
            break
    assert focused, "Tab never reached a body region"
    region = page.locator(f'#figures path[data-region="{focused}"]').first
    expect(page.locator("#tooltip")).to_be_visible()
    before = renders(page)
    page.keyboard.press("Enter")
    after_update(page, before)
    expect(region).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#status")).not_to_be_empty()
    assert f"pain={focused}:5" in page.url
    before = renders(page)
    page.keyboard.press("Space")
    after_update(page, before)
    expect(region).to_have_attribute("aria-pressed", "false")

    page.keyboard.press("Enter")
    page.locator("#region-list summary").focus()
    page.keyboard.press("Enter")
    box = page.locator('#region-list input[data-region="groin_r"]')
    box.focus()
    before = renders(page)
    page.keyboard.press("Space")
    after_update(page, before)
    expect(page.locator('#figures path[data-region="groin_r"]')).to_have_attribute(
        "aria-pressed", "true"
    )


def test_phone_width(browser: Browser, base_url: str) -> None:
    for width in (390, 360):
        context = browser.new_context(viewport={"width": width, "height": 844}, base_url=base_url)
        tab = context.new_page()
        tab.goto("/#pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&show=iliopsoas:right")
        expect(tab.locator(".candidate").first).to_be_visible()
        overflow = tab.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= width
        if width == 390:
            shot(tab, "assessment-iliopsoas-phone", full=False)
            shot(tab, "assessment-iliopsoas-phone-full")
            tab.goto("/muscles/iliopsoas")
            shot(tab, "muscle-iliopsoas-phone")
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


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/#pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&yes=saddle_numbness",
        "/#pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&no=fever&show=iliopsoas:right",
        "/muscles",
        "/muscles/iliopsoas",
        "/plan?state=pain%3Dlumbar_paraspinal_r%3A6%2Cthigh_anterior_upper_r%3A4",
    ],
)
def test_axe_finds_no_serious_violations(page: Page, path: str) -> None:
    page.goto(path)
    if path.startswith("/#"):
        page.wait_for_function(
            "() => Number(document.querySelector('#results').dataset.renders) > 0"
        )
        page.locator("#region-list").evaluate("el => el.open = true")
    results = Axe().run(page)
    assert serious(results.response["violations"]) == []
