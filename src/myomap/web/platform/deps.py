"""What every request handler needs: the app's atlas, compiled model, templates and store."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from myomap.atlas import Atlas
from myomap.db import Store
from myomap.db.quota import NO_QUOTA, Quota
from myomap.engine import Model
from myomap.settings import Settings
from myomap.web.platform.principal import PrincipalDep, require

__all__ = ["AppState", "StateDep", "StoreDep", "app_state", "state_of", "store"]


@dataclass(frozen=True)
class AppState:
    """Built once per app by ``create_app`` and shared by every request."""

    settings: Settings
    atlas: Atlas
    model: Model
    templates: Jinja2Templates
    _store: list[Store] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def store(self) -> Store:
        """The diary database, opened (and migrated) on first use, then shared."""
        with self._lock:
            if not self._store:
                opened = Store.open(
                    self.settings.database_url, atlas=self.atlas, quota=quota(self.settings)
                )
                self._store.append(opened)
            return self._store[0]

    def close(self) -> None:
        with self._lock:
            for opened in self._store:
                opened.close()
            self._store.clear()


def quota(settings: Settings) -> Quota:
    """Each account's storage quota: the settings' in server mode, none in local mode."""
    if not settings.server:
        return NO_QUOTA
    return Quota(
        entries=settings.quota_entries,
        assessments=settings.quota_assessments,
        text_bytes=settings.quota_text,
    )


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.myomap
    return state


async def app_state(request: Request) -> AppState:
    """``state_of`` as a dependency: an attribute read, so no worker thread hands it over."""
    return state_of(request)


StateDep = Annotated[AppState, Depends(app_state)]


def store(state: StateDep, who: PrincipalDep) -> Store:
    """The store for this request, scoped to the person it acts as (the local person in
    local mode, the signed-in account in server mode): every diary route must get its
    store through this dependency, and sees only that person's rows."""
    return state.store().for_owner(require(who).id)


StoreDep = Annotated[Store, Depends(store)]
