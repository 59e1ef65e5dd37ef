"""Shared fixtures: the real atlas and model, and the tiny hand-checked atlas."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from myomap.atlas import Atlas, load_atlas
from myomap.engine import Model, compile_model
from myomap.engine.defaults import default_atlas, default_model
from myomap.settings import Settings
from myomap.web import create_app

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "atlas" / "valid"

# The atlas cache (myomap.atlas.cache) lives in the project's .pytest_cache, never in the
# user's cache folder; CLI subprocesses inherit it and start warm. MYOMAP_CACHE_DIR=off
# runs the suite without it.
os.environ.setdefault(
    "MYOMAP_CACHE_DIR", str(Path(__file__).resolve().parents[1] / ".pytest_cache" / "myomap")
)


def pytest_sessionstart(session: pytest.Session) -> None:
    """With MYOMAP_REQUIRE_ALL=1 (as .ci/run sets it), nothing may be skipped for want of
    PostgreSQL, Chromium, redis-server or haproxy: a missing one stops the run instead of
    hiding tests."""
    if os.environ.get("MYOMAP_REQUIRE_ALL") != "1":
        return
    missing = []
    if not os.environ.get("MYOMAP_TEST_POSTGRES_URL"):
        missing.append("MYOMAP_TEST_POSTGRES_URL (a PostgreSQL database for the storage tests)")
    if not Path("/usr/bin/chromium").exists():
        missing.append("/usr/bin/chromium (Debian's chromium, for the browser tests)")
    for binary in ("redis-server", "haproxy"):
        if shutil.which(binary) is None and not Path(f"/usr/sbin/{binary}").exists():
            missing.append(f"{binary} (Debian's {binary}, for tests/test_multi_instance.py)")
    if missing:
        raise pytest.UsageError("MYOMAP_REQUIRE_ALL=1 but missing: " + "; ".join(missing))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (several seconds each) run first, the rest keep their order:
    started last, one of them would leave the other worker idle while it finishes."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return default_atlas()


@pytest.fixture(scope="session")
def model() -> Model:
    return default_model()


@pytest.fixture(scope="session")
def tiny_atlas() -> Atlas:
    return load_atlas(TINY)


@pytest.fixture(scope="session")
def tiny(tiny_atlas: Atlas) -> Model:
    return compile_model(tiny_atlas)


@pytest.fixture(scope="session")
def web_app(atlas: Atlas) -> FastAPI:
    """The web app in memory, over the built-in atlas."""
    return create_app(Settings(), atlas=atlas)


@pytest.fixture()
def client(web_app: FastAPI) -> Iterator[TestClient]:
    """A client for the in-memory app; server errors come back as 500 responses."""
    with TestClient(web_app, raise_server_exceptions=False) as test_client:
        yield test_client
