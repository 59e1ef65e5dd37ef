"""Property-based API testing from the OpenAPI spec (schemathesis): whatever a client sends
to any operation, signed in or not, the server never answers with a 5xx.

Server mode on a fresh SQLite file, as a signed-in person (bearer token); rate limits off.
Signing out is left out, since it would end the token the other operations use. Besides
schemathesis's own valid and invalid values, the hooks below swap in the values that once
broke the server: ids past every integer type, the calendar's first and last days with a
time-zone offset, 5,000-character strings, huge floats (tests/test_security_inputs.py
adds NaN and Infinity, which JSON itself cannot carry, and 200,000-deep nesting).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from myomap.accounts import passwords
from myomap.accounts.users import Accounts
from myomap.settings import Settings
from myomap.web import create_app

passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
FOLDER = Path(tempfile.mkdtemp(prefix="myomap-schemathesis-"))
APP = create_app(
    Settings(
        server=True,
        database_url=f"sqlite:///{FOLDER / 'api.db'}",
        login_limit=0,
        signup_limit=0,
        assess_limit=0,
        write_limit=0,
    )
)
_accounts = Accounts(APP.state.myomap.store())
_person = _accounts.signup("fuzz@example.org", "correct horse battery staple")
AUTH = {"Authorization": f"Bearer {_accounts.issue_token(_person.id)}"}
_accounts.store.for_owner(_person.id).add_entry(overall=4, pain={"sacrum": 3})

schema = schemathesis.openapi.from_asgi("/openapi.json", APP).exclude(
    path_regex=r"^/api/v1/auth/(logout|password)$"
)

EDGE_NUMBERS: list[Any] = [2**31, 2**63, 2**64, -(2**63) - 1, 1e308, -1]
EDGE_TEXT = ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "x" * 5000, "\u0000"]


def _swap(value: Any, number: Any, text: str) -> Any:
    """``value`` with every number replaced by ``number`` and every string by ``text``."""
    if isinstance(value, dict):
        return {k: _swap(v, number, text) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap(v, number, text) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return number
    return text if isinstance(value, str) else value


def _edges(value: Any) -> st.SearchStrategy[Any]:
    swapped = st.builds(
        _swap, st.just(value), st.sampled_from(EDGE_NUMBERS), st.sampled_from(EDGE_TEXT)
    )
    return st.just(value) | swapped


@schema.hook
def flatmap_body(context: Any, body: Any) -> st.SearchStrategy[Any]:
    return _edges(body)


@schema.hook
def flatmap_query(context: Any, query: Any) -> st.SearchStrategy[Any]:
    return _edges(query)


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: Any) -> st.SearchStrategy[Any]:
    return _edges(path_parameters)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("MYOMAP_FUZZ_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_input_makes_the_server_fail(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH, checks=[not_a_server_error])
