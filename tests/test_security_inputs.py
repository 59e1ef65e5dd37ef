"""No input makes the server fail: each attack of the server-mode review, sent again, gets
a 4xx with a message and stores nothing. (tests/test_schemathesis.py adds generated
inputs for every operation.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from servers import (
    fast_hashes,  # noqa: F401 - an autouse fixture
    make_user,
    server_app,
    token_client,
)
from sqlalchemy import event, text

from myomap.web.platform.access import RULES

EDGE_DATES = [
    "0001-01-01T00:00:00+01:00",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59-01:00",
    "9999-12-31T23:59:59",
]
NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e999"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("inputs")
    limits: dict[str, Any] = {
        "login_limit": 0,
        "signup_limit": 0,
        "assess_limit": 0,
        "write_limit": 0,
    }
    with server_app(folder, **limits) as (app, store):
        make_user(store, "ana@example.org")
        yield token_client(app, store, "ana@example.org")


def count(client: TestClient) -> int:
    return len(client.get("/api/v1/diary").json())


@pytest.mark.parametrize("stamp", EDGE_DATES)
def test_dates_at_the_edges_of_the_calendar(client: TestClient, stamp: str) -> None:
    before = count(client)
    made = client.post("/api/v1/diary", json={"overall": 3, "at": stamp})
    assert made.status_code == 422, made.text
    entry = client.post("/api/v1/diary", json={"overall": 3}).json()["id"]
    changed = client.put(f"/api/v1/diary/{entry}", json={"at": stamp})
    assert changed.status_code == 422, changed.text
    for query in ("since", "until"):
        listed = client.get("/api/v1/diary", params={query: stamp})
        assert listed.status_code in (200, 422), listed.text
    assert count(client) == before + 1


@pytest.mark.parametrize("number", NON_FINITE)
@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/api/v1/diary", '{"overall": %s}'),
        ("/api/v1/assess", '{"pain": [{"region": "sacrum", "intensity": %s}]}'),
        ("/api/v1/assessments", '{"evidence": {"pain": [{"region": "sacrum", "intensity": %s}]}}'),
        ("/api/v1/auth/login", '{"email": "a@example.org", "password": %s}'),
    ],
)
def test_non_finite_numbers_in_json(
    client: TestClient, number: str, path: str, template: str
) -> None:
    body = template % number
    answer = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code in (400, 401, 422), answer.text
    assert answer.json()["error"]["message"]


def test_strings_are_not_numbers(client: TestClient) -> None:
    for overall in ("5", True, 5.5):
        answer = client.post("/api/v1/diary", json={"overall": overall})
        assert answer.status_code == 422, (overall, answer.text)
    wrong = client.post("/api/v1/diary", json={"overall": 2, "pain": {"sacrum": "3"}})
    assert wrong.status_code == 422


def test_deep_nesting_is_refused(client: TestClient) -> None:
    depth = 200_000
    body = "[" * depth + "]" * depth
    for path in ("/api/v1/diary/import", "/api/v1/diary", "/api/v1/assess"):
        answer = client.post(path, content=body, headers={"Content-Type": "application/json"})
        assert 400 <= answer.status_code < 500, (path, answer.status_code)


def test_huge_query_strings(client: TestClient) -> None:
    long = "x" * 5000
    for path, params in [
        ("/downloads/plan.ics", {"zone": long}),
        ("/api/v1/diary", {"since": long}),
        ("/api/v1/muscles", {"q": long}),
        ("/", {"state": long}),
    ]:
        answer = client.get(path, params=params)
        assert answer.status_code < 500, (path, answer.status_code)


@pytest.mark.parametrize("number", [2**31, 2**63, 2**64, -1, 0])
def test_ids_beyond_any_integer_type(client: TestClient, number: int) -> None:
    for method, template in RULES:
        if "{" not in template or "{muscle_id}" in template or "{handle}" in template:
            continue
        path = template
        for name in ("entry_id", "assessment_id", "share_id", "patient_id"):
            path = path.replace("{" + name + "}", str(number))
        answer = client.request(method, path, follow_redirects=False)
        assert answer.status_code in (403, 404, 422), (method, path, answer.status_code)


def test_database_errors_say_nothing_of_the_database(tmp_path: Path) -> None:
    """A database that goes away answers 503 with Retry-After, on health too, and the
    message names no URL, driver or SQL."""
    with server_app(tmp_path) as (app, store):
        make_user(store, "ana@example.org")
        client = token_client(app, store, "ana@example.org")
        assert client.get("/api/v1/health").status_code == 200
        database = Path(str(store.engine.url.database))
        store.engine.dispose()
        database.unlink()
        database.mkdir()  # the path is now a folder: every connection fails
        for path in ("/api/v1/health", "/api/v1/diary"):
            answer = client.get(path)
            assert answer.status_code == 503, (path, answer.text)
            assert int(answer.headers["retry-after"]) > 0
            text = answer.text.lower()
            for leak in ("sqlite", "select", str(tmp_path).lower(), "operationalerror"):
                assert leak not in text, (path, leak)


def test_a_full_disk_answers_503_and_stores_nothing_half(tmp_path: Path) -> None:
    """SQLite's max_page_count stands in for a full disk (SQLITE_FULL)."""
    with server_app(tmp_path, write_limit=0) as (app, store):
        make_user(store, "ana@example.org")
        client = token_client(app, store, "ana@example.org")
        with store.reading() as session:
            pages = session.execute(text("PRAGMA page_count")).scalar_one()

        @event.listens_for(store.engine, "connect")
        def _small_disk(connection: Any, _record: Any) -> None:
            connection.execute(f"PRAGMA max_page_count = {pages + 8}")

        store.engine.dispose()
        note = "x" * 9000
        codes = [
            client.post("/api/v1/diary", json={"overall": 2, "note": note}).status_code
            for _ in range(20)
        ]
        assert 503 in codes and set(codes) <= {201, 503}, codes
        refused = client.post("/api/v1/diary", json={"overall": 2, "note": note})
        assert refused.status_code == 503 and "retry-after" in refused.headers
        assert "sqlite" not in refused.text.lower() and "max_page" not in refused.text.lower()
        assert len(client.get("/api/v1/diary").json()) == codes.count(201)
