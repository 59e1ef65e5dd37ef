"""Run the packaged Alembic migrations: at start (``Store.open``) and by ``myomap db upgrade``.

Checking is cheap: the head revision is read from the migration files and the database's
revision from its ``alembic_version`` row with plain SQL, so a database already at the head
opens without loading Alembic (about a quarter of a second of a command's start). Any other
state (a new database, an older schema, a revision this version does not know) goes to
Alembic exactly as before: it migrates, or refuses what it cannot place.

Two processes starting at once on a new database do not race: on SQLite the upgrade holds
the write lock (``BEGIN IMMEDIATE``), on PostgreSQL a transaction-level advisory lock.

SQLite rebuilds a table to change it (copy, drop, rename). With foreign keys on, dropping
the old copy would cascade-delete its children, so, as SQLite's documentation prescribes,
the upgrade runs with foreign keys off and runs ``PRAGMA foreign_key_check`` before it
commits: a violation rolls everything back. They are switched on again afterwards.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from myomap.db.database import is_sqlite

if TYPE_CHECKING:  # Alembic loads only when a schema has to change (or to check this file)
    from alembic.config import Config

__all__ = ["current_revision", "head_revision", "upgrade"]

SCRIPTS = "myomap.db:migrations"
VERSIONS = Path(__file__).parent / "migrations" / "versions"
VERSION_TABLE = "alembic_version"
LOCK_KEY = 0x6D796F6D  # "myom": the advisory lock that serialises upgrades on PostgreSQL

_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)
_PLAIN = re.compile(r"""^(?:None|"[\w-]+"|'[\w-]+')$""")


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    return config


@functools.cache
def head_revision() -> str:
    """The newest revision of the packaged migrations.

    Read from the files' ``revision = "…"`` and ``down_revision = "…"`` lines: the one
    revision no other revises. Anything unusual (a merge, two heads, an expression) is left
    to Alembic, which reads the scripts the full way.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        revision, parent = found.get("revision"), found.get("down_revision")
        if revision is None and parent is None:  # not a migration (``__init__.py``)
            continue
        if not (revision and parent and _PLAIN.match(revision) and _PLAIN.match(parent)):
            return _alembic_head()
        revisions.add(revision.strip("\"'"))
        if parent != "None":
            parents.add(parent.strip("\"'"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else _alembic_head()


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (None: a database without one, e.g. a new file)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
        if len(rows) <= 1:
            return str(rows[0][0]) if rows else None
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()  # raises


def upgrade(engine: Engine) -> str:
    """Bring the database to the newest schema; returns the revision it is at."""
    head = head_revision()
    if current_revision(engine) == head:
        return head
    from alembic import command  # only when the schema has to change: it costs ~0.3 s

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
