"""``myomap serve`` migrates the database at start, then hands over to uvicorn."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from myomap.errors import MyomapError
from myomap.web import serve


def test_serve_migrates_the_database_before_starting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "fresh.db"
    monkeypatch.setenv("MYOMAP_DATABASE_URL", f"sqlite:///{database}")
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(kw, app=app))
    serve.run(port=8123)
    assert started["app"] == "myomap.web.app:create_app" and started["port"] == 8123
    with sqlite3.connect(database) as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master")}
    assert {"alembic_version", "entries"} <= tables


def test_local_mode_refuses_a_public_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("must not start"))
    with pytest.raises(MyomapError, match="server mode"):
        serve.run(host="0.0.0.0")
