"""The JSON API of one's own account: who am I, my data, leaving, and sharing.

GET    /api/v1/account             the account
GET    /api/v1/account/export      everything myomap holds about me (JSON)
DELETE /api/v1/account  {"password"}   the account and all its data, for good
POST   /api/v1/shares              a new invite code for a clinician
GET    /api/v1/shares              my invites and shares
DELETE /api/v1/shares/{share_id}   revoke one
GET    /api/v1/account/sessions    my signed-in browsers (handle, since, last seen, address)
DELETE /api/v1/account/sessions/{handle}   sign one of them out
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from myomap.accounts.sessions import ActiveSession
from myomap.accounts.sharing import Share
from myomap.accounts.users import User
from myomap.web.platform.cookies import clear_session_cookies
from myomap.web.platform.principal import PrincipalDep, accounts, client_ip, require, sharing

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["accounts"])


class Confirm(BaseModel):
    password: str = Field(max_length=1024)


class Invite(BaseModel):
    share: Share
    code: str


@router.get("/account", response_model=User)
def account(who: PrincipalDep) -> User:
    return require(who).user


@router.get("/account/export")
def export_account(request: Request, who: PrincipalDep) -> JSONResponse:
    """All my data: account, diary, assessments, shares, notes on them, my audit log."""
    data: dict[str, Any] = accounts(request).export(require(who).id, ip=client_ip(request))
    return JSONResponse(
        data, headers={"Content-Disposition": 'attachment; filename="myomap-account.json"'}
    )


@router.delete("/account", status_code=204)
def delete_account(confirm: Confirm, request: Request, who: PrincipalDep) -> Response:
    """Delete my account and everything in it; give the password to confirm."""
    accounts(request).delete(require(who).id, confirm.password, ip=client_ip(request))
    response = Response(status_code=204)
    clear_session_cookies(response)
    return response


@router.get("/account/sessions", response_model=list[ActiveSession])
def list_sessions(request: Request, who: PrincipalDep) -> list[ActiveSession]:
    """Where I am signed in; ``current`` marks this browser."""
    signed_in = require(who)
    return accounts(request).sessions_of(signed_in.id, current=signed_in.session_token)


@router.delete("/account/sessions/{handle}", status_code=204)
def revoke_session(handle: str, request: Request, who: PrincipalDep) -> Response:
    """Sign one of my browsers out."""
    accounts(request).revoke_session(require(who).id, handle[:64], ip=client_ip(request))
    return Response(status_code=204)


@router.post("/shares", response_model=Invite, status_code=201)
def create_invite(request: Request, who: PrincipalDep) -> Invite:
    """A code to give one clinician; they see my diary and assessments once they use it."""
    share, code = sharing(request).invite(require(who).id, ip=client_ip(request))
    return Invite(share=share, code=code)


@router.get("/shares", response_model=list[Share])
def list_shares(request: Request, who: PrincipalDep) -> list[Share]:
    return sharing(request).shares_of(require(who).id)


@router.delete("/shares/{share_id}", response_model=Share)
def revoke_share(share_id: int, request: Request, who: PrincipalDep) -> Share:
    """Stop sharing: the clinician loses access at once."""
    return sharing(request).revoke(require(who).id, share_id, ip=client_ip(request))
