"""The two cookies of server mode.

``myomap_session``: the sign-in's secret; HttpOnly, SameSite=Lax, Secure in server mode.
``myomap_csrf``: the CSRF token, readable by static/csrf.js (that is its purpose), also
SameSite=Lax and Secure. Neither means anything without the other's check (csrf.py).
"""

from __future__ import annotations

from starlette.responses import Response

from myomap.web.platform.principal import CSRF_COOKIE, SESSION_COOKIE

__all__ = ["clear_session_cookies", "set_csrf_cookie", "set_session_cookies"]


def set_session_cookies(
    response: Response, token: str, csrf: str, *, max_age: int, secure: bool
) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        httponly=True,
        secure=secure,
        samesite="lax",
        path="/",
    )
    set_csrf_cookie(response, csrf, secure=secure, max_age=max_age)


def set_csrf_cookie(response: Response, csrf: str, *, secure: bool, max_age: int = 86400) -> None:
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=max_age, httponly=False, secure=secure, samesite="lax", path="/"
    )


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
