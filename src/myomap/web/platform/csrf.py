"""CSRF protection by origin: a state-changing request from another site is refused (403).

Browsers say where a request comes from. ``CrossOriginProtection`` (the check that Go's
``net/http.CrossOriginProtection`` and datasette use) lets a POST, PUT, PATCH or DELETE
through only when:

- ``Sec-Fetch-Site`` is ``same-origin`` or ``none`` (typed by the person), or
- without ``Sec-Fetch-Site`` (older browsers), ``Origin`` is this site's own origin (its
  ``Host``) or one of ``MYOMAP_TRUSTED_ORIGINS``, or
- neither header is present: not a browser (curl, scripts, the API with a bearer token),
  so no cookie of a victim's browser can ride along.

It covers every route, sign-in and sign-up included (a cross-site form cannot sign a
browser into someone else's account), in local and server mode alike, without tokens in
forms or a ``fetch`` wrapper. Session cookies are SameSite=Lax as a second line.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["SAFE_METHODS", "CrossOriginProtection", "allowed"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
SAME = frozenset({"same-origin", "none"})
MESSAGE = (
    "This request came from another site, so it was refused (cross-site request "
    "forgery protection). Use myomap's own pages, or the API without a browser."
)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def allowed(
    method: str,
    headers: dict[str, str],
    *,
    scheme: str,
    trusted: frozenset[str] = frozenset(),
) -> bool:
    """Whether a request with these (lower-cased) headers may change state."""
    if method in SAFE_METHODS:
        return True
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in SAME
    origin = headers.get("origin")
    if origin is None:
        return True  # no browser sent this: nothing of a victim's browser rides along
    origin = origin.lower()
    host = headers.get("host", "").lower()
    return origin in trusted or origin in (f"{scheme}://{host}", f"https://{host}")


class CrossOriginProtection:
    """ASGI middleware: refuse cross-site state changes before any route runs."""

    def __init__(self, app: ASGIApp, *, trusted_origins: str = "") -> None:
        self.app = app
        self.trusted = frozenset(
            o for o in (_origin(t.strip()) for t in trusted_origins.split(",")) if o
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        scheme = str(scope.get("scheme", "http"))
        if allowed(scope["method"], headers, scheme=scheme, trusted=self.trusted):
            await self.app(scope, receive, send)
            return
        await _refuse(scope, send)


async def _refuse(scope: Scope, send: Send) -> None:
    if scope["path"].startswith("/api/"):
        body = json.dumps({"error": {"message": MESSAGE, "field": "origin", "value": None}})
        kind = b"application/json"
    else:
        body, kind = f"403: {MESSAGE}", b"text/plain; charset=utf-8"
    data = body.encode()
    headers = [(b"content-type", kind), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": data})
