"""Rendering a page: ``render`` for the app's pages, ``page`` for server mode's form pages,
which also carry a CSRF token."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from myomap.web.bodymap.views import group_label
from myomap.web.platform.cookies import set_csrf_cookie
from myomap.web.platform.csrf import csrf_token
from myomap.web.platform.deps import AppState

__all__ = ["page", "render"]


def render(state: AppState, request: Request, name: str, **context: Any) -> Response:
    context["group_label"] = group_label
    return state.templates.TemplateResponse(request, name, context)


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    """Render one of these pages, with the CSRF token its forms need."""
    context["csrf"] = csrf_token(request)
    state = request.app.state.myomap
    response: Response = state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    minted = getattr(request.state, "new_csrf", "")
    if minted:
        set_csrf_cookie(response, minted, secure=state.settings.server)
    return response
