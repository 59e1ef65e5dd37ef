"""One handler for every error: JSON under /api, an HTML page elsewhere, never a traceback.

Handled: ``MyomapError`` (its ``status``, ``message``, ``field``, ``value``), request
validation errors (422, naming the field and the value given), HTTP errors such as an
unknown URL, and anything unexpected (500, with no internals shown; the log has them).
A page that needs a sign-in sends the browser to /login instead of showing a 401; a 429
carries Retry-After.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException

from myomap.atlas.suggest import closest
from myomap.errors import MyomapError, NotFound, NotSignedIn, TooManyRequests
from myomap.web.platform.deps import state_of

__all__ = ["Problem", "describe", "handle", "install"]

log = logging.getLogger("myomap.web")

TITLES = {
    401: "Sign in first",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "Already there",
    413: "Too large",
    422: "Check what was sent",
    429: "Slow down",
    503: "Try again soon",
    500: "Server error",
}


@dataclass(frozen=True)
class Problem:
    """An error as the person sees it."""

    status: int
    message: str
    field: str | None = None
    value: Any = None
    suggestions: Sequence[tuple[str, str]] = ()
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        try:
            value = jsonable_encoder(self.value)
            json.dumps(value, allow_nan=False)  # NaN, Infinity and 1e999 are not JSON
        except (TypeError, ValueError, RecursionError):
            value = str(self.value)[:200]
        return {"error": {"message": self.message, "field": self.field, "value": value}}


def install(app: FastAPI) -> None:
    for kind in (MyomapError, RequestValidationError, HTTPException, RecursionError, Exception):
        app.add_exception_handler(kind, handle)


async def handle(request: Request, exc: Exception) -> Response:
    problem = describe(request, exc)
    if request.url.path.startswith("/api/"):
        return JSONResponse(problem.json(), status_code=problem.status, headers=problem.headers)
    if problem.status == 401 and request.method == "GET":
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    context = {"problem": problem, "title": TITLES.get(problem.status, "Error")}
    templates = state_of(request).templates
    return templates.TemplateResponse(
        request, "error.html", context, problem.status, headers=dict(problem.headers)
    )


def describe(request: Request, exc: Exception) -> Problem:
    if isinstance(exc, MyomapError):
        hints = _muscle_hints(request, exc) if isinstance(exc, NotFound) else ()
        return Problem(exc.status, exc.message, exc.field, exc.value, hints, _headers(exc))
    if isinstance(exc, RequestValidationError):
        return _invalid(exc)
    if isinstance(exc, HTTPException):
        return Problem(exc.status_code, _http_message(exc), headers=exc.headers or {})
    if isinstance(exc, RecursionError):
        return Problem(422, "The request is nested too deeply.", "body")
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return Problem(500, "Something went wrong on our side. Please try again in a moment.")


def _headers(exc: MyomapError) -> dict[str, str]:
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(exc, TooManyRequests) or isinstance(retry_after, int):
        return {"Retry-After": str(retry_after)}
    if isinstance(exc, NotSignedIn):
        return {"WWW-Authenticate": 'Bearer realm="myomap"'}
    return {}


def _invalid(exc: RequestValidationError) -> Problem:
    errors = exc.errors()
    if not errors:
        return Problem(422, "The request is not valid.")
    first = errors[0]
    where = _field(first.get("loc", ()))
    message = f"Bad value for {where}: {first.get('msg', 'not valid')}."
    return Problem(422, message, where, first.get("input"))


def _field(loc: Sequence[Any]) -> str:
    """("body", "pain", 0, "region") -> "pain[0].region"."""
    parts = list(loc[1:]) if len(loc) > 1 and loc[0] in ("body", "query", "path") else list(loc)
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "body"


def _http_message(exc: HTTPException) -> str:
    if exc.status_code == 404:
        return "There is no page at this address."
    return str(exc.detail)


def _muscle_hints(request: Request, exc: NotFound) -> tuple[tuple[str, str], ...]:
    """(id, name) of muscles close to an unknown muscle name, for links on the 404 page."""
    if exc.field != "muscle" or not isinstance(exc.value, str):
        return ()
    muscles = state_of(request).atlas.muscles
    by_key = {m.id: m for m in muscles.values()} | {m.name: m for m in muscles.values()}
    found = closest(exc.value, by_key)
    return tuple(dict.fromkeys((by_key[k].id, by_key[k].name) for k in found))
