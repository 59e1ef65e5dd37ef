"""docs/configuration.md lists every setting, with its variable, default and meaning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from myomap.settings import ENV_PREFIX, Settings

DOC = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"
ROW = re.compile(r"^\| `(\w+)` \| `(\w+)` \| (`[^`]*`|\(none\)) \| (.+?) \|$", re.M)


def documented() -> dict[str, tuple[str, str, str]]:
    return {
        name: (env, default, meaning)
        for name, env, default, meaning in ROW.findall(DOC.read_text())
    }


def test_every_setting_is_documented_and_nothing_else() -> None:
    assert set(documented()) == set(Settings.model_fields)


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_documented_row_matches_the_setting(name: str) -> None:
    env, default, meaning = documented()[name]
    field = Settings.model_fields[name]
    assert env == f"{ENV_PREFIX}{name.upper()}"
    assert default == ("(none)" if field.default is None else f"`{field.default}`")
    assert meaning == field.description


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MYOMAP_PORT", "8123")
    monkeypatch.setenv("MYOMAP_HOST", "0.0.0.0")
    settings = Settings()
    assert (settings.host, settings.port) == ("0.0.0.0", 8123)


def test_every_setting_has_a_default_and_a_description() -> None:
    for name, field in Settings.model_fields.items():
        assert not field.is_required(), name
        assert field.description, name
