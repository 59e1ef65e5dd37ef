"""Shared fixtures: the real atlas and model, and the tiny hand-checked atlas."""

from __future__ import annotations

from pathlib import Path

import pytest

from myomap.atlas import Atlas, load_atlas
from myomap.defaults import default_atlas, default_model
from myomap.engine import Model, compile_model

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "atlas" / "valid"


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    return default_atlas()


@pytest.fixture(scope="session")
def model() -> Model:
    return default_model()


@pytest.fixture(scope="session")
def tiny_atlas() -> Atlas:
    return load_atlas(TINY)


@pytest.fixture(scope="session")
def tiny(tiny_atlas: Atlas) -> Model:
    return compile_model(tiny_atlas)
