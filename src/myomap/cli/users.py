"""The operator's account commands (server mode), on MYOMAP_DATABASE_URL:

myomap user add EMAIL [--role person|clinician]   an account with no password yet;
                                                 prints a reset code to set one
myomap user reset-token EMAIL                    a one-time code for /reset (24 hours)
myomap user list                                 the accounts and their roles
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from myomap.cli.output import console

if TYPE_CHECKING:
    from myomap.accounts.users import Accounts, Role

__all__ = ["user_app"]

out = console()
user_app = typer.Typer(
    help="Manage accounts (server mode).", add_completion=False, rich_markup_mode=None
)

Email = Annotated[str, typer.Argument(help="The account's email address.")]


def _accounts() -> Accounts:
    from myomap.accounts.users import Accounts
    from myomap.db import Store

    return Accounts(Store.open())


def _handover(email: str, code: str) -> None:
    out.print(
        f"reset code for {email}: {code}\n"
        "Give it to them (valid 24 hours, once); they set a password at /reset.",
        highlight=False,
    )


@user_app.command("add")
def user_add(
    email: Email,
    role: Annotated[str, typer.Option(help="person or clinician.")] = "person",
) -> None:
    """Add an account (a clinician's, say) and print the code that sets its password."""
    from myomap.errors import EvidenceError

    if role not in ("person", "clinician"):
        raise EvidenceError(f"Unknown role {role!r}: use person or clinician.", field="role")
    chosen: Role = "clinician" if role == "clinician" else "person"
    accounts = _accounts()
    user = accounts.add_user(email, role=chosen)
    out.print(f"added {user.role} {user.email} (id {user.id})", highlight=False)
    _handover(user.email, accounts.reset_token(user.email))


@user_app.command("reset-token")
def user_reset_token(email: Email) -> None:
    """Print a one-time code with which the person sets a new password at /reset."""
    accounts = _accounts()
    _handover(email, accounts.reset_token(email))


@user_app.command("list")
def user_list() -> None:
    """The accounts, with their roles."""
    for user in _accounts().all_users():
        out.print(f"{user.id:>5}  {user.role:<10} {user.email}", highlight=False)
