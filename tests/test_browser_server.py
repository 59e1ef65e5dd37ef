"""Server mode in headless Chromium: a person and a clinician, as new users would try it.

The person signs up, saves an assessment from the page's own JavaScript (a same-origin
request that the origin check lets through), creates an invite code; the clinician signs
in, uses the code, reads and notes the visit; the person stops sharing and the clinician
loses access. No page breaks the Content-Security-Policy. Screenshots go to
test-artifacts/server-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from myomap.accounts.users import Accounts
from myomap.settings import Settings
from myomap.web import create_app

from browsing import ARTIFACTS, CHROMIUM, NO_CHROMIUM, chromium, served

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"

if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)

from playwright.sync_api import Browser, BrowserContext, Page  # noqa: E402


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("server")
    app = create_app(Settings(server=True, database_url=f"sqlite:///{folder / 'server.db'}"))
    accounts = Accounts(app.state.myomap.store())
    accounts.add_user("dr.lee@example.org", role="clinician")
    accounts.reset_password(
        "dr.lee@example.org", accounts.reset_token("dr.lee@example.org"), PASSWORD
    )
    with served(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def tab(browser: Browser, base_url: str, problems: list[str]) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return context, page


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"server-{name}.png"), full_page=True)


@pytest.mark.slow
def test_a_person_shares_with_a_clinician_and_revokes(browser: Browser, base_url: str) -> None:
    problems: list[str] = []
    person_context, ana = tab(browser, base_url, problems)
    ana.goto("/diary")
    assert "/login" in ana.url  # not signed in yet
    ana.goto("/signup")
    ana.fill("#email", "ana@example.org")
    ana.fill("#password", "password123")
    ana.click("button[type=submit]")
    assert "most common" in ana.locator(".form-error").inner_text()
    shot(ana, "signup-refused")
    ana.fill("#password", PASSWORD)
    ana.click("button[type=submit]")
    ana.wait_for_url(f"{base_url}/")
    assert ana.locator("nav").get_by_text("Account").count() == 1
    status = ana.evaluate(
        """async () => (await fetch('/api/v1/assessments', {method: 'POST',
             headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({evidence: {pain: [{region: 'sacrum', intensity: 6}]}})}))
             .status"""
    )
    assert status == 201  # a same-origin fetch passes the origin check
    ana.goto("/account")
    ana.get_by_role("button", name="Create an invite code").click()
    code = ana.locator("#invite-code").inner_text()
    shot(ana, "account-invite")

    clinic_context, lee = tab(browser, base_url, problems)
    lee.goto("/login")
    lee.fill("#email", "dr.lee@example.org")
    lee.fill("#password", PASSWORD)
    lee.click("button[type=submit]")
    lee.goto("/clinic")
    lee.fill("#code", code)
    lee.get_by_role("button", name="Add patient").click()
    lee.wait_for_url("**/clinic/patients/*")
    patient_url = lee.url
    assert "ana@example.org" in lee.locator("h1").inner_text()
    lee.locator("textarea").first.fill("Check quadratus lumborum next time.")
    lee.get_by_role("button", name="Save note").first.click()
    assert lee.get_by_text("Check quadratus lumborum next time.").count() == 1
    shot(lee, "clinic-patient")

    ana.goto("/account")
    assert "dr.lee@example.org" in ana.locator("table.shares").inner_text()
    ana.get_by_role("button", name="Stop sharing").click()
    ana.wait_for_url("**/account*")
    assert "revoked" in ana.locator("table.shares").inner_text()
    response = lee.goto(patient_url)
    assert response is not None and response.status == 404
    lee.goto("/docs")
    lee.wait_for_selector(".swagger-ui", timeout=15000)  # started by static/docs.js
    shot(lee, "docs")
    person_context.close()
    clinic_context.close()
    assert problems == [], problems
