"""CSRF protection for requests that a browser sends with our cookies.

A state-changing request (POST, PUT, PATCH, DELETE) that carries a myomap cookie and no
bearer token must carry the CSRF token too, in the ``X-CSRF-Token`` header (static/csrf.js
adds it to every same-origin ``fetch``) or a ``csrf_token`` form field. Signed in, the
token is the session's own (kept in the database: a synchronizer token); before sign-in,
it must equal the ``myomap_csrf`` cookie (double submit). Cookies are also SameSite=Lax.
"""

from __future__ import annotations

import hmac

from fastapi import Request
from starlette.datastructures import FormData

from myomap.accounts.passwords import new_token
from myomap.errors import Forbidden
from myomap.web.platform.principal import CSRF_COOKIE, SESSION_COOKIE, Principal

__all__ = ["HEADER", "SAFE_METHODS", "check_csrf", "csrf_token"]

HEADER = "x-csrf-token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def csrf_token(request: Request) -> str:
    """The token a page should put in its forms (and set as the cookie, if missing)."""
    who = getattr(request.state, "principal", None)
    if isinstance(who, Principal) and who.csrf:
        return who.csrf
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", "")
    if not token:
        token = request.state.new_csrf = new_token()
    return token


async def _sent(request: Request) -> str:
    header = request.headers.get(HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").startswith(FORMS):
        form: FormData = await request.form()
        value = form.get(FIELD)
        return value if isinstance(value, str) else ""
    return ""


async def check_csrf(request: Request, who: Principal | None) -> None:
    """Refuse (403) a cookie-borne state change without the right token."""
    if request.method in SAFE_METHODS or (who is not None and who.via == "token"):
        return
    if SESSION_COOKIE not in request.cookies and CSRF_COOKIE not in request.cookies:
        return  # no cookie: nothing a forged cross-site request could ride on
    expected = who.csrf if who is not None and who.via == "session" else ""
    expected = expected or request.cookies.get(CSRF_COOKIE, "")
    sent = await _sent(request)
    if not expected or not sent or not hmac.compare_digest(sent, expected):
        raise Forbidden(
            "This form or request is missing its CSRF token (or it is stale): reload the "
            "page and try again.",
            field="csrf_token",
        )
