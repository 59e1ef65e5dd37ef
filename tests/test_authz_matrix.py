"""Every route × every role, from the app's own route table and the rules in web/access.py.

Roles: anonymous, the owner (a person), another person, a clinician the owner shares with,
and a clinician without a share. Path ids always name the owner's rows. What each role
must get follows from the route's Rule:

- public: nobody is refused (no 401/403);
- account: anonymous gets 401 (API, page POST) or a redirect to /login (page GET);
- clinician: people get 403;
- owner "self": everyone but the owner gets 404 (someone else's row does not exist);
- owner "patient": the clinician without a share gets 404.

Where a role is let in, the exact status the route answers is asserted (``SUCCESS``: the
status of a successful call, or the 4xx a made-up code or password must get), not merely
"not refused". A route without a rule, or without an expected status, fails here, so a new
route cannot ship unprotected or unchecked by accident.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from servers import (
    PASSWORD,
    anonymous,
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    signed_in,
)

from myomap.accounts import passwords
from myomap.accounts.passwords import digest
from myomap.accounts.sharing import Sharing
from myomap.db import Store
from myomap.settings import Settings
from myomap.web import create_app
from myomap.web.platform.access import RULES, Rule, rule_for
from myomap.web.platform.principal import SESSION_COOKIE

ROLES = ("anonymous", "other_person", "clinician_without_share", "clinician_with_share", "owner")
EVIDENCE = {"pain": [{"region": "sacrum", "intensity": 5}]}
NEW_PASSWORD = "velvet harbour lantern"
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/v1/understand"): {"json": {"text": "a dull ache low in my back"}},
    ("POST", "/assess/understand"): {"json": {"text": "a dull ache low in my back"}},
    ("POST", "/api/v1/auth/password"): {
        "json": {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    },
    ("POST", "/account/password"): {
        "data": {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    },
    ("POST", "/account/delete"): {"data": {"password": PASSWORD}},
    ("POST", "/account/totp/confirm"): {"data": {"code": "000000"}},
    ("POST", "/account/totp/disable"): {"data": {"code": "000000"}},
    ("POST", "/api/v1/auth/reset"): {
        "json": {"email": "owner@example.org", "code": "made-up", "password": NEW_PASSWORD}
    },
    ("POST", "/reset"): {
        "data": {"email": "owner@example.org", "code": "made-up", "password": NEW_PASSWORD}
    },
    ("POST", "/login"): {"data": {"email": "owner@example.org", "password": PASSWORD}},
    ("POST", "/api/v1/clinic/invites"): {"json": {"code": "MADE-UPXX-CODE"}},
    ("POST", "/clinic/invites"): {"data": {"code": "MADE-UPXX-CODE"}},
    ("POST", "/api/v1/diary/import"): {
        "json": {"format": "myomap-diary", "version": 1, "entries": [], "assessments": []}
    },
    ("POST", "/api/v1/diary"): {"json": {"overall": 3, "pain": {"sacrum": 2}}},
    ("PUT", "/api/v1/diary/{entry_id}"): {"json": {"overall": 5}},
    ("POST", "/api/v1/assess"): {"json": EVIDENCE},
    ("POST", "/api/v1/triage"): {"json": EVIDENCE},
    ("POST", "/api/v1/assessments"): {"json": {"evidence": EVIDENCE}},
    ("POST", "/api/v1/auth/login"): {"json": {"email": "owner@example.org", "password": PASSWORD}},
    ("DELETE", "/api/v1/account"): {"json": {"password": PASSWORD}},
    ("POST", "/api/v1/clinic/patients/{patient_id}/assessments/{assessment_id}/notes"): {
        "json": {"text": "Review in two weeks."}
    },
    ("POST", "/clinic/patients/{patient_id}/assessments/{assessment_id}/notes"): {
        "data": {"text": "Review in two weeks."}
    },
}


def api_routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path template) of every route the app serves, included routers too."""
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        found = list(contexts()) if contexts else [route] if isinstance(route, APIRoute) else []
        for context in found:
            for method in sorted(getattr(context, "methods", None) or ()):
                if method != "HEAD":
                    yield method, context.path_format


SERVER_APP = create_app(Settings(server=True, database_url="sqlite://"))
ROUTES = sorted(set(api_routes(SERVER_APP)))


def test_the_route_table_is_seen() -> None:
    assert ("GET", "/api/v1/diary/{entry_id}") in ROUTES
    assert ("POST", "/api/v1/auth/login") in ROUTES
    assert len(ROUTES) > 40


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_route_has_an_access_rule(method: str, path: str) -> None:
    assert rule_for(method, path) is not None, (
        f"{method} {path} has no rule in myomap/web/platform/access.py RULES: add one "
        "(public, account, clinician; owner self or patient) and it joins this matrix."
    )


def test_no_rule_is_left_without_a_route() -> None:
    assert set(RULES) <= set(ROUTES)


@dataclass
class World:
    app: FastAPI
    store: Store
    ids: dict[str, int | str]
    clients: dict[str, TestClient]


def build_world(app: FastAPI, store: Store) -> World:
    owner = make_user(store, "owner@example.org")
    make_user(store, "other@example.org")
    clinician = make_user(store, "dr.with@example.org", role="clinician")
    make_user(store, "dr.without@example.org", role="clinician")
    mine = store.for_owner(owner.id)
    entry = mine.add_entry(overall=4, pain={"sacrum": 3})
    deleted = mine.add_entry(overall=2, pain={"sacrum": 1})
    mine.delete_entry(deleted.id)
    from myomap.engine import Evidence, rank

    evidence = Evidence.model_validate(EVIDENCE)
    model = app.state.myomap.model
    first = mine.save_assessment(evidence=evidence, result=rank(model, evidence))
    second = mine.save_assessment(evidence=evidence, result=rank(model, evidence))
    sharing = Sharing(store)
    share, code = sharing.invite(owner.id)
    sharing.accept(clinician.id, code)
    clients = {
        "anonymous": anonymous(app),
        "owner": signed_in(app, store, "owner@example.org"),
        "other_person": signed_in(app, store, "other@example.org"),
        "clinician_with_share": signed_in(app, store, "dr.with@example.org"),
        "clinician_without_share": signed_in(app, store, "dr.without@example.org"),
    }
    ids: dict[str, int | str] = {
        "entry_id": entry.id,
        "deleted_entry_id": deleted.id,
        "assessment_id": first.id,
        "share_id": share.id,
        "patient_id": owner.id,
        "muscle_id": "iliopsoas",
        "first": first.id,
        "second": second.id,
        "handle": digest(clients["owner"].cookies[SESSION_COOKIE])[:16],
    }
    return World(app, store, ids, clients)


def expected(rule: Rule, role: str, method: str, path: str) -> str:
    """'refused:401' / 'login' / 'refused:403' / 'missing' (404) / 'allowed'."""
    if rule.level == "public":
        return "allowed"
    if role == "anonymous":
        return "login" if method == "GET" and not path.startswith("/api/") else "refused:401"
    clinician = role.startswith("clinician")
    if rule.level == "clinician" and not clinician:
        return "refused:403"
    if rule.owner == "self" and role != "owner":
        return "missing"
    if rule.owner == "patient" and role == "clinician_without_share":
        return "missing"
    return "allowed"


def call(world: World, role: str, method: str, path: str) -> Any:
    ids = dict(world.ids)
    if path.endswith("/restore"):
        ids["entry_id"] = ids["deleted_entry_id"]  # only a deleted entry can be restored
    url = path.format(**ids)
    params: dict[str, Any] = {"first": world.ids["first"], "second": world.ids["second"]}
    options = BODIES.get((method, path), {})
    if (method, path) == ("POST", "/api/v1/auth/signup"):
        options = {"json": {"email": f"new-{role}@example.org", "password": PASSWORD}}
    if (method, path) == ("POST", "/signup"):
        options = {"data": {"email": f"new-{role}@example.org", "password": PASSWORD}}
    if (method, path) == ("POST", "/api/v1/diary/import"):
        params["replace"] = "true"
    client = world.clients[role]
    return client.request(method, url, params=params, follow_redirects=False, **options)


REFUSED_INPUT = 422
"""What a role that is let in gets for a made-up reset or invite code."""
SUCCESS: dict[tuple[str, str], int | dict[str, int]] = {
    ("DELETE", "/api/v1/account"): 204,
    ("DELETE", "/api/v1/account/sessions/{handle}"): 204,
    ("POST", "/api/v1/auth/logout"): 204,
    ("POST", "/api/v1/auth/password"): 204,
    ("POST", "/api/v1/assessments"): 201,
    ("POST", "/api/v1/auth/signup"): 201,
    ("POST", "/api/v1/clinic/patients/{patient_id}/assessments/{assessment_id}/notes"): 201,
    ("POST", "/api/v1/diary"): 201,
    ("POST", "/api/v1/shares"): 201,
    ("POST", "/api/v1/auth/reset"): REFUSED_INPUT,
    ("POST", "/reset"): REFUSED_INPUT,
    ("POST", "/api/v1/clinic/invites"): REFUSED_INPUT,
    ("POST", "/clinic/invites"): REFUSED_INPUT,
    # form posts answer with a redirect (Post/Redirect/Get) …
    ("POST", "/login"): 303,
    ("POST", "/signup"): 303,
    ("POST", "/logout"): 303,
    ("POST", "/account/delete"): 303,
    ("POST", "/account/shares/{share_id}/revoke"): 303,
    ("POST", "/account/sessions/{handle}/revoke"): 303,
    ("POST", "/clinic/patients/{patient_id}/assessments/{assessment_id}/notes"): 303,
    # … or with the page again, saying what happened
    ("POST", "/account/password"): 200,
    ("POST", "/account/shares"): 200,
    ("POST", "/account/totp"): 200,
    # a clinician's second factor: no secret to confirm yet, and not on to turn off
    ("POST", "/account/totp/confirm"): REFUSED_INPUT,
    ("POST", "/account/totp/disable"): REFUSED_INPUT,
    # the front door sends a clinician to the patient list
    ("GET", "/"): {"clinician_with_share": 303, "clinician_without_share": 303},
}


def success(method: str, path: str, role: str) -> int:
    """The status a role that is let in must get: ``SUCCESS``, else 200."""
    found = SUCCESS.get((method, path), 200)
    return found if isinstance(found, int) else found.get(role, 200)


def test_every_expected_status_names_a_route() -> None:
    assert set(SUCCESS) <= set(ROUTES)


LIMITS_OFF: dict[str, Any] = {"login_limit": 0, "signup_limit": 0, "assess_limit": 0}
READS = [(method, path) for method, path in ROUTES if method == "GET"]
WRITES = [(method, path) for method, path in ROUTES if method != "GET"]


@pytest.fixture(scope="module")
def shared_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world for every GET route: a read changes nothing that another read checks."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=64))
        with server_app(tmp_path_factory.mktemp("reads"), **LIMITS_OFF) as (app, store):
            yield build_world(app, store)


@pytest.mark.parametrize(("method", "path"), READS)
def test_read_route_answers_each_role_as_its_rule_says(
    shared_world: World, method: str, path: str
) -> None:
    check_roles(shared_world, method, path)


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_write_route_answers_each_role_as_its_rule_says(
    tmp_path: Path, method: str, path: str
) -> None:
    with server_app(tmp_path, **LIMITS_OFF) as (app, store):
        check_roles(build_world(app, store), method, path)


def check_roles(world: World, method: str, path: str) -> None:
    """Every role calls the route once; each answer is what the route's rule says."""
    rule = rule_for(method, path)
    assert rule is not None
    for role in ROLES:
        response = call(world, role, method, path)
        want = expected(rule, role, method, path)
        status = response.status_code
        where = f"{method} {path} as {role}: {status} {response.text[:200]!r}"
        assert status < 500, where
        assert response.headers["cache-control"] == "no-store", where  # health data
        if want == "allowed":
            assert status == success(method, path, role), where
        elif want == "login":
            assert status == 303 and response.headers["location"].startswith("/login"), where
        elif want == "missing":
            assert status == 404, where
        else:
            assert status == int(want.split(":")[1]), where
