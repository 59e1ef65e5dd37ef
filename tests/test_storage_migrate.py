"""Opening a database checks its schema cheaply, and still migrates or refuses as before.

``Store.open`` reads the database's revision with plain SQL and the head revision from the
migration files; Alembic loads only when the schema has to change. These tests pin that an
old schema is still brought to the head, a revision this version does not know is still
refused, and a database at the head opens without loading Alembic.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from backends import BACKENDS
from fresh import fresh_python
from sqlalchemy import inspect, text

from myomap.db import Store, open_engine
from myomap.db.migrate import _config, current_revision, head_revision
from myomap.db.tables import Base
from myomap.db.testing import Backend, temporary_database


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    backend: Backend = request.param
    with temporary_database(backend, tmp_path) as database_url:
        yield database_url


def test_head_from_the_files_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory.from_config(_config()).get_current_head()


def test_a_new_database_has_no_revision_until_opened(url: str) -> None:
    engine = open_engine(url)
    try:
        assert current_revision(engine) is None
        Store.open(url).close()
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_an_older_schema_is_migrated_to_the_head(url: str) -> None:
    previous = ScriptDirectory.from_config(_config()).get_revision(head_revision()).down_revision
    assert isinstance(previous, str)
    engine = open_engine(url)
    try:
        with engine.begin() as connection:
            config = _config()
            config.attributes["connection"] = connection
            command.upgrade(config, previous)
        assert current_revision(engine) == previous
        Store.open(url).close()
        assert current_revision(engine) == head_revision()
        engine.dispose()  # the tables changed shape: read them afresh
        for table in Base.metadata.sorted_tables:
            found = {c["name"] for c in inspect(engine).get_columns(table.name)}
            assert found == {c.name for c in table.columns}, table.name
    finally:
        engine.dispose()


def test_a_revision_this_version_does_not_know_is_refused(url: str) -> None:
    Store.open(url).close()
    engine = open_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(CommandError, match="9999"):
            Store.open(url)
        assert current_revision(engine) == "9999"  # left as it was
    finally:
        engine.dispose()


def test_a_database_at_the_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'diary.db'}"
    Store.open(url).close()
    code = (
        "import sys\n"
        "from myomap.db import Store\n"
        f"Store.open({url!r}).close()\n"
        "assert 'alembic' not in sys.modules, 'alembic was loaded'\n"
    )
    done = fresh_python(code)
    assert done.returncode == 0, done.stderr
