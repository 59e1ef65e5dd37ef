"""Property-based API testing from the OpenAPI spec (schemathesis): whatever a client sends
to any operation, signed in or not, the server never answers with a 5xx.

Server mode on a fresh SQLite file, as a signed-in person (bearer token); rate limits off.
Signing out is left out, since it would end the token the other operations use.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import schemathesis
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings
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
    )
)
_accounts = Accounts(APP.state.myomap.store())
_person = _accounts.signup("fuzz@example.org", "correct horse battery staple")
AUTH = {"Authorization": f"Bearer {_accounts.issue_token(_person.id)}"}
_accounts.store.for_owner(_person.id).add_entry(overall=4, pain={"sacrum": 3})

schema = schemathesis.openapi.from_asgi("/openapi.json", APP).exclude(
    path_regex=r"^/api/v1/auth/(logout|password)$"
)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("MYOMAP_FUZZ_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_input_makes_the_server_fail(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH, checks=[not_a_server_error])
