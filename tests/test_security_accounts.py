"""Accounts under attack: password guessing that slows the guesser but never locks the
owner out, throttled password re-checks, and session hygiene (idle timeout, absolute
lifetime, a new session id after a password change, ``__Host-`` cookies, a list of
sessions the person can revoke)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from servers import (
    PASSWORD,
    SAME_ORIGIN,
    anonymous,
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    signed_in,
    token_client,
)
from sqlalchemy import select, update

from myomap.accounts import throttle
from myomap.accounts.users import Accounts
from myomap.db.tables import AuditRow, SessionRow
from myomap.diary.when import now
from myomap.web.platform.principal import DEVICE_COOKIE, SESSION_COOKIE

WRONG = {"email": "ana@example.org", "password": "wrong wrong wrong"}
RIGHT = {"email": "ana@example.org", "password": PASSWORD}


def failures(store: object, action: str = "login") -> int:
    with store.reading() as session:  # type: ignore[attr-defined]
        rows = session.scalars(
            select(AuditRow).where(AuditRow.action == action, AuditRow.ok.is_(False))
        ).all()
    return len(rows)


def test_guessing_slows_the_guesser_and_the_owner_still_gets_in(tmp_path: Path) -> None:
    with server_app(tmp_path, login_limit=0) as (app, store):
        make_user(store, "ana@example.org")
        owner = anonymous(app)
        first = owner.post("/login", data=RIGHT, headers=SAME_ORIGIN, follow_redirects=False)
        assert first.status_code == 303 and DEVICE_COOKIE in owner.cookies
        # A guesser rotating addresses and browsers: five tries, then the back-off.
        codes = [anonymous(app).post("/api/v1/auth/login", json=WRONG) for _ in range(8)]
        assert [c.status_code for c in codes] == [401] * 5 + [429] * 3
        assert 0 < int(codes[-1].headers["retry-after"]) <= 30
        assert failures(store) == 5  # refused attempts are not counted: waiting is enough
        # Even the right password waits from an unknown browser …
        assert anonymous(app).post("/api/v1/auth/login", json=RIGHT).status_code == 429
        # A made-up device cookie does not help the guesser …
        stranger = anonymous(app)
        stranger.cookies.set(DEVICE_COOKIE, owner.cookies[DEVICE_COOKIE] + "x")
        assert stranger.post("/api/v1/auth/login", json=RIGHT).status_code == 429
        # … but the owner's own browser, which signed in before, gets in at once.
        again = owner.post("/login", data=RIGHT, headers=SAME_ORIGIN, follow_redirects=False)
        assert again.status_code == 303


def test_a_reset_code_always_works_and_starts_the_count_afresh(tmp_path: Path) -> None:
    with server_app(tmp_path, login_limit=0) as (app, store):
        make_user(store, "ana@example.org")
        for _ in range(6):
            anonymous(app).post("/api/v1/auth/login", json=WRONG)
        assert anonymous(app).post("/api/v1/auth/login", json=RIGHT).status_code == 429
        code = Accounts(store).reset_token("ana@example.org")
        reset = {"email": "ana@example.org", "code": code, "password": "a new long phrase"}
        assert anonymous(app).post("/api/v1/auth/reset", json=reset).status_code == 204
        fresh = {"email": "ana@example.org", "password": "a new long phrase"}
        assert anonymous(app).post("/api/v1/auth/login", json=fresh).status_code == 200


def test_the_wait_doubles_and_is_bounded(tmp_path: Path) -> None:
    assert [int(throttle.delay_after(n).total_seconds()) for n in (4, 5, 6, 7, 30)] == [
        0,
        30,
        60,
        120,
        900,
    ]
    with server_app(tmp_path) as (_, store):
        stamp = now()
        with store.writing() as session:
            for ago in (300, 200, 100, 90, 80, 45):  # six failures, the last 45 s ago
                session.add(
                    AuditRow(
                        at=stamp - timedelta(seconds=ago),
                        user_id=None,
                        action="login",
                        subject="ana@example.org",
                        ok=False,
                        ip="",
                        detail="",
                    )
                )
        with store.reading() as session:
            wait = throttle.wait_seconds(session, "ana@example.org", "login")
            other = throttle.wait_seconds(session, "ben@example.org", "login")
        assert 14 <= wait <= 16 and other == 0  # 60 s after six failures, 45 s gone


@pytest.mark.parametrize("route", ["password", "delete"])
def test_password_rechecks_are_throttled(tmp_path: Path, route: str) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        thief = token_client(app, store, "ana@example.org")

        def attempt(password: str) -> int:
            if route == "password":
                body = {"current_password": password, "new_password": "stolen account phrase"}
                return thief.post("/api/v1/auth/password", json=body).status_code
            response = thief.request("DELETE", "/api/v1/account", json={"password": password})
            return response.status_code

        codes = [attempt(f"guess number {n}") for n in range(7)]
        assert codes == [422] * 5 + [429] * 2
        assert attempt(PASSWORD) == 429  # the right one too, until the wait is over
        assert failures(store, "password_check") == 5


def test_a_password_change_gives_this_browser_a_new_session_id(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        browser = signed_in(app, store, "ana@example.org")
        other = signed_in(app, store, "ana@example.org")
        old = browser.cookies[SESSION_COOKIE]
        change = {"current_password": PASSWORD, "new_password": "a different long phrase"}
        answer = browser.post("/api/v1/auth/password", json=change)
        assert answer.status_code == 204
        cookie = next(c for c in answer.headers.get_list("set-cookie") if SESSION_COOKIE in c)
        for flag in ("Secure", "HttpOnly", "Path=/", "SameSite=lax"):
            assert flag in cookie
        assert "Domain" not in cookie
        new = answer.cookies[SESSION_COOKIE]
        assert new != old
        browser.cookies.clear()
        browser.cookies.set(SESSION_COOKIE, new)
        assert browser.get("/api/v1/account").status_code == 200
        assert other.get("/api/v1/account").status_code == 401
        stale = anonymous(app)
        stale.cookies.set(SESSION_COOKIE, old)
        assert stale.get("/api/v1/account").status_code == 401


def test_idle_and_expired_sessions_end(tmp_path: Path) -> None:
    with server_app(tmp_path, session_idle_minutes=30) as (app, store):
        make_user(store, "ana@example.org")
        idle = signed_in(app, store, "ana@example.org")
        expired = signed_in(app, store, "ana@example.org")
        active = signed_in(app, store, "ana@example.org")
        stamp = now()
        with store.writing() as session:
            rows = {r.token_hash: r for r in session.scalars(select(SessionRow))}
            keys = [_key(c) for c in (idle, expired, active)]
            rows[keys[0]].last_seen_at = stamp - timedelta(minutes=31)
            rows[keys[1]].expires_at = stamp - timedelta(seconds=1)
            session.execute(
                update(SessionRow)
                .where(SessionRow.token_hash == keys[2])
                .values(last_seen_at=stamp - timedelta(minutes=29))
            )
        assert idle.get("/api/v1/account").status_code == 401
        assert expired.get("/api/v1/account").status_code == 401
        assert active.get("/api/v1/account").status_code == 200
        with store.reading() as session:
            touched = session.get(SessionRow, keys[2])
            assert touched is not None and touched.last_seen_at is not None
            assert touched.last_seen_at > stamp - timedelta(minutes=1)  # activity counted


def _key(client: object) -> str:
    from myomap.accounts.passwords import digest

    return digest(client.cookies[SESSION_COOKIE])  # type: ignore[attr-defined]


def test_people_list_and_revoke_their_sessions(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        make_user(store, "ben@example.org")
        laptop = signed_in(app, store, "ana@example.org")
        phone = signed_in(app, store, "ana@example.org")
        ben = signed_in(app, store, "ben@example.org")
        listed = laptop.get("/api/v1/account/sessions").json()
        assert len(listed) == 2 and sum(s["current"] for s in listed) == 1
        phone_handle = next(s["handle"] for s in listed if not s["current"])
        assert ben.delete(f"/api/v1/account/sessions/{phone_handle}").status_code == 404
        assert laptop.delete("/api/v1/account/sessions/0123456789abcdef").status_code == 404
        assert laptop.delete("/api/v1/account/sessions/not-a-handle").status_code == 404
        assert phone.get("/api/v1/account").status_code == 200
        assert laptop.delete(f"/api/v1/account/sessions/{phone_handle}").status_code == 204
        assert phone.get("/api/v1/account").status_code == 401
        assert laptop.get("/api/v1/account").status_code == 200
        assert len(laptop.get("/api/v1/account/sessions").json()) == 1
        # The same on the account page, with a button per other browser.
        tablet = signed_in(app, store, "ana@example.org")
        page = laptop.get("/account").text
        assert "this browser" in page and page.count("/account/sessions/") == 1
        handle = page.split("/account/sessions/")[1].split("/revoke")[0]
        out = laptop.post(f"/account/sessions/{handle}/revoke", follow_redirects=False)
        assert out.status_code == 303
        assert tablet.get("/api/v1/account").status_code == 401
