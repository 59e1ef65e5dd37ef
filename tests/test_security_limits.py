"""Limits that hold for many workers and instances: rate limits counted in Redis (the
``limits`` library), per-account write limits, and no trust of X-Forwarded-For unless a
proxy is named. The Redis tests start a throwaway redis-server on loopback (.ci/run
installs it) and are skipped where there is none."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import (
    PASSWORD,
    anonymous,
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    token_client,
)

from myomap.settings import Settings
from myomap.web import create_app

REDIS = shutil.which("redis-server")
needs_redis = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    assert REDIS is not None
    port = free_port()
    process = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@needs_redis
def test_sign_in_limits_hold_across_two_instances(tmp_path: Path, redis_url: str) -> None:
    """Two app instances on one database and one Redis: the limit is one limit."""
    with server_app(tmp_path, login_limit=4, redis_url=redis_url) as (first, store):
        second = create_app(
            Settings(
                server=True,
                database_url=str(store.engine.url.render_as_string(hide_password=False)),
                login_limit=4,
                redis_url=redis_url,
            )
        )
        make_user(store, "ana@example.org")
        body = {"email": "ana@example.org", "password": PASSWORD}
        codes = [
            anonymous(app).post("/api/v1/auth/login", json=body).status_code
            for app in (first, second) * 3
        ]
        assert codes == [200, 200, 200, 200, 429, 429]
        second.state.myomap.close()


def test_writes_are_limited_per_account(tmp_path: Path) -> None:
    with server_app(tmp_path, write_limit=3) as (app, store):
        make_user(store, "ana@example.org")
        make_user(store, "ben@example.org")
        ana = token_client(app, store, "ana@example.org")
        ben = token_client(app, store, "ben@example.org")
        codes = [ana.post("/api/v1/diary", json={"overall": 2}).status_code for _ in range(4)]
        assert codes == [201, 201, 201, 429]
        assert ana.get("/api/v1/diary").status_code == 200  # reading is not a write
        assert ben.post("/api/v1/diary", json={"overall": 2}).status_code == 201


def test_forwarded_for_is_believed_only_from_named_proxies(tmp_path: Path) -> None:
    assert Settings().trusted_proxies == ""
    body = {"email": "ana@example.org", "password": PASSWORD}
    with server_app(tmp_path, login_limit=1, trusted_proxies="testclient") as (app, store):
        make_user(store, "ana@example.org")
        client = anonymous(app)
        codes = [
            client.post(
                "/api/v1/auth/login", json=body, headers={"X-Forwarded-For": address}
            ).status_code
            for address in ("10.0.0.1", "10.0.0.2", "10.0.0.2")
        ]
        assert codes == [200, 200, 429]  # behind the named proxy, each client counts alone


def test_rotating_forwarded_for_does_not_escape_the_limit(tmp_path: Path) -> None:
    with server_app(tmp_path, login_limit=2) as (app, store):
        make_user(store, "ana@example.org")
        body = {"email": "ana@example.org", "password": PASSWORD}
        client = anonymous(app)
        codes = [
            client.post(
                "/api/v1/auth/login", json=body, headers={"X-Forwarded-For": f"10.0.0.{n}"}
            ).status_code
            for n in range(3)
        ]
        assert codes == [200, 200, 429]
