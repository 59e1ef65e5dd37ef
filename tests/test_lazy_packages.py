"""Packages whose names load on first use (``myomap.lazy``) keep working whatever is imported
first: no module of such a package may share a name with one of its exports."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from fresh import fresh_python

LAZY = ["myomap", "myomap.db", "myomap.diary", "myomap.engine", "myomap.understand"]


@pytest.mark.parametrize("name", LAZY)
def test_no_submodule_hides_an_export(name: str) -> None:
    package = importlib.import_module(name)
    modules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    assert not modules & set(package.__all__), sorted(modules & set(package.__all__))


def test_understand_stays_a_function_after_the_web_reply_is_imported() -> None:
    """The web app imports ``myomap.understand.reply`` (and what it reads with) first."""
    code = (
        "from myomap.understand.reply import reply\n"
        "from myomap import load_atlas\n"
        "atlas = load_atlas()\n"
        "reply(atlas, 'my lower back hurts')\n"
        "from myomap.understand import understand\n"
        "assert callable(understand), understand\n"
        "assert understand(atlas, 'my lower back hurts on the right').regions\n"
    )
    done = fresh_python(code)
    assert done.returncode == 0, done.stderr
