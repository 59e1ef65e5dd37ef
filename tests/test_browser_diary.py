"""The diary pages in headless Chromium: a week of entries through the page, the history
with its charts, delete and undo, a changed entry, the PDF, and accessibility checks.

Screenshots and the downloaded PDF go to test-artifacts/; look at them after a change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from myomap.settings import Settings
from myomap.web import create_app

from browsing import ARTIFACTS, CHROMIUM, NO_CHROMIUM, chromium, served

pytestmark = pytest.mark.browser


if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]  # noqa: E402
from playwright.sync_api import Browser, Page, expect  # noqa: E402

from test_browser import DESKTOP, serious, shot  # noqa: E402

REGIONS = [
    ("lumbar_paraspinal_r", "thigh_anterior_upper_r"),
    ("lumbar_paraspinal_r", "groin_r"),
    ("lumbar_paraspinal_r", "buttock_upper_r"),
    ("lumbar_paraspinal_r", "thigh_anterior_upper_r"),
    ("lumbar_paraspinal_r",),
    ("lumbar_paraspinal_r", "groin_r"),
    ("lumbar_paraspinal_r",),
]
OVERALL = [7, 6, 6, 5, 4, 3, 2]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app, over a fresh SQLite database, served by uvicorn in a background thread."""
    database = tmp_path_factory.mktemp("diary") / "diary.db"
    with served(create_app(Settings(database_url=f"sqlite:///{database}"))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, base_url=base_url, accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], errors


def save_an_assessment(page: Page) -> None:
    page.goto("/#pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&no=fever")
    page.wait_for_function("() => Number(document.querySelector('#results').dataset.renders) > 0")
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.locator("#save-status")).to_contain_text("Saved. Find it under")
    shot(page, "assessment-saved-to-diary", full=False)


def add_entry(page: Page, day: int, at: datetime) -> None:
    page.locator("#at").fill(at.strftime("%Y-%m-%dT%H:%M"))
    first, *others = REGIONS[day]
    page.locator(f'#figures path[data-region="{first}"]').first.click()
    page.locator("#intensity").fill(str(OVERALL[day]))
    if others:  # the list alternative to the figures
        page.locator("#region-list").evaluate("el => el.open = true")
    for region in others:
        page.locator(f'#region-list input[data-region="{region}"]').check()
    page.get_by_role("radio", name=str(OVERALL[day]), exact=True).check()
    page.get_by_label("aching").check()
    if day % 2:
        page.locator('input[name="self_care_done"][value="iliopsoas/stretch/1"]').check()
    page.locator("#care-other").fill("walk 20 min" if day % 3 == 0 else "")
    page.locator("#triggers").fill("long drive" if day == 2 else "")
    page.locator("#note").fill(f"Day {day + 1} of the week.")
    saved = int(page.locator("#entry-form").get_attribute("data-saved") or 0)
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator("#entry-form")).to_have_attribute("data-saved", str(saved + 1))
    expect(page.locator("#status")).to_contain_text(f"overall {OVERALL[day]}")


@pytest.mark.slow
def test_a_week_in_the_diary(page: Page) -> None:
    save_an_assessment(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Diary").click()
    expect(page.get_by_role("heading", name="How is your pain?")).to_be_visible()
    expect(page.locator('input[name="self_care_done"]').first).to_be_visible()

    # Errors name the field, and nothing is stored.
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator("#form-errors")).to_contain_text("Overall pain: choose a number")
    future = datetime.now() + timedelta(days=400)
    page.locator("#at").fill(future.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("radio", name="4", exact=True).check()
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator("#form-errors")).to_contain_text("When:")
    expect(page.locator("#form-errors")).to_contain_text("in the future")
    expect(page.locator("#at")).to_have_attribute("aria-invalid", "true")
    shot(page, "diary-error", full=False)
    page.locator("#at").fill(datetime.now().strftime("%Y-%m-%dT%H:%M"))
    page.locator("#triggers").fill("x" * 250)  # refused by the server, not the page
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator("#form-errors")).to_contain_text("What may have set it off:")
    expect(page.locator("#triggers-error")).to_contain_text("longer than 200 characters")
    page.reload()

    start = (datetime.now() - timedelta(days=6)).replace(hour=8, minute=30)
    for day in range(7):
        add_entry(page, day, start + timedelta(days=day))
    # A second entry on the last day: several a day are fine.
    page.locator("#at").fill((start + timedelta(days=6, hours=10)).strftime("%Y-%m-%dT%H:%M"))
    page.locator('#figures path[data-region="lumbar_paraspinal_r"]').first.click()
    page.locator("#intensity").fill("3")
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_label("stiff").check()
    expect(page.locator("#pain-summary")).to_contain_text("low back beside the spine (right) 3")
    shot(page, "diary-entry-desktop")
    page.get_by_role("button", name="Save the entry").click()
    expect(page.locator("#status")).to_contain_text("overall 3")

    page.get_by_role("link", name="See your history").click()
    expect(page.get_by_role("heading", name="Your pain history")).to_be_visible()
    expect(page.locator("li.entry")).to_have_count(8)
    expect(page.locator(".chart svg")).to_have_count(3)
    expect(page.locator(".maps svg")).to_have_count(4)
    expect(page.locator("table.effects")).to_contain_text("Stretch:")
    expect(page.locator("li.entry").first).to_contain_text("stiff")
    shot(page, "history-desktop")

    # Delete with confirmation, then undo.
    third = page.locator("li.entry").nth(2)
    note = third.locator(".entry-note").inner_text()
    third.get_by_role("button", name="Delete the entry").click()
    expect(third.locator(".confirm")).to_be_visible()
    third.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator("#undo-bar")).to_be_visible()
    expect(page.locator("li.entry")).to_have_count(7)
    expect(page.locator("#entries")).not_to_contain_text(note)
    shot(page, "history-deleted-undo", full=False)
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("The entry is back.")).to_be_visible()
    expect(page.locator("li.entry")).to_have_count(8)
    expect(page.locator("#entries")).to_contain_text(note)

    # Change an entry.
    page.locator("li.entry").first.get_by_role("link", name="Change the entry").click()
    expect(page.get_by_role("radio", name="3", exact=True)).to_be_checked()
    expect(page.get_by_label("stiff")).to_be_checked()
    page.get_by_role("radio", name="2", exact=True).check()
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()
    expect(page.locator("li.entry").first.locator(".overall-badge")).to_have_text("2")

    # The PDF for the clinician.
    page.goto("/downloads")
    shot(page, "downloads-desktop")
    page.get_by_label("Name on the report").fill("Ana Lima")
    with page.expect_download() as info:
        page.get_by_role("button", name="PDF report").click()
    assert re.fullmatch(r"myomap-report-\d{4}-\d\d-\d\d\.pdf", info.value.suggested_filename)
    pdf = ARTIFACTS / "diary-report.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    page.goto("/assessments")
    expect(page.locator("table.assessments tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Open the assessment").click()
    expect(page.get_by_role("heading", name="Pain map")).to_be_visible()
    shot(page, "assessment-saved-desktop")
    page.get_by_role("link", name="Re-run on today's atlas").click()
    expect(page.get_by_text("Nothing changed.")).to_be_visible()


def test_a_corrupt_import_is_refused(page: Page, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "myomap-diary", "version": 1, "entries": [{"id": 1}]}')
    page.goto("/downloads")
    page.locator("#import-file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-status")).to_contain_text("nothing was imported")


@pytest.mark.parametrize("path", ["/diary", "/history", "/assessments", "/downloads"])
def test_axe_finds_no_serious_violations(page: Page, path: str) -> None:
    if not page.request.get("/api/v1/diary").json():  # this worker's diary is still empty
        for day, overall in ((2, 6), (1, 4)):
            at = (datetime.now() - timedelta(days=day)).isoformat(timespec="minutes")
            entry = {"at": at, "overall": overall, "pain": {"sacrum": overall}}
            assert page.request.post("/api/v1/diary", data=entry).ok
    page.goto(path)
    if path == "/diary":
        page.locator("#region-list").evaluate("el => el.open = true")
    results = Axe().run(page)
    assert serious(results.response["violations"]) == []


def test_phone_width(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    tab = context.new_page()
    for path, name in (("/diary", "diary-phone"), ("/history", "history-phone")):
        tab.goto(path)
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390, path
        shot(tab, name)
    context.close()
