"""Run the packaged Alembic migrations: at start (``Store.open``) and by ``myomap db upgrade``.

Two processes starting at once on a new database do not race: on SQLite the upgrade holds
the write lock (``BEGIN IMMEDIATE``), on PostgreSQL a transaction-level advisory lock.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

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
    options = {"myomap_write": True} if is_sqlite(engine) else {}
    with engine.connect().execution_options(**options) as connection, connection.begin():
        if not is_sqlite(engine):
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return head
