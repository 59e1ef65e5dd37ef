"""Helpers for server-mode tests: a fresh app on a fresh database, and accounts in it.

with server_app(tmp_path) as (app, store): ...
client = signed_in(app, store, "ana@example.org")        # a cookie session, same-origin
bearer = token_client(app, store, "ana@example.org")      # Authorization: Bearer
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from myomap.accounts import passwords
from myomap.accounts.users import Accounts, Role, User
from myomap.db import Store
from myomap.db.testing import Backend, temporary_database
from myomap.settings import Settings
from myomap.web import create_app
from myomap.web.platform.principal import SESSION_COOKIE

PASSWORD = "correct horse battery staple"
BASE = "https://testserver"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": BASE}
CROSS_SITE = {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with tiny costs: the same code path, milliseconds instead of tenths."""
    monkeypatch.setattr(
        passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )


@contextmanager
def server_app(
    folder: Path, backend: Backend = "sqlite", **settings: Any
) -> Iterator[tuple[FastAPI, Store]]:
    with temporary_database(backend, folder) as url:
        app = create_app(Settings(server=True, database_url=url, **settings))
        store = app.state.myomap.store()
        try:
            yield app, store
        finally:
            app.state.myomap.close()


def make_user(store: Store, email: str, role: Role = "person") -> User:
    accounts = Accounts(store)
    user = accounts.add_user(email, role=role)
    accounts.reset_password(email, accounts.reset_token(email), PASSWORD)
    return user


def signed_in(app: FastAPI, store: Store, email: str) -> TestClient:
    """A browser-like client: a session cookie, and the headers a browser sends on its own
    site's requests (``Sec-Fetch-Site: same-origin``, ``Origin``)."""
    user = Accounts(store).by_email(email)
    token = Accounts(store).start_session(user.id)
    client = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    client.cookies.set(SESSION_COOKIE, token)
    client.headers.update(SAME_ORIGIN)
    return client


def token_client(app: FastAPI, store: Store, email: str) -> TestClient:
    user = Accounts(store).by_email(email)
    client = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {Accounts(store).issue_token(user.id)}"
    return client


def anonymous(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=BASE, raise_server_exceptions=False)
