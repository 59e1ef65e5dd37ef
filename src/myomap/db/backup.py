"""Backup and restore, consistent while the app runs.

A backup is the JSON snapshot (read in one transaction), portable between SQLite and
PostgreSQL. On SQLite, a file named ``*.db``, ``*.sqlite`` or ``*.sqlite3`` is instead a
copy of the database made with SQLite's online backup API.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from myomap.db.database import is_sqlite
from myomap.db.store import Store
from myomap.diary.snapshot import Snapshot, read_snapshot
from myomap.errors import EvidenceError, MyomapError

__all__ = ["SQLITE_SUFFIXES", "backup", "load_backup", "restore"]

SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sqlite_copy(store: Store, path: Path) -> None:
    if path.exists():
        path.unlink()
    raw = store.engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(path) as target:
            source.backup(target)
        target.close()
    finally:
        raw.close()


def backup(store: Store, path: Path) -> dict[str, int]:
    """Write a consistent backup of everything to ``path``; returns what it holds."""
    try:
        if path.suffix.lower() in SQLITE_SUFFIXES:
            if not is_sqlite(store.engine):
                raise EvidenceError(
                    f"{path.name}: a .db/.sqlite backup is only for SQLite; write a .json "
                    "backup from PostgreSQL.",
                    field="file",
                )
            _sqlite_copy(store, path)
            return load_backup(path).counts()
        snapshot = store.export_all()
        _write_atomically(path, snapshot.to_json())
    except OSError as exc:
        raise MyomapError(f"Cannot write the backup to {path}: {exc.strerror}.") from exc
    return {"entries": len(snapshot.entries), "assessments": len(snapshot.assessments)}


class _Counts:
    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot

    def counts(self) -> dict[str, int]:
        return {
            "entries": len(self.snapshot.entries),
            "assessments": len(self.snapshot.assessments),
        }


def load_backup(path: Path) -> _Counts:
    """The snapshot held by a backup file, JSON or SQLite."""
    if not path.is_file():
        raise EvidenceError(f"No backup file at {path}.", field="file", value=str(path))
    if path.suffix.lower() in SQLITE_SUFFIXES:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise EvidenceError(f"{path} is not a SQLite database.", field="file")
        source = Store.open(f"sqlite:///{path}", migrate=False)
        try:
            return _Counts(source.export_all())
        finally:
            source.close()
    return _Counts(read_snapshot(path))


def restore(store: Store, path: Path, *, force: bool = False) -> dict[str, int]:
    """Load a backup into the store: refused if it holds anything, unless ``force``."""
    snapshot = load_backup(path).snapshot
    return store.import_all(snapshot, replace=force)
