"""Helpers for tests that need a database: a fresh SQLite file or PostgreSQL schema.

    with temporary_database("sqlite", tmp_path) as url: ...
    with temporary_database("postgresql", tmp_path) as url: ...   # MYOMAP_TEST_POSTGRES_URL

Each PostgreSQL database is a new schema (dropped afterwards) in the server named by
``MYOMAP_TEST_POSTGRES_URL``, so parallel test workers never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

__all__ = ["POSTGRES_ENV", "Backend", "postgres_url", "temporary_database"]

POSTGRES_ENV = "MYOMAP_TEST_POSTGRES_URL"
Backend = Literal["sqlite", "postgresql"]


def postgres_url() -> str | None:
    """The test server's URL, or None when ``MYOMAP_TEST_POSTGRES_URL`` is unset."""
    return os.environ.get(POSTGRES_ENV) or None


@contextmanager
def temporary_database(backend: Backend, folder: Path) -> Iterator[str]:
    """The URL of an empty database that is removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'myomap-test.db'}"
        return
    base = postgres_url()
    if base is None:
        raise RuntimeError(f"{POSTGRES_ENV} is not set")
    parsed = make_url(base).set(drivername="postgresql+psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = parsed.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
