"""Two ASGI middlewares that wrap the whole app: security headers on every response
(``Cache-Control: no-store`` on all but static files), and a cap on the request body (413
above ``max_body_bytes``).

The Content-Security-Policy allows scripts from this origin only (no inline script, no
eval): the pages' JavaScript lives in static/, the Swagger UI's initializer too
(static/docs.js). HSTS is sent in server mode, where TLS is expected (docs/deployment.md).
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSP", "BodyLimit", "SecurityHeaders"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
CACHEABLE = "/static/"
"""Only the app's own static files may be cached; every other response (pages, API,
downloads, errors) may carry health data and is sent with ``Cache-Control: no-store``."""


class SecurityHeaders:
    """Adds the headers above to every HTTP response (errors and static files too)."""

    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.headers = [*HEADERS, HSTS] if hsts else list(HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
                if not scope["path"].startswith(CACHEABLE):
                    message["headers"] = [
                        (k, v) for k, v in message["headers"] if k.lower() != b"cache-control"
                    ]
                    message["headers"].append((b"cache-control", b"no-store"))
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses a body larger than ``limit`` bytes with 413: by Content-Length before the app
    runs, or, for a chunked body, by counting as it arrives and raising an HTTPException
    that the app's one error handler renders."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._refuse(scope, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, counting_receive, send)

    def _message(self) -> str:
        return f"The request body is larger than {self.limit} bytes."

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = self._message()
        if scope["path"].startswith("/api/"):
            body = json.dumps({"error": {"message": message, "field": "body", "value": None}})
            kind = b"application/json"
        else:
            body, kind = f"413: {message}", b"text/plain; charset=utf-8"
        data = body.encode()
        headers = [(b"content-type", kind), (b"content-length", str(len(data)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": data})
