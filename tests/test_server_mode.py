"""Server mode as people use it: accounts, sessions and tokens, CSRF, sharing with a
clinician and revoking, rate limits, headers, body limits, and leaving for good."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from backends import BACKENDS
from fastapi.testclient import TestClient
from servers import (
    BASE,
    CROSS_SITE,
    PASSWORD,
    SAME_ORIGIN,
    anonymous,
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    signed_in,
    token_client,
)
from sqlalchemy import inspect, select, text
from typer.testing import CliRunner

from myomap.accounts.users import Accounts
from myomap.db import Store
from myomap.db.tables import AuditRow
from myomap.errors import MyomapError
from myomap.settings import Settings
from myomap.web import create_app
from myomap.web.serve import run

ENTRY = {"overall": 4, "pain": {"sacrum": 3}, "note": "after the drive"}
EVIDENCE = {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6}]}


def test_without_credentials_api_is_401_and_pages_go_to_sign_in(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, _):
        client = anonymous(app)
        for path in ("/api/v1/diary", "/api/v1/account", "/api/v1/assessments"):
            response = client.get(path)
            assert response.status_code == 401, path
            assert response.headers["www-authenticate"].startswith("Bearer")
        page = client.get("/diary", follow_redirects=False)
        assert (page.status_code, page.headers["location"]) == (303, "/login?next=/diary")
        for open_path in ("/login", "/signup", "/docs", "/openapi.json", "/api/v1/health"):
            assert client.get(open_path).status_code == 200, open_path
        assert client.get("/static/site.css").status_code == 200


def test_two_new_people_sign_up_and_see_only_their_own_diary(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, _):
        clients = []
        for email in ("ana@example.org", "ben@example.org"):
            client = anonymous(app)
            made = client.post("/api/v1/auth/signup", json={"email": email, "password": PASSWORD})
            assert made.status_code == 201 and made.json()["role"] == "person"
            login = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
            assert login.json()["token_type"] == "bearer"
            client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
            clients.append(client)
        ana, ben = clients
        entry = ana.post("/api/v1/diary", json=ENTRY)
        assert entry.status_code == 201
        entry_id = entry.json()["id"]
        assert ana.get(f"/api/v1/diary/{entry_id}").json()["note"] == "after the drive"
        assert ben.get("/api/v1/diary").json() == []
        assert ben.get(f"/api/v1/diary/{entry_id}").status_code == 404
        assert ben.put(f"/api/v1/diary/{entry_id}", json={"overall": 9}).status_code == 404
        assert ben.delete(f"/api/v1/diary/{entry_id}").status_code == 404
        assert ana.get(f"/api/v1/diary/{entry_id}").json()["overall"] == 4
        saved = ana.post("/api/v1/assessments", json={"evidence": EVIDENCE})
        assert saved.status_code == 201
        assert ben.get(f"/api/v1/assessments/{saved.json()['id']}").status_code == 404
        assert ana.post("/api/v1/auth/logout").status_code == 204
        assert ana.get("/api/v1/diary").status_code == 401


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1", "at least 10 characters"),
        ("password123", "most common"),
        ("qwertyuiop1", "too easy to guess"),
        ("Summer2024!", "too easy to guess"),
        ("aaaaaaaaaaaaaaaa", "too easy to guess"),
        ("ana.lopez@example.org", "email"),
        ("ana.lopez-2025!", "email"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(
    tmp_path: Path, password: str, reason: str
) -> None:
    with server_app(tmp_path) as (app, _):
        response = anonymous(app).post(
            "/api/v1/auth/signup", json={"email": "ana.lopez@example.org", "password": password}
        )
        assert response.status_code == 422
        assert reason in response.json()["error"]["message"]


def test_wrong_password_and_taken_email(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        client = anonymous(app)
        wrong = client.post(
            "/api/v1/auth/login", json={"email": "ana@example.org", "password": "not it at all"}
        )
        assert wrong.status_code == 401
        taken = client.post(
            "/api/v1/auth/signup", json={"email": "ANA@example.org", "password": PASSWORD}
        )
        assert taken.status_code == 409


def test_sign_up_in_the_browser_sets_safe_cookies_and_cross_site_requests_fail(
    tmp_path: Path,
) -> None:
    with server_app(tmp_path) as (app, store):
        client = anonymous(app)
        form = {"email": "ana@example.org", "password": PASSWORD}
        # Login CSRF: another site's form may neither sign up nor sign in this browser.
        assert client.post("/signup", data=form, headers=CROSS_SITE).status_code == 403
        assert client.post("/login", data=form, headers=CROSS_SITE).status_code == 403
        evil_origin = {"Origin": "https://evil.example"}  # an older browser: Origin only
        assert client.post("/signup", data=form, headers=evil_origin).status_code == 403
        assert Accounts(store).all_users() == []
        made = client.post("/signup", data=form, headers=SAME_ORIGIN, follow_redirects=False)
        assert made.status_code == 303
        cookies = made.headers.get_list("set-cookie")
        session = next(c for c in cookies if c.startswith("__Host-myomap_session="))
        for flag in ("HttpOnly", "Secure", "SameSite=lax", "Path=/"):
            assert flag in session
        assert client.post("/api/v1/diary", json=ENTRY, headers=CROSS_SITE).status_code == 403
        assert client.post("/api/v1/diary", json=ENTRY, headers=evil_origin).status_code == 403
        same_site = {"Sec-Fetch-Site": "same-site"}  # a sibling subdomain is another site
        assert client.post("/api/v1/diary", json=ENTRY, headers=same_site).status_code == 403
        assert client.get("/api/v1/diary").json() == []
        good = client.post("/api/v1/diary", json=ENTRY, headers=SAME_ORIGIN)
        assert good.status_code == 201
        own_origin = {"Origin": BASE}
        assert client.post("/api/v1/diary", json=ENTRY, headers=own_origin).status_code == 201
        assert client.get("/diary").status_code == 200
        out = client.post("/logout", headers=CROSS_SITE, follow_redirects=False)
        assert out.status_code == 403
        out = client.post("/logout", headers=SAME_ORIGIN, follow_redirects=False)
        assert out.status_code == 303
        assert client.get("/api/v1/diary").status_code == 401


def test_trusted_origins_and_local_mode_are_checked_too(tmp_path: Path) -> None:
    with server_app(tmp_path, trusted_origins="https://app.example.org") as (app, _):
        client = anonymous(app)
        form = {"email": "ana@example.org", "password": PASSWORD}
        trusted = {"Origin": "https://app.example.org"}
        made = client.post("/signup", data=form, headers=trusted, follow_redirects=False)
        assert made.status_code == 303
    local = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'local.db'}"))
    with TestClient(local, raise_server_exceptions=False) as client:
        refused = client.post("/api/v1/diary", json=ENTRY, headers=CROSS_SITE)
        assert refused.status_code == 403  # a web page cannot write to a local diary
        assert client.post("/api/v1/diary", json=ENTRY).status_code == 201  # the CLI, curl


def test_password_change_signs_out_elsewhere_and_reset_codes_work_once(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        browser = signed_in(app, store, "ana@example.org")
        api = token_client(app, store, "ana@example.org")
        new = "a different long phrase"
        change = {"current_password": PASSWORD, "new_password": new}
        assert browser.post("/api/v1/auth/password", json=change).status_code == 204
        assert browser.get("/api/v1/account").status_code == 200  # this session stays
        assert api.get("/api/v1/account").status_code == 401  # tokens end
        code = Accounts(store).reset_token("ana@example.org")
        reset = {"email": "ana@example.org", "code": code, "password": "yet another passphrase"}
        client = anonymous(app)
        assert client.post("/api/v1/auth/reset", json=reset).status_code == 204
        assert client.post("/api/v1/auth/reset", json=reset).status_code == 422
        login = {"email": "ana@example.org", "password": "yet another passphrase"}
        assert client.post("/api/v1/auth/login", json=login).status_code == 200


def test_a_person_shares_with_a_clinician_and_revokes(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        make_user(store, "dr.lee@example.org", role="clinician")
        make_user(store, "dr.kim@example.org", role="clinician")
        ana = signed_in(app, store, "ana@example.org")
        lee = signed_in(app, store, "dr.lee@example.org")
        kim = token_client(app, store, "dr.kim@example.org")
        first = ana.post("/api/v1/assessments", json={"evidence": EVIDENCE}).json()["id"]
        later = {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 3}, {"region": "sacrum"}]}
        second = ana.post("/api/v1/assessments", json={"evidence": later}).json()["id"]
        ana.post("/api/v1/diary", json=ENTRY)
        assert ana.get("/clinic").status_code == 403
        assert ana.get("/api/v1/clinic/patients").status_code == 403

        page = ana.post("/account/shares")
        code = re.search(r'id="invite-code">([^<]+)<', page.text)
        assert code is not None
        accepted = lee.post("/clinic/invites", data={"code": code.group(1)}, follow_redirects=False)
        assert accepted.status_code == 303
        patient = accepted.headers["location"].rsplit("/", 1)[1]
        assert kim.post("/api/v1/clinic/invites", json={"code": code.group(1)}).status_code == 422

        assert [p["email"] for p in lee.get("/api/v1/clinic/patients").json()] == [
            "ana@example.org"
        ]
        visits = lee.get(f"/api/v1/clinic/patients/{patient}/assessments").json()
        assert [v["id"] for v in visits] == [second, first]
        compared = lee.get(
            f"/api/v1/clinic/patients/{patient}/compare", params={"first": first, "second": second}
        ).json()
        assert 0 < compared["overlap"] < 1
        assert lee.get(
            f"/clinic/patients/{patient}/compare?first={first}&second={second}"
        ).is_success
        note = lee.post(
            f"/api/v1/clinic/patients/{patient}/assessments/{first}/notes",
            json={"text": "Check QL; review in 2 weeks."},
        )
        assert note.status_code == 201
        assert "Check QL" in lee.get(f"/clinic/patients/{patient}").text
        fhir = lee.get(f"/api/v1/clinic/patients/{patient}/fhir")
        assert fhir.json()["resourceType"] == "Bundle"
        assert kim.get(f"/api/v1/clinic/patients/{patient}/assessments").status_code == 404

        share = ana.get("/api/v1/shares").json()[0]
        assert share["status"] == "active" and share["clinician_email"] == "dr.lee@example.org"
        assert ana.post(f"/account/shares/{share['id']}/revoke").status_code == 200
        assert lee.get(f"/api/v1/clinic/patients/{patient}/assessments").status_code == 404
        assert lee.get(f"/clinic/patients/{patient}").status_code == 404
        assert lee.get("/api/v1/clinic/patients").json() == []
        with store.reading() as session:
            actions = set(session.scalars(select(AuditRow.action)))
        assert {"share_create", "share_accept", "share_revoke", "patient_export"} <= actions


def test_rate_limits_answer_429_with_retry_after(tmp_path: Path) -> None:
    with server_app(tmp_path, login_limit=3, assess_limit=2, signup_limit=2) as (app, store):
        make_user(store, "ana@example.org")
        client = anonymous(app)
        body = {"email": "ana@example.org", "password": "wrong wrong wrong"}
        codes = [client.post("/api/v1/auth/login", json=body).status_code for _ in range(4)]
        assert codes == [401, 401, 401, 429]
        limited = client.post("/api/v1/auth/login", json=body)
        assert int(limited.headers["retry-after"]) > 0
        signups = [
            client.post(
                "/api/v1/auth/signup", json={"email": f"p{n}@example.org", "password": PASSWORD}
            ).status_code
            for n in range(3)
        ]
        assert signups == [201, 201, 429]
        ana = token_client(app, store, "ana@example.org")
        assessed = [ana.post("/api/v1/assess", json=EVIDENCE).status_code for _ in range(3)]
        assert assessed == [200, 200, 429]


@pytest.mark.parametrize("path", ["/api/v1/health", "/login", "/static/site.css", "/nowhere"])
def test_security_headers_on_every_response(tmp_path: Path, path: str) -> None:
    with server_app(tmp_path) as (app, _):
        headers = anonymous(app).get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["strict-transport-security"].startswith("max-age=")


def test_docs_page_has_no_inline_script(tmp_path: Path) -> None:
    with server_app(tmp_path) as (app, _):
        html = anonymous(app).get("/docs").text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert '<script src="/static/docs.js' in html


def test_local_mode_sends_no_hsts_and_needs_no_sign_in(client: object) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    response = client.get("/api/v1/regions")
    assert response.status_code == 200
    assert "strict-transport-security" not in response.headers
    assert "content-security-policy" in response.headers
    assert client.get("/login").status_code == 404  # no accounts in local mode


def test_bodies_over_the_limit_are_refused_with_413(tmp_path: Path) -> None:
    with server_app(tmp_path, max_body_bytes=2048) as (app, store):
        make_user(store, "ana@example.org")
        ana = token_client(app, store, "ana@example.org")
        big = {**ENTRY, "note": "x" * 5000}
        assert ana.post("/api/v1/diary", json=big).status_code == 413

        def chunks() -> object:
            yield b'{"overall": 4, "note": "'
            yield b"x" * 5000
            yield b'"}'

        streamed = ana.post(
            "/api/v1/diary", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert streamed.status_code == 413
        assert ana.get("/api/v1/diary").json() == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_deleting_an_account_leaves_nothing_of_it(tmp_path: Path, backend: str) -> None:
    with server_app(tmp_path, backend) as (app, store):  # type: ignore[arg-type]
        make_user(store, "keep@example.org")
        make_user(store, "dr.lee@example.org", role="clinician")
        keeper = token_client(app, store, "keep@example.org")
        keeper.post("/api/v1/diary", json=ENTRY)
        lee = token_client(app, store, "dr.lee@example.org")
        before = _counts(store)

        make_user(store, "leaving@example.org")
        leaving = signed_in(app, store, "leaving@example.org")
        token_client(app, store, "leaving@example.org")
        for _ in range(3):
            leaving.post("/api/v1/diary", json=ENTRY)
        saved = leaving.post("/api/v1/assessments", json={"evidence": EVIDENCE}).json()["id"]
        code = leaving.post("/api/v1/shares").json()["code"]
        patient = lee.post("/api/v1/clinic/invites", json={"code": code}).json()["id"]
        lee.post(
            f"/api/v1/clinic/patients/{patient}/assessments/{saved}/notes",
            json={"text": "hi", "shared": True},
        )
        anonymous(app).post(
            "/api/v1/auth/login", json={"email": "leaving@example.org", "password": "nope nope"}
        )
        export = leaving.get("/api/v1/account/export").json()
        assert len(export["diary"]["entries"]) == 3 and export["shares"][0]["status"] == "active"
        assert export["clinician_notes_on_my_assessments"][0]["text"] == "hi"

        wrong = leaving.request("DELETE", "/api/v1/account", json={"password": "not mine at all"})
        assert wrong.status_code == 422
        gone = leaving.request("DELETE", "/api/v1/account", json={"password": PASSWORD})
        assert gone.status_code == 204

        after = _counts(store)
        # Every table is back to where it was before this person came, except the audit
        # log, which keeps its lines de-identified (what and when, not who, from where or
        # with which details), the clinician's own line, and "an account was deleted".
        assert {**after, "audit_log": 0} == {**before, "audit_log": 0}
        with store.reading() as session:
            kept = session.execute(
                select(AuditRow.action, AuditRow.user_id, AuditRow.subject, AuditRow.ip)
                .where(AuditRow.user_id.is_(None))
                .order_by(AuditRow.id)
            ).all()
        assert {action for action, *_ in kept} >= {"signup", "login", "export", "account_delete"}
        assert all(who is None and subject == "" and ip == "" for _, who, subject, ip in kept)
        assert _dump_mentions(store, "leaving@example.org") == []
        with store.reading() as session:
            owners = session.execute(
                text("SELECT COUNT(*) FROM audit_log WHERE user_id = :id"), {"id": patient}
            ).scalar_one()
        assert owners == 0
        assert lee.get("/api/v1/clinic/patients").json() == []
        assert leaving.get("/api/v1/account").status_code == 401


def _counts(store: Store) -> dict[str, int]:
    tables = [t for t in inspect(store.engine).get_table_names() if t != "alembic_version"]
    with store.reading() as session:
        return {
            t: session.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar_one() for t in tables
        }


def _dump_mentions(store: Store, needle: str) -> list[str]:
    """Every table whose rows mention ``needle`` anywhere."""
    found = []
    with store.reading() as session:
        for table in inspect(store.engine).get_table_names():
            rows = session.execute(text(f'SELECT * FROM "{table}"')).all()
            if needle in repr(rows):
                found.append(table)
    return found


def test_serve_refuses_a_public_host_in_local_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MYOMAP_SERVER", raising=False)
    with pytest.raises(MyomapError, match="listens on this computer only"):
        run(host="0.0.0.0")


def test_the_operator_adds_a_clinician_and_prints_reset_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from myomap.cli.app import app as cli

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MYOMAP_DATABASE_URL", url)
    added = CliRunner().invoke(cli, ["user", "add", "dr.lee@example.org", "--role", "clinician"])
    assert added.exit_code == 0, added.output
    assert "added clinician dr.lee@example.org" in added.output
    reset = CliRunner().invoke(cli, ["user", "reset-token", "dr.lee@example.org"])
    code = re.search(r"reset code for dr.lee@example.org: (\S+)", reset.output)
    assert code is not None
    accounts = Accounts(Store.open(url))
    user = accounts.reset_password("dr.lee@example.org", code.group(1), PASSWORD)
    assert user.role == "clinician"
    assert accounts.authenticate("dr.lee@example.org", PASSWORD).id == user.id
