"""The session cookie of server mode: ``myomap_session``, the sign-in's secret.

HttpOnly (no script reads it), SameSite=Lax, and Secure in server mode. Cross-site
requests that change something are refused by origin before any route runs (csrf.py).
"""

from __future__ import annotations

from starlette.responses import Response

from myomap.web.platform.principal import SESSION_COOKIE

__all__ = ["clear_session_cookies", "set_session_cookies"]


def set_session_cookies(response: Response, token: str, *, max_age: int, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        httponly=True,
        secure=secure,
        samesite="lax",
        path="/",
    )


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
