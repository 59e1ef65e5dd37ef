"""What every request handler needs: the app's atlas, compiled model and templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from myomap.atlas import Atlas
from myomap.engine import Model
from myomap.settings import Settings

__all__ = ["AppState", "StateDep", "app_state"]


@dataclass(frozen=True)
class AppState:
    """Built once per app by ``create_app`` and shared by every request."""

    settings: Settings
    atlas: Atlas
    model: Model
    templates: Jinja2Templates


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.myomap
    return state


StateDep = Annotated[AppState, Depends(app_state)]
