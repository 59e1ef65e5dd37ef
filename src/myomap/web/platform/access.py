"""Who may call which route, in one table, enforced by one app-wide dependency.

Every route of the app has a ``Rule`` in ``RULES``, keyed by method and path template;
``tests/test_authz_matrix.py`` walks the app's route table and fails for a route without
one, then calls every route as every role. ``authorize`` runs before any handler:

- local mode: everything is allowed (one local person, loopback only);
- server mode: the rule's level (public, any account, clinician), then its rate limit
  and, for a signed-in write, the account's write limit (429 with Retry-After).
  Cross-site requests were refused before (``csrf.py``).

A rule's ``owner`` says what the path's ids name, for the matrix and for readers: "self"
(the caller's own rows: someone else's are 404, done by the store's scoping) or "patient"
(a person who must share with the calling clinician: otherwise 404, done by ``Sharing``).
A route missing from the table needs an account (fail closed) and is logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from fastapi import Depends, Request
from fastapi.params import Depends as DependsParam

from myomap.errors import Forbidden, TooManyRequests
from myomap.settings import Settings
from myomap.web.platform.csrf import SAFE_METHODS
from myomap.web.platform.principal import PrincipalDep, client_ip, require
from myomap.web.platform.ratelimit import RateLimiter

__all__ = ["GUARD", "RULES", "Rule", "authorize", "rule_for"]

log = logging.getLogger("myomap.web")

Level = Literal["public", "account", "clinician"]
Owner = Literal["self", "patient"] | None
Limit = Literal["login", "signup", "assess"] | None


@dataclass(frozen=True)
class Rule:
    level: Level
    owner: Owner = None
    limit: Limit = None


PUBLIC = Rule("public")
ACCOUNT = Rule("account")
MINE = Rule("account", owner="self")
ASSESS = Rule("account", limit="assess")
OPEN_ASSESS = Rule("public", limit="assess")  # the lookup is open; limited per address
CLINICIAN = Rule("clinician")
PATIENT = Rule("clinician", owner="patient")

RULES: dict[tuple[str, str], Rule] = {
    # open to anyone: docs, health, signing up and in
    ("GET", "/docs"): PUBLIC,
    ("GET", "/api/v1/health"): PUBLIC,
    ("POST", "/api/v1/auth/signup"): Rule("public", limit="signup"),
    ("POST", "/api/v1/auth/login"): Rule("public", limit="login"),
    ("POST", "/api/v1/auth/reset"): Rule("public", limit="login"),
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): Rule("public", limit="login"),
    ("GET", "/signup"): PUBLIC,
    ("POST", "/signup"): Rule("public", limit="signup"),
    ("GET", "/reset"): PUBLIC,
    ("POST", "/reset"): Rule("public", limit="login"),
    # the atlas and the engine (api.py, pages.py): public, the front door (web/home) says
    # what myomap is; sign-in is for the diary and the clinic
    ("GET", "/api/v1/regions"): PUBLIC,
    ("GET", "/api/v1/findings"): PUBLIC,
    ("GET", "/api/v1/muscles"): PUBLIC,
    ("GET", "/api/v1/muscles/{muscle_id}"): PUBLIC,
    ("POST", "/api/v1/assess"): OPEN_ASSESS,
    ("POST", "/api/v1/triage"): OPEN_ASSESS,
    ("POST", "/api/v1/understand"): OPEN_ASSESS,
    ("POST", "/assess/understand"): OPEN_ASSESS,
    ("GET", "/"): PUBLIC,
    ("GET", "/assess"): PUBLIC,
    ("GET", "/safety"): PUBLIC,
    ("GET", "/muscles"): PUBLIC,
    ("GET", "/muscles/{muscle_id}"): PUBLIC,
    ("GET", "/plan"): PUBLIC,
    ("GET", "/assess/result"): OPEN_ASSESS,
    # the diary and saved assessments (diary_api.py, diary_pages.py): scoped by StoreDep
    ("POST", "/api/v1/diary"): ACCOUNT,
    ("GET", "/api/v1/diary"): ACCOUNT,
    ("POST", "/api/v1/diary/import"): ACCOUNT,
    ("GET", "/api/v1/diary/{entry_id}"): MINE,
    ("PUT", "/api/v1/diary/{entry_id}"): MINE,
    ("DELETE", "/api/v1/diary/{entry_id}"): MINE,
    ("POST", "/api/v1/diary/{entry_id}/restore"): MINE,
    ("POST", "/api/v1/assessments"): ASSESS,
    ("GET", "/api/v1/assessments"): ACCOUNT,
    ("GET", "/api/v1/assessments/{assessment_id}"): MINE,
    ("DELETE", "/api/v1/assessments/{assessment_id}"): MINE,
    ("GET", "/api/v1/assessments/{assessment_id}/rerun"): MINE,
    ("GET", "/diary"): ACCOUNT,
    ("GET", "/history"): ACCOUNT,
    ("GET", "/diary/history"): ACCOUNT,
    ("GET", "/assessments"): ACCOUNT,
    ("GET", "/assessments/{assessment_id}"): MINE,
    ("GET", "/assessments/{assessment_id}/rerun"): MINE,
    ("GET", "/downloads"): ACCOUNT,
    ("GET", "/downloads/report.pdf"): ACCOUNT,
    ("GET", "/downloads/fhir.json"): ACCOUNT,
    ("GET", "/downloads/diary.json"): ACCOUNT,
    ("GET", "/downloads/diary.csv"): ACCOUNT,
    ("GET", "/downloads/plan.ics"): ACCOUNT,
    # the account itself (auth_api.py, account_pages.py)
    ("POST", "/api/v1/auth/logout"): ACCOUNT,
    ("POST", "/api/v1/auth/password"): ACCOUNT,
    ("GET", "/api/v1/account"): ACCOUNT,
    ("GET", "/api/v1/account/export"): ACCOUNT,
    ("DELETE", "/api/v1/account"): ACCOUNT,
    ("GET", "/api/v1/account/sessions"): ACCOUNT,
    ("DELETE", "/api/v1/account/sessions/{handle}"): MINE,
    ("POST", "/api/v1/shares"): ACCOUNT,
    ("GET", "/api/v1/shares"): ACCOUNT,
    ("DELETE", "/api/v1/shares/{share_id}"): MINE,
    ("POST", "/logout"): ACCOUNT,
    ("GET", "/account"): ACCOUNT,
    ("POST", "/account/password"): ACCOUNT,
    ("GET", "/account/export.json"): ACCOUNT,
    ("POST", "/account/delete"): ACCOUNT,
    ("POST", "/account/shares"): ACCOUNT,
    ("POST", "/account/shares/{share_id}/revoke"): MINE,
    ("POST", "/account/sessions/{handle}/revoke"): MINE,
    ("POST", "/account/totp"): CLINICIAN,  # a clinician's second factor (accounts/totp.py)
    ("POST", "/account/totp/confirm"): CLINICIAN,
    ("POST", "/account/totp/disable"): CLINICIAN,
    # the clinician's side (clinic_api.py, clinic_pages.py)
    ("GET", "/api/v1/clinic/patients"): CLINICIAN,
    ("POST", "/api/v1/clinic/invites"): CLINICIAN,
    ("GET", "/api/v1/clinic/patients/{patient_id}/assessments"): PATIENT,
    ("GET", "/api/v1/clinic/patients/{patient_id}/compare"): PATIENT,
    ("POST", "/api/v1/clinic/patients/{patient_id}/assessments/{assessment_id}/notes"): PATIENT,
    ("GET", "/api/v1/clinic/patients/{patient_id}/fhir"): PATIENT,
    ("GET", "/clinic"): CLINICIAN,
    ("POST", "/clinic/invites"): CLINICIAN,
    ("GET", "/clinic/patients/{patient_id}"): PATIENT,
    ("GET", "/clinic/patients/{patient_id}/compare"): PATIENT,
    ("POST", "/clinic/patients/{patient_id}/assessments/{assessment_id}/notes"): PATIENT,
    ("GET", "/clinic/patients/{patient_id}/fhir.json"): PATIENT,
    ("GET", "/clinic/patients/{patient_id}/report.pdf"): PATIENT,
}

WINDOWS = {"login": 60.0, "signup": 3600.0, "assess": 60.0}


def rule_for(method: str, path: str) -> Rule | None:
    """The rule for a route (HEAD follows GET)."""
    return RULES.get((method, path)) or (RULES.get(("GET", path)) if method == "HEAD" else None)


def _limits(settings: Settings) -> dict[str, int]:
    return {
        "login": settings.login_limit,
        "signup": settings.signup_limit,
        "assess": settings.assess_limit,
    }


async def authorize(request: Request, who: PrincipalDep) -> None:
    """The app-wide gate: the route's rule, then its rate limit."""
    settings: Settings = request.app.state.myomap.settings
    if not settings.server:
        return
    route = request.scope.get("route")
    path = getattr(route, "path_format", request.url.path)
    rule = rule_for(request.method, path)
    if rule is None:
        log.error("no access rule for %s %s: treated as needing an account", request.method, path)
        rule = ACCOUNT
    if rule.level != "public":
        signed_in = require(who)
        if rule.level == "clinician" and not signed_in.is_clinician:
            raise Forbidden("This is for clinicians' accounts.", field="role")
    limiter: RateLimiter = request.app.state.myomap_limiter
    if rule.limit is not None:
        key = f"{rule.limit}:{who.id if who and rule.limit == 'assess' else client_ip(request)}"
        _limit(limiter, key, _limits(settings)[rule.limit], WINDOWS[rule.limit])
    if rule.level != "public" and who is not None and request.method not in SAFE_METHODS:
        _limit(limiter, f"write:{who.id}", settings.write_limit, 60.0)


def _limit(limiter: RateLimiter, key: str, limit: int, window: float) -> None:
    wait = limiter.hit(key, limit=limit, window=window)
    if wait:
        raise TooManyRequests(f"Too many requests; try again in {wait} seconds.", retry_after=wait)


GUARD: DependsParam = Depends(authorize)
"""``authorize`` as the app-wide dependency (``FastAPI(dependencies=[GUARD])``)."""
