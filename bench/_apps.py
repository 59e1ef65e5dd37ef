"""Apps the API benchmark serves: the real app with a trivial endpoint added, and a bare app.

``myomap_app`` is what ``myomap serve`` runs, plus ``POST /bench/noop``, which reads the
same JSON body and answers ``{"ok": true}``: the same server, middleware and access guard,
without the engine. ``bare_app`` is FastAPI with that one endpoint and nothing else.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

NOOP = "/bench/noop"


async def noop(body: dict[str, Any]) -> dict[str, bool]:
    """The trivial endpoint: parse the body, answer a constant."""
    return {"ok": bool(body) or True}


def myomap_app() -> FastAPI:
    from myomap.web.app import create_app

    app = create_app()
    app.add_api_route(NOOP, noop, methods=["POST"])
    return app


def bare_app() -> FastAPI:
    app = FastAPI()
    app.add_api_route(NOOP, noop, methods=["POST"])
    return app
