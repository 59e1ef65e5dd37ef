"""The databases the storage and server tests run on: SQLite always, PostgreSQL when
``MYOMAP_TEST_POSTGRES_URL`` names one (``.ci/run`` starts a throwaway PostgreSQL 15, and with
``MYOMAP_REQUIRE_ALL=1`` a missing one fails the run instead of skipping)."""

from __future__ import annotations

import pytest

from myomap.db.testing import postgres_url

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(
            postgres_url() is None,
            reason="MYOMAP_TEST_POSTGRES_URL is not set (.ci/run starts a PostgreSQL 15)",
        ),
    ),
]
