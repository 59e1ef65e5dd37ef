"""Database failures as people should see them: a neutral message, never a URL or SQL.

``database_errors()`` wraps every transaction of the store:

- a constraint the database refused (a foreign key whose parent was deleted meanwhile, a
  duplicate) is a ``Conflict`` (409): the caller's change raced another one;
- a value the database cannot hold is an ``EvidenceError`` (422);
- anything else (server down, disk full, lock timeout, connection lost) is
  ``DatabaseUnavailable`` (503, with Retry-After): try again later.

The original error goes to the log (``myomap.db``) for the operator, not to the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from myomap.errors import Conflict, EvidenceError, MyomapError

__all__ = ["RETRY_AFTER", "DatabaseUnavailable", "database_errors"]

log = logging.getLogger("myomap.db")

RETRY_AFTER = 5
"""Seconds a client is asked to wait after the database was unavailable."""


class DatabaseUnavailable(MyomapError):
    """The database cannot be reached or cannot write now (503); nothing was changed."""

    status = 503
    retry_after = RETRY_AFTER


@contextmanager
def database_errors() -> Iterator[None]:
    """Map database exceptions to the three neutral errors above."""
    try:
        yield
    except IntegrityError as exc:
        log.warning("database refused a write: %s", exc.orig)
        raise Conflict(
            "This change conflicts with another one made at the same time (or with data "
            "that no longer exists). Nothing was changed.",
            field="database",
        ) from None
    except DataError as exc:
        log.warning("database refused a value: %s", exc.orig)
        raise EvidenceError(
            "A value is out of the range the database can hold. Nothing was changed.",
            field="database",
        ) from None
    except SQLAlchemyError:
        log.exception("database unavailable")
        raise DatabaseUnavailable(
            "The database is not available right now; please try again in a moment. "
            "Nothing was changed.",
            field="database",
        ) from None
