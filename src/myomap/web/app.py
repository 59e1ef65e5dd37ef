"""``create_app``: the FastAPI app, with nothing needed on disk but the package itself.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> client.get("/api/v1/muscles/iliopsoas").json()["name"]
'Iliopsoas'
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from myomap import __version__
from myomap.atlas import Atlas, load_atlas
from myomap.engine import Model, compile_model
from myomap.engine.defaults import default_atlas, default_model
from myomap.engine.urgency import AGE_PROMPT, LEVEL_WORDS
from myomap.settings import Settings
from myomap.web.assess import api as assess_api
from myomap.web.assess import pages as assess_pages
from myomap.web.atlas import api as atlas_api
from myomap.web.atlas import pages as atlas_pages
from myomap.web.diary import api as diary_api
from myomap.web.diary import pages as diary_pages
from myomap.web.platform import errors, ops
from myomap.web.platform.access import GUARD
from myomap.web.platform.csrf import CrossOriginProtection
from myomap.web.platform.deps import AppState
from myomap.web.platform.ratelimit import RateLimiter
from myomap.web.platform.security import BodyLimit, SecurityHeaders

__all__ = ["create_app"]

FEATURES = ("platform", "bodymap", "assess", "atlas", "diary", "accounts", "clinic", "home")
"""The feature packages under ``myomap.web``; each may hold ``templates/`` and ``static/``."""
SWAGGER_UI = Path(str(files("fastapi_offline") / "static"))
"""Swagger UI 5 (reads OpenAPI 3.1) as packaged by fastapi-offline: served locally, no CDN."""


def create_app(settings: Settings | None = None, atlas: Atlas | None = None) -> FastAPI:
    """The web app over ``atlas`` (default: the built-in atlas, or ``settings.atlas_path``)."""
    settings = settings or Settings()
    atlas, model = _knowledge(settings, atlas)
    app = FastAPI(
        docs_url=None,
        redoc_url=None,
        title="myomap",
        version=__version__,
        description="Find which muscles' trigger points may cause your pain. "
        "myomap informs; it does not diagnose.",
        lifespan=_lifespan,
        dependencies=[GUARD],  # who may call what: web/platform/access.py
    )
    app.state.myomap = AppState(settings=settings, atlas=atlas, model=model, templates=_templates())
    app.state.myomap.templates.env.globals["server_mode"] = settings.server
    app.state.myomap_limiter = RateLimiter(settings.redis_url)
    for router in _routers(settings):
        app.include_router(router)
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER_UI), name="swagger")
    app.mount("/static", StaticFiles(packages=_static_packages()), name="static")
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(CrossOriginProtection, trusted_origins=settings.trusted_origins)
    app.add_middleware(SecurityHeaders, hsts=settings.server)
    if settings.trusted_proxies:  # outermost: X-Forwarded-For/-Proto from these proxies only
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    errors.install(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Close the diary database when the server stops."""
    yield
    app.state.myomap.close()


def _knowledge(settings: Settings, atlas: Atlas | None) -> tuple[Atlas, Model]:
    """The atlas and its model, compiled once; the built-in atlas shares the process's."""
    if atlas is not None:
        return atlas, compile_model(atlas)
    if settings.atlas_path is not None:
        custom = load_atlas(settings.atlas_path)
        return custom, compile_model(custom)
    return default_atlas(), default_model()


def _routers(settings: Settings) -> list[APIRouter]:
    """Every route of the app; accounts and the clinic exist in server mode only (local mode
    has one implicit person). Their modules load in server mode only: local mode never
    needs them (accounts, password checks, the clinic's views)."""
    routers: list[APIRouter] = []
    if settings.server:
        from myomap.web.home import pages as home_pages

        routers.append(home_pages.router)  # "/" first: the front door
    routers += [
        atlas_api.router,
        assess_api.router,
        assess_pages.router,
        atlas_pages.router,
        diary_api.router,
        diary_pages.router,
        ops.router,
    ]
    if settings.server:
        from myomap.web.accounts import api as accounts_api
        from myomap.web.accounts import auth as accounts_auth
        from myomap.web.accounts import pages as accounts_pages
        from myomap.web.clinic import api as clinic_api
        from myomap.web.clinic import pages as clinic_pages

        routers += [
            accounts_auth.router,
            accounts_api.router,
            accounts_pages.router,
            clinic_api.router,
            clinic_pages.router,
        ]
    return routers


def _feature_dirs(kind: str) -> list[tuple[str, str]]:
    root = Path(__file__).parent
    return [(f"myomap.web.{f}", kind) for f in FEATURES if (root / f / kind).is_dir()]


def _static_packages() -> list[str | tuple[str, str]]:
    return list(_feature_dirs("static"))


def _templates() -> Jinja2Templates:
    loaders = [PackageLoader(package, path) for package, path in _feature_dirs("templates")]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["level_words"] = LEVEL_WORDS
    env.globals["age_prompt"] = AGE_PROMPT
    return Jinja2Templates(env=env)
