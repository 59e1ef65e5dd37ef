"""The cookies of server mode: the session (``__Host-myomap_session``, the sign-in's
secret) and the known device (``__Host-myomap_device``, principal.py).

Both are HttpOnly (no script reads them), SameSite=Lax, Secure, Path=/ and without a
Domain, as the ``__Host-`` prefix requires. Cross-site requests that change something are
refused by origin before any route runs (csrf.py).
"""

from __future__ import annotations

from starlette.responses import Response

from myomap.web.platform.principal import DEVICE_COOKIE, SESSION_COOKIE

__all__ = ["DEVICE_DAYS", "clear_session_cookies", "set_device_cookie", "set_session_cookies"]

DEVICE_DAYS = 180


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


def set_device_cookie(response: Response, token: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        max_age=DEVICE_DAYS * 86400,
        httponly=True,
        secure=True,
        samesite="lax",
        path="/",
    )


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
