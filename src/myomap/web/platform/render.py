"""Rendering a page: ``render`` for the app's pages, ``page`` for server mode's form pages."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from myomap.web.bodymap.views import group_label
from myomap.web.platform.deps import AppState

__all__ = ["page", "render"]


def render(state: AppState, request: Request, name: str, **context: Any) -> Response:
    context["group_label"] = group_label
    return state.templates.TemplateResponse(request, name, context)


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    """Render one of these pages with a status."""
    state = request.app.state.myomap
    response: Response = state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    return response
