"""Puts server mode's protection around an app: ``GUARD`` is the app-wide dependency
(``access.authorize``), ``install`` adds the rest.

- the account and clinic routers (server mode only; local mode has one implicit person);
- the security headers and body-size middlewares (both modes);
- the rate limiter, and the template globals the navigation needs.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI
from fastapi.params import Depends as DependsParam

from myomap.settings import Settings
from myomap.web import access, account_api, account_pages, auth_api, clinic_api, clinic_pages
from myomap.web.ratelimit import RateLimiter
from myomap.web.security import BodyLimit, SecurityHeaders

__all__ = ["GUARD", "install", "routers"]

GUARD: DependsParam = Depends(access.authorize)


def routers(settings: Settings) -> list[APIRouter]:
    if not settings.server:
        return []
    return [
        auth_api.router,
        account_api.router,
        account_pages.router,
        clinic_api.router,
        clinic_pages.router,
    ]


def install(app: FastAPI, settings: Settings) -> None:
    """Everything but the global dependency, which ``FastAPI(dependencies=…)`` takes."""
    for router in routers(settings):
        app.include_router(router)
    app.state.myomap_limiter = RateLimiter()
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, hsts=settings.server)
    app.state.myomap.templates.env.globals["server_mode"] = settings.server
