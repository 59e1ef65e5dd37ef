"""A command is a short-lived process (``myomap.cli.lifetime``): the collector runs rarely
while it works, the heap is frozen at its exit, and ``serve`` gets the defaults back."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator

import pytest
from fresh import fresh_python
from typer.testing import CliRunner

from myomap.cli.app import app
from myomap.cli.lifetime import SHORT_LIVED_THRESHOLD, long_lived, short_lived


@pytest.fixture
def collector() -> Iterator[tuple[int, int, int]]:
    """The collector's settings before the test, restored (and the heap unfrozen) after."""
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)
    gc.unfreeze()


def test_a_command_runs_with_a_rare_collector_and_leaves_it_as_it_was(
    collector: tuple[int, int, int],
) -> None:
    with short_lived():
        assert gc.get_threshold() == SHORT_LIVED_THRESHOLD
    assert gc.get_threshold() == collector
    assert gc.get_freeze_count() > 0


def test_an_error_still_freezes_and_restores(collector: tuple[int, int, int]) -> None:
    with pytest.raises(SystemExit), short_lived():
        sys.exit(2)
    assert gc.get_threshold() == collector
    assert gc.get_freeze_count() > 0


def test_serve_runs_with_the_interpreters_own_collector(
    collector: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr("myomap.web.serve.run", lambda **_: seen.append(gc.get_threshold()))
    with short_lived():
        done = CliRunner().invoke(app, ["serve"])
    assert done.exit_code == 0, done.output
    assert seen == [collector]
    long_lived()
    assert gc.get_threshold() == collector


def test_the_myomap_entry_point_is_a_short_lived_process() -> None:
    code = (
        "import gc, json, sys\n"
        "default = gc.get_threshold()\n"
        "from myomap.cli import main\n"
        "sys.argv = ['myomap', 'regions', '--json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "sys.stderr.write(json.dumps([code, gc.get_freeze_count() > 0,"
        " gc.get_threshold() == default]))\n"
    )
    done = fresh_python(code)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == [0, True, True], done.stderr
    assert json.loads(done.stdout)  # the command's own output is whole
