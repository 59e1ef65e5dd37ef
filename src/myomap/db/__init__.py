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

from typing import TYPE_CHECKING

from myomap.lazy import attributes

if TYPE_CHECKING:
    from myomap.db.database import configured_url, default_url, open_engine
    from myomap.db.migrate import upgrade
    from myomap.db.store import Store

__all__ = ["Store", "configured_url", "default_url", "open_engine", "upgrade"]

__getattr__ = attributes(
    __name__,
    {
        "Store": ".store",
        "configured_url": ".database",
        "default_url": ".database",
        "open_engine": ".database",
        "upgrade": ".migrate",
    },
)
