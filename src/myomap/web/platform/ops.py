"""The operator's routes, in both modes: the API docs and a health check.

/docs is Swagger UI 5 from the fastapi-offline package (served locally, no CDN), with its
initializer in static/docs.js, so the Content-Security-Policy needs no inline script.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlalchemy import text

from myomap.web.platform.deps import StateDep

__all__ = ["router"]

router = APIRouter()


class Health(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request, state: StateDep) -> Response:
    return state.templates.TemplateResponse(request, "docs.html", {"openapi_url": "/openapi.json"})


@router.get("/api/v1/health", response_model=Health, tags=["operator"])
def health(state: StateDep) -> Health:
    """For load balancers and monitors: the app answers, and so does its database."""
    with state.store().reading() as session:
        session.execute(text("SELECT 1"))
    return Health(status="ok", database="ok")
