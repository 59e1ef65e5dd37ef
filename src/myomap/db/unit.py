"""The unit of work: one database engine and its transactions, shared by every repository.

    unit = UnitOfWork(open_engine(url))
    with unit.writing() as session: ...             # one write transaction
    with unit.reading(consistent=True) as s: ...    # one snapshot across many queries

A write transaction on SQLite starts with ``BEGIN IMMEDIATE`` (writers wait their turn);
reads see one snapshot. Every database error leaves as one of the neutral errors of
``failures.py``: nothing half-written, no URL or SQL shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from myomap.db.database import is_sqlite
from myomap.db.failures import database_errors

__all__ = ["UnitOfWork"]


class UnitOfWork:
    """Transactions on one engine; repositories borrow them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        # SQLite reads see one snapshot per transaction already (WAL + explicit BEGIN).
        snapshot = (
            engine
            if is_sqlite(engine)
            else engine.execution_options(isolation_level="REPEATABLE READ")
        )
        self._snapshot = sessionmaker(snapshot, expire_on_commit=False)
        writer = engine.execution_options(myomap_write=True)
        self._write = sessionmaker(writer, expire_on_commit=False)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: committed at the end, rolled back on any error."""
        with database_errors(), self._write() as session, session.begin():
            yield session

    @contextmanager
    def reading(self, *, consistent: bool = False) -> Iterator[Session]:
        """One read transaction; ``consistent`` gives one snapshot across many queries."""
        factory = self._snapshot if consistent else self._read
        with database_errors(), factory() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
