"""The database: diary entries, saved assessments, accounts and sharing, on SQLite by
default and PostgreSQL by URL.

``Store`` is a unit of work (``unit.py``) with one repository per concern (``entries.py``,
``assessments.py``, ``transfer.py``; accounts, sharing and audit live in
``myomap.accounts``); a web page or a CLI command calls one method per action::

    store = Store.open()                      # MYOMAP_DATABASE_URL or the default SQLite file
    entry = store.add_entry(overall=4, pain={"lumbar_paraspinal_r": 5}, note="after a walk")
    store.delete_entry(entry.id)              # soft delete …
    store.restore_entry(entry.id)             # … and undo

Every write runs in one transaction after every value has been checked, so bad input
stores nothing.

The names below load on first use, so importing one module of the package (the tables,
for the accounts) does not load the store and its repositories with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from myomap.db.database import default_url, open_engine
    from myomap.db.migrate import upgrade
    from myomap.db.store import Store

__all__ = ["Store", "default_url", "open_engine", "upgrade"]

_HOME = {
    "Store": "myomap.db.store",
    "default_url": "myomap.db.database",
    "open_engine": "myomap.db.database",
    "upgrade": "myomap.db.migrate",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
