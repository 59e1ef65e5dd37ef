"""The JSON API for accounts: sign up, sign in (a bearer token), sign out, passwords.

POST /api/v1/auth/signup   {"email", "password"}   201: the account
POST /api/v1/auth/login    {"email", "password", "code"?}
                                                   {"access_token", "token_type": "bearer"}
                           ("code": the 6-digit TOTP of a clinician who turned it on)
POST /api/v1/auth/logout                           204: the token or session ends
POST /api/v1/auth/password {"current_password", "new_password"}
                                                   204: signed out everywhere else
POST /api/v1/auth/reset    {"email", "code", "password"}
                                                   204 (code: `myomap user reset-token`)
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from myomap.accounts.users import User
from myomap.web.platform.cookies import set_session_cookies
from myomap.web.platform.principal import (
    DEVICE_COOKIE,
    PrincipalDep,
    accounts,
    client_ip,
    require,
)

__all__ = ["Credentials", "router"]

router = APIRouter(prefix="/api/v1", tags=["accounts"])


class Credentials(BaseModel):
    email: str = Field(max_length=254, examples=["ana@example.org"])
    password: str = Field(max_length=1024, examples=["a long passphrase"])


class Login(Credentials):
    code: str | None = Field(
        default=None,
        max_length=16,
        description="The 6-digit code of the authenticator app, for an account with one.",
        examples=["123456"],
    )


class AccessToken(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class PasswordReset(BaseModel):
    email: str = Field(max_length=254)
    code: str = Field(max_length=200)
    password: str = Field(max_length=1024)


@router.post("/auth/signup", response_model=User, status_code=201)
def signup(credentials: Credentials, request: Request) -> User:
    """Create a person's account. Weak passwords are refused with the reason."""
    return accounts(request).signup(credentials.email, credentials.password, ip=client_ip(request))


@router.post("/auth/login", response_model=AccessToken)
def login(credentials: Login, request: Request) -> AccessToken:
    """Sign in; use the token as ``Authorization: Bearer TOKEN``. An account with a second
    factor needs ``code`` as well (401 says when it is missing or wrong)."""
    store = accounts(request)
    user = store.authenticate(
        credentials.email,
        credentials.password,
        ip=client_ip(request),
        device=request.cookies.get(DEVICE_COOKIE),
        code=credentials.code,
    )
    return AccessToken(access_token=store.issue_token(user.id))


@router.post("/auth/logout", status_code=204)
def logout(request: Request, who: PrincipalDep) -> Response:
    """End this sign-in: the bearer token, or the browser session."""
    from myomap.web.platform.cookies import clear_session_cookies

    signed_in = require(who)
    store = accounts(request)
    if signed_in.via == "token":
        _, _, token = request.headers.get("authorization", "").partition(" ")
        store.revoke_token(token.strip())
    elif signed_in.session_token:
        store.end_session(signed_in.session_token, ip=client_ip(request))
    response = Response(status_code=204)
    clear_session_cookies(response)
    return response


@router.post("/auth/password", status_code=204)
def change_password(change: PasswordChange, request: Request, who: PrincipalDep) -> Response:
    """Change the password; every session and token is signed out, and a browser that
    asked gets a new session cookie."""
    signed_in = require(who)
    token = accounts(request).change_password(
        signed_in.id,
        change.current_password,
        change.new_password,
        keep_session=signed_in.session_token or None,
    )
    response = Response(status_code=204)
    if token:
        settings = request.app.state.myomap.settings
        max_age = settings.session_hours * 3600
        set_session_cookies(response, token, max_age=max_age, secure=settings.server)
    return response


@router.post("/auth/reset", status_code=204)
def reset_password(reset: PasswordReset, request: Request) -> Response:
    """Set a new password with the operator's reset code."""
    accounts(request).reset_password(reset.email, reset.code, reset.password, ip=client_ip(request))
    return Response(status_code=204)
