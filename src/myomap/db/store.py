"""The store: a unit of work (``unit.py``) plus one repository per concern, seen as one
person. The CLI, the web app and tests call one method per action.

Store.open(url)                 open (and migrate) the database; url default:
                                MYOMAP_DATABASE_URL, else SQLite in the user data folder
store.entries                   Entries: add, find, get, update, delete, restore
store.assessments               Assessments: save, recent, get, delete, latest, rerun
export_all / import_all         the whole diary as a Snapshot (transfer.py; new ids)
for_owner(user_id)              the same database, seen as another person
writing() / reading()           the unit of work's transactions, for other repositories
                                (accounts, sharing, audit: myomap.accounts)

The older one-call names (``add_entry``, ``list_entries``, ``save_assessment`` …) stay as
thin delegates. The assessments' repository (with the engine's result types) and the
export format load on first use: ``myomap diary add`` needs neither.

A store belongs to one person (``owner_id``; by default the local person): every query
filters by it and every write stamps it, so nobody reads or changes what is not theirs;
with a ``Quota`` (server mode) no person can fill the disk.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from myomap.atlas.model import Atlas
from myomap.atlas.names import RegionNames, region_names
from myomap.db.database import configured_url, open_engine
from myomap.db.entries import UNSET, Entries
from myomap.db.failures import database_errors
from myomap.db.migrate import upgrade
from myomap.db.quota import NO_QUOTA, Quota
from myomap.db.tables import LOCAL_USER_ID
from myomap.db.unit import UnitOfWork

if TYPE_CHECKING:
    from myomap.db.assessments import Assessments
    from myomap.diary import Assessment, Rerun, Snapshot
    from myomap.engine import Evidence, Model, Result

__all__ = ["UNSET", "Quota", "Store"]


class Store:
    """The diary and saved assessments of one person, in one database."""

    def __init__(
        self,
        engine: Engine | UnitOfWork,
        *,
        atlas: Atlas | None = None,
        owner_id: int = LOCAL_USER_ID,
        quota: Quota = NO_QUOTA,
    ) -> None:
        self.unit = engine if isinstance(engine, UnitOfWork) else UnitOfWork(engine)
        self.engine = self.unit.engine
        self.owner_id = owner_id
        self.quota = quota
        self._atlas = atlas
        self._repositories()

    def _repositories(self) -> None:
        self.entries = Entries(
            self.unit, self.owner_id, lambda: self.atlas, self.quota, self._region_names
        )
        self._assessments: Assessments | None = None
        # The one-call names, as the repository's own (typed) methods:
        self.add_entry = self.entries.add
        self.list_entries = self.entries.find
        self.get_entry = self.entries.get
        self.update_entry = self.entries.update
        self.delete_entry = self.entries.delete
        self.restore_entry = self.entries.restore

    @property
    def assessments(self) -> Assessments:
        if self._assessments is None:
            from myomap.db.assessments import Assessments

            self._assessments = Assessments(
                self.unit, self.owner_id, lambda: self.atlas, self.quota
            )
        return self._assessments

    def save_assessment(self, *, evidence: Evidence, result: Result, note: str = "") -> Assessment:
        return self.assessments.save(evidence=evidence, result=result, note=note)

    def list_assessments(self, *, limit: int | None = None) -> list[Assessment]:
        return self.assessments.recent(limit=limit)

    def get_assessment(self, assessment_id: int) -> Assessment:
        return self.assessments.get(assessment_id)

    def delete_assessment(self, assessment_id: int) -> Assessment:
        return self.assessments.delete(assessment_id)

    def latest_assessment(self) -> Assessment | None:
        return self.assessments.latest()

    def rerun_assessment(self, assessment_id: int, *, model: Model | None = None) -> Rerun:
        return self.assessments.rerun(assessment_id, model=model)

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        atlas: Atlas | None = None,
        migrate: bool = True,
        quota: Quota = NO_QUOTA,
    ) -> Store:
        """Open the database at ``url`` (default: ``MYOMAP_DATABASE_URL``, else SQLite in
        the user data directory), bringing its schema up to date."""
        store = cls(open_engine(configured_url(url)), atlas=atlas, quota=quota)
        if migrate:
            with database_errors():
                upgrade(store.engine)
        return store

    def close(self) -> None:
        self.unit.close()

    def for_owner(self, owner_id: int) -> Store:
        """This store seen as ``owner_id``: same engine and connections, their rows only."""
        scoped = copy.copy(self)
        scoped.owner_id = owner_id
        scoped._repositories()
        return scoped

    def _region_names(self) -> RegionNames:
        """The given atlas's region names, else the built-in atlas's from their own small
        cache file (adding a diary entry never unpickles the whole atlas)."""
        if self._atlas is not None:
            return region_names(self._atlas)
        from myomap.engine.defaults import default_region_names

        return default_region_names()

    @property
    def atlas(self) -> Atlas:
        if self._atlas is None:
            from myomap.engine.defaults import default_atlas

            self._atlas = default_atlas()
        return self._atlas

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: committed at the end, rolled back on any error."""
        with self.unit.writing() as session:
            yield session

    @contextmanager
    def reading(self, *, consistent: bool = False) -> Iterator[Session]:
        """One read transaction; ``consistent`` gives one snapshot across many queries."""
        with self.unit.reading(consistent=consistent) as session:
            yield session

    # -- the whole diary ---------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many entries (deleted ones included) and assessments are stored."""
        with self.reading() as session:
            return {
                "entries": self.entries.count(session),
                "assessments": self.assessments.count(session),
            }

    def is_empty(self) -> bool:
        return not any(self.counts().values())

    def delete_all(self, session: Session) -> None:
        """Remove this person's entries and assessments (with notes on them) in ``session``:
        the diary part of deleting an account."""
        self.entries.delete_all(session)
        self.assessments.delete_all(session)

    def export_all(self) -> Snapshot:
        from myomap.db.transfer import export_all

        return export_all(self.entries)

    def import_all(
        self, snapshot: Snapshot, *, replace: bool = False, model: Model | None = None
    ) -> dict[str, int]:
        from myomap.db.transfer import import_all

        into = (self.entries, self.assessments)
        return import_all(into, snapshot, replace=replace, model=model)
