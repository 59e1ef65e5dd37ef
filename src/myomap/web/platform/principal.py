"""Who is asking: the local person (local mode), or the account behind a bearer token or
a session cookie (server mode), or nobody.

``current_principal`` resolves it once per request and leaves it on ``request.state`` for
the templates and the error handler; ``PrincipalDep`` is how handlers ask for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from myomap.accounts.model import User
from myomap.db.tables import LOCAL_USER_ID
from myomap.errors import NotSignedIn
from myomap.settings import Settings

if TYPE_CHECKING:  # server mode only: password hashing and strength checks load with them
    from myomap.accounts.sharing import Sharing
    from myomap.accounts.users import Accounts

__all__ = [
    "DEVICE_COOKIE",
    "SESSION_COOKIE",
    "Principal",
    "PrincipalDep",
    "accounts",
    "client_ip",
    "current_principal",
    "require",
    "sharing",
]

SESSION_COOKIE = "__Host-myomap_session"
"""``__Host-``: only ever set by this host, over HTTPS, for the whole site (no Domain)."""
DEVICE_COOKIE = "__Host-myomap_device"
"""Marks a browser that signed in before: it skips the sign-in back-off (throttle.py)."""


@dataclass(frozen=True)
class Principal:
    """The account a request acts as, and how it proved it."""

    user: User
    via: Literal["local", "session", "token"]
    session_token: str = ""

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def is_clinician(self) -> bool:
        return self.user.role == "clinician"


LOCAL = Principal(
    user=User(
        id=LOCAL_USER_ID, email="local", role="person", created_at=datetime(2025, 1, 1, tzinfo=UTC)
    ),
    via="local",
)
_UNRESOLVED = object()


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.myomap.settings
    return settings


def accounts(request: Request) -> Accounts:
    """The accounts of this app's database."""
    from myomap.accounts.users import Accounts

    settings = _settings(request)
    return Accounts(
        request.app.state.myomap.store(),
        session_hours=settings.session_hours,
        token_hours=settings.token_hours,
        idle_minutes=settings.session_idle_minutes,
    )


def sharing(request: Request) -> Sharing:
    from myomap.accounts.sharing import Sharing

    return Sharing(request.app.state.myomap.store())


def client_ip(request: Request) -> str:
    """The caller's address (behind a proxy, uvicorn sets it from X-Forwarded-For)."""
    return request.client.host if request.client else ""


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _resolve(request: Request) -> Principal | None:
    """The account behind the request's bearer token or session cookie (server mode)."""
    token = _bearer(request)
    if token is not None:
        user = accounts(request).token_user(token)
        return Principal(user=user, via="token") if user else None
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        user = accounts(request).session_user(cookie)
        if user:
            return Principal(user=user, via="session", session_token=cookie)
    return None


async def current_principal(request: Request) -> Principal | None:
    """Who this request acts as (None: nobody signed in), resolved once per request.

    Local mode answers at once; server mode looks the token or session up in the database
    in a worker thread, off the event loop."""
    found = getattr(request.state, "principal", _UNRESOLVED)
    if found is _UNRESOLVED:
        if _settings(request).server:
            found = await run_in_threadpool(_resolve, request)
        else:
            found = LOCAL
        request.state.principal = found
    assert found is None or isinstance(found, Principal)
    return found


PrincipalDep = Annotated[Principal | None, Depends(current_principal)]


def require(who: Principal | None) -> Principal:
    """``who``, or NotSignedIn (401) when nobody is signed in."""
    if who is None:
        raise NotSignedIn("Sign in first: this needs an account.", field="authorization")
    return who
