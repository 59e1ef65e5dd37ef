"""Alembic environment: runs on the connection that ``myomap.db.migrate`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from myomap.db.tables import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):  # pragma: no cover - only via migrate.upgrade
    raise RuntimeError("run migrations with myomap.db.migrate.upgrade(engine)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
