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

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from myomap import __version__
from myomap.atlas import Atlas, load_atlas
from myomap.defaults import default_atlas, default_model
from myomap.engine import Model, compile_model
from myomap.engine.triage import LEVEL_WORDS
from myomap.settings import Settings
from myomap.web import api, diary_api, diary_pages, errors, guard, ops, pages
from myomap.web.deps import AppState

__all__ = ["create_app"]

STATIC = Path(__file__).parent / "static"
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
        dependencies=[guard.GUARD],  # who may call what: web/access.py
    )
    app.state.myomap = AppState(settings=settings, atlas=atlas, model=model, templates=_templates())
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(diary_api.router)
    app.include_router(diary_pages.router)
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER_UI), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(ops.router)
    guard.install(app, settings)
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


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("myomap.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["level_words"] = LEVEL_WORDS
    return Jinja2Templates(env=env)
