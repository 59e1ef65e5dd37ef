"""Opening the database: the URL, SQLite's pragmas and transactions, PostgreSQL via psycopg 3.

SQLite runs in WAL mode with foreign keys on and a busy timeout, so several processes can
write at once: a write transaction starts with ``BEGIN IMMEDIATE`` and waits its turn
instead of failing. Reads start with a plain ``BEGIN`` and see one consistent snapshot.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from myomap.errors import MyomapError

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DATABASE_ENV",
    "configured_url",
    "default_url",
    "is_sqlite",
    "open_engine",
]

DATABASE_ENV = "MYOMAP_DATABASE_URL"

BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite writer waits for another one to finish before giving up."""


def default_url() -> str:
    """The default database: ``myomap.db`` in the user's data directory (created if needed)."""
    folder = Path(platformdirs.user_data_dir("myomap", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'myomap.db'}"


def configured_url(url: str | None = None) -> str:
    """``url``, else ``MYOMAP_DATABASE_URL``, else the default SQLite file."""
    return url or os.environ.get(DATABASE_ENV) or default_url()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _normalise(url: str) -> URL:
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError and friends
        raise MyomapError(
            f"MYOMAP_DATABASE_URL {url!r} is not a database URL: use sqlite:///PATH or "
            "postgresql://USER@HOST:PORT/DB.",
            field="database_url",
        ) from exc
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise MyomapError(
            f"Unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL.",
            field="database_url",
        )
    return parsed


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("myomap_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def open_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: the SQLite file in the user data directory)."""
    parsed = _normalise(url or default_url())
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _sqlite_setup(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True)
