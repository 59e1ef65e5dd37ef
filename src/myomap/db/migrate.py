"""Run the packaged Alembic migrations: at start (``Store.open``) and by ``myomap db upgrade``.

Two processes starting at once on a new database do not race: on SQLite the upgrade holds
the write lock (``BEGIN IMMEDIATE``), on PostgreSQL a transaction-level advisory lock.

SQLite rebuilds a table to change it (copy, drop, rename). With foreign keys on, dropping
the old copy would cascade-delete its children, so, as SQLite's documentation prescribes,
the upgrade runs with foreign keys off and runs ``PRAGMA foreign_key_check`` before it
commits: a violation rolls everything back. They are switched on again afterwards.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from myomap.db.database import is_sqlite

__all__ = ["current_revision", "head_revision", "upgrade"]

SCRIPTS = "myomap.db:migrations"
LOCK_KEY = 0x6D796F6D  # "myom": the advisory lock that serialises upgrades on PostgreSQL


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Bring the database to the newest schema; returns the revision it is at."""
    head = head_revision()
    if current_revision(engine) == head:
        return head
    sqlite = is_sqlite(engine)
    options = {"myomap_write": True} if sqlite else {}
    with engine.connect().execution_options(**options) as connection:
        if sqlite:
            _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                if not sqlite:
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY}
                    )
                config = _config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                _foreign_keys(connection, on=True)
    return head


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    """Switch SQLite's foreign keys (outside a transaction, where the pragma has effect)."""
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"migration left rows without their parent: {broken[:5]}")
