"""A clinician's optional second factor (TOTP): turned on only with a current code from
the new secret, then needed at every sign-in (form and API), a code good once, wrong
codes slowed by the per-account back-off, turned off only with a current code, and for
clinicians only."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pyotp
import pytest
from fastapi import FastAPI
from servers import (
    PASSWORD,
    SAME_ORIGIN,
    anonymous,
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    signed_in,
)

from myomap.accounts.users import Accounts
from myomap.db import Store
from myomap.db.tables import UserRow
from myomap.errors import Forbidden

EMAIL = "dr.ana@example.org"
LOGIN = {"email": EMAIL, "password": PASSWORD}


def later(secret: str, steps: int = 1) -> str:
    """The code of a later 30-second step (still accepted: one step of clock drift)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps)


def turn_on(app: FastAPI, store: Store) -> tuple[str, Any]:
    """A clinician with two-step sign-in on: (the secret, their browser)."""
    make_user(store, EMAIL, role="clinician")
    browser = signed_in(app, store, EMAIL)
    shown = browser.post("/account/totp")
    assert shown.status_code == 200
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', shown.text)
    assert secret is not None
    confirmed = browser.post("/account/totp/confirm", data={"code": pyotp.TOTP(secret[1]).now()})
    assert confirmed.status_code == 200 and "Two-step sign-in is on" in confirmed.text
    return secret[1], browser


def totp_row(store: Store) -> UserRow:
    with store.reading() as session:
        row = session.get(UserRow, Accounts(store).by_email(EMAIL).id)
        assert row is not None
        return row


def test_turning_it_on_needs_a_current_code_and_the_secret_is_shown_once(
    tmp_path: Path,
) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, EMAIL, role="clinician")
        browser = signed_in(app, store, EMAIL)
        assert "Set up two-step sign-in" in browser.get("/account").text
        shown = browser.post("/account/totp")
        found = re.search(r'id="totp-secret">([A-Z2-7]+)<', shown.text)
        assert found is not None
        secret = found[1]
        assert f"otpauth://totp/myomap:{EMAIL.replace('@', '%40')}?secret={secret}" in shown.text
        assert totp_row(store).totp_secret is None  # not on before it is confirmed
        wrong = str((int(pyotp.TOTP(secret).now()) + 1) % 1_000_000).zfill(6)
        refused = browser.post("/account/totp/confirm", data={"code": wrong})
        assert refused.status_code == 422 and "not right" in refused.text
        assert secret not in refused.text  # never shown again
        assert totp_row(store).totp_secret is None
        confirmed = browser.post("/account/totp/confirm", data={"code": pyotp.TOTP(secret).now()})
        assert confirmed.status_code == 200 and "Two-step sign-in is on" in confirmed.text
        assert totp_row(store).totp_secret == secret  # kept server-side …
        page = browser.get("/account").text
        assert secret not in page and "is <strong>on</strong>" in page  # … not shown again
        assert secret not in browser.get("/account/export.json").text
        assert secret not in browser.get("/api/v1/account").text


def test_sign_in_needs_the_right_code_once(tmp_path: Path) -> None:
    with server_app(tmp_path, login_limit=0) as (app, store):
        secret, _ = turn_on(app, store)
        api = anonymous(app)
        missing = api.post("/api/v1/auth/login", json=LOGIN)
        assert missing.status_code == 401 and "6-digit code" in missing.text
        wrong = str((int(later(secret)) + 1) % 1_000_000).zfill(6)
        bad = api.post("/api/v1/auth/login", json={**LOGIN, "code": wrong})
        assert bad.status_code == 401 and "code" in bad.text and "access_token" not in bad.text
        code = later(secret)
        good = api.post("/api/v1/auth/login", json={**LOGIN, "code": code})
        assert good.status_code == 200 and good.json()["token_type"] == "bearer", good.text
        replay = api.post("/api/v1/auth/login", json={**LOGIN, "code": code})
        assert replay.status_code == 401 and "works once" in replay.text
        older = api.post("/api/v1/auth/login", json={**LOGIN, "code": pyotp.TOTP(secret).now()})
        assert older.status_code == 401  # a code older than the last one used is stale too


def test_the_sign_in_form_asks_for_the_code(tmp_path: Path) -> None:
    with server_app(tmp_path, login_limit=0) as (app, store):
        secret, _ = turn_on(app, store)
        form = anonymous(app)
        no_code = form.post("/login", data=LOGIN, headers=SAME_ORIGIN, follow_redirects=False)
        assert no_code.status_code == 401 and "6-digit code" in no_code.text
        code = later(secret)
        with_code = form.post(
            "/login", data={**LOGIN, "code": code}, headers=SAME_ORIGIN, follow_redirects=False
        )
        assert with_code.status_code == 303
        replay = anonymous(app).post(
            "/login", data={**LOGIN, "code": code}, headers=SAME_ORIGIN, follow_redirects=False
        )
        assert replay.status_code == 401 and "works once" in replay.text


def test_guessing_codes_meets_the_per_account_back_off(tmp_path: Path) -> None:
    with server_app(tmp_path, login_limit=0) as (app, store):
        secret, _ = turn_on(app, store)
        right = later(secret)
        wrong = str((int(right) + 1) % 1_000_000).zfill(6)
        answers = [
            anonymous(app).post("/api/v1/auth/login", json={**LOGIN, "code": wrong}).status_code
            for _ in range(7)
        ]
        assert answers == [401] * 5 + [429] * 2
        # The right password and code wait too, from a browser the account does not know.
        waiting = anonymous(app).post("/api/v1/auth/login", json={**LOGIN, "code": right})
        assert waiting.status_code == 429


def test_turning_it_off_needs_a_current_code(tmp_path: Path) -> None:
    with server_app(tmp_path, login_limit=0) as (app, store):
        secret, browser = turn_on(app, store)
        used = pyotp.TOTP(secret).now()  # the code that turned it on
        again = browser.post("/account/totp/disable", data={"code": used})
        assert again.status_code == 422 and totp_row(store).totp_secret == secret
        off = browser.post("/account/totp/disable", data={"code": later(secret)})
        assert off.status_code == 200 and "Two-step sign-in is off" in off.text
        assert totp_row(store).totp_secret is None
        plain = anonymous(app).post("/api/v1/auth/login", json=LOGIN)
        assert plain.status_code == 200


def test_a_reset_code_does_not_skip_the_second_factor(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        turn_on(app, store)
        code = Accounts(store).reset_token(EMAIL)
        new = {"email": EMAIL, "code": code, "password": "velvet harbour lantern"}
        browser = anonymous(app)
        reset = browser.post("/reset", data=new, headers=SAME_ORIGIN, follow_redirects=False)
        assert reset.status_code == 303 and reset.headers["location"] == "/login"
        assert browser.get("/account", follow_redirects=False).status_code == 303


def test_people_cannot_turn_it_on(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        person = signed_in(app, store, "ana@example.org")
        assert "Two-step sign-in" not in person.get("/account").text
        assert person.post("/account/totp").status_code == 403
        assert person.post("/account/totp/confirm", data={"code": "123456"}).status_code == 403
        user = Accounts(store).by_email("ana@example.org")
        with pytest.raises(Forbidden):  # the store refuses too, not only the route
            Accounts(store).begin_totp(user.id)
