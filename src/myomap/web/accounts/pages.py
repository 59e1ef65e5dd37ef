"""The account pages of server mode: sign up, sign in and out, reset, and one's account
(password, sharing with a clinician, export, deleting it all). Plain HTML forms (refused
when posted from another site: web/platform/csrf.py); every POST answers with a redirect
or the page again with the reason."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from myomap.errors import MyomapError
from myomap.web.platform.cookies import (
    clear_session_cookies,
    set_device_cookie,
    set_session_cookies,
)
from myomap.web.platform.principal import (
    DEVICE_COOKIE,
    PrincipalDep,
    accounts,
    client_ip,
    require,
    sharing,
)
from myomap.web.platform.render import page

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Text = Annotated[str, Form(max_length=1024)]
Next = Annotated[str, Form(max_length=2000)]
Code = Annotated[str, Form(max_length=16)]


def _local_path(target: str) -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok else "/"


def _signed_in(request: Request, user_id: int, target: str) -> Response:
    people = accounts(request)
    token = people.start_session(user_id, ip=client_ip(request))
    response = RedirectResponse(_local_path(target), status_code=303)
    _session_cookie(request, response, token)
    if DEVICE_COOKIE not in request.cookies:
        set_device_cookie(response, people.remember_device(user_id))
    return response


def _session_cookie(request: Request, response: Response, token: str) -> None:
    settings = request.app.state.myomap.settings
    max_age = settings.session_hours * 3600
    set_session_cookies(response, token, max_age=max_age, secure=settings.server)


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return page(request, "login.html", next=_local_path(next))


@router.post("/login")
def login(
    request: Request, email: Text, password: Text, next: Next = "/", code: Code = ""
) -> Response:
    try:
        user = accounts(request).authenticate(
            email,
            password,
            ip=client_ip(request),
            device=request.cookies.get(DEVICE_COOKIE),
            code=code or None,
        )
    except MyomapError as exc:
        if exc.status == 429:
            raise
        return page(request, "login.html", 401, next=next, email=email, error=exc.message)
    return _signed_in(request, user.id, next)


@router.get("/signup")
def signup_page(request: Request) -> Response:
    return page(request, "signup.html")


@router.post("/signup")
def signup(request: Request, email: Text, password: Text) -> Response:
    try:
        user = accounts(request).signup(email, password, ip=client_ip(request))
    except MyomapError as exc:
        return page(request, "signup.html", exc.status, email=email, error=exc.message)
    return _signed_in(request, user.id, "/")


@router.get("/reset")
def reset_page(request: Request, email: str = "") -> Response:
    return page(request, "reset.html", email=email)


@router.post("/reset")
def reset(request: Request, email: Text, code: Text, password: Text) -> Response:
    try:
        user = accounts(request).reset_password(email, code, password, ip=client_ip(request))
    except MyomapError as exc:
        return page(request, "reset.html", exc.status, email=email, error=exc.message)
    if accounts(request).totp_enabled(user.id):  # a reset code is not the second factor
        return RedirectResponse("/login", status_code=303)
    return _signed_in(request, user.id, "/")


@router.post("/logout")
def logout(request: Request, who: PrincipalDep) -> Response:
    signed_in = require(who)
    if signed_in.session_token:
        accounts(request).end_session(signed_in.session_token, ip=client_ip(request))
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookies(response)
    return response


def _account(request: Request, who: PrincipalDep, status: int = 200, **context: Any) -> Response:
    signed_in = require(who)
    user = signed_in.user
    shares = sharing(request).shares_of(user.id)
    people = accounts(request)
    sessions = people.sessions_of(user.id, current=signed_in.session_token)
    two_step = signed_in.is_clinician and people.totp_enabled(user.id)
    return page(
        request,
        "account.html",
        status,
        user=user,
        shares=shares,
        sessions=sessions,
        two_step=two_step,
        **context,
    )


@router.get("/account")
def account_page(request: Request, who: PrincipalDep) -> Response:
    return _account(request, who)


@router.post("/account/password")
def change_password(
    request: Request, who: PrincipalDep, current_password: Text, new_password: Text
) -> Response:
    signed_in = require(who)
    try:
        token = accounts(request).change_password(
            signed_in.id, current_password, new_password, keep_session=signed_in.session_token
        )
    except MyomapError as exc:
        return _account(request, who, exc.status, password_error=exc.message)
    response = _account(request, who, message="Password changed; you are signed out elsewhere.")
    if token:
        _session_cookie(request, response, token)  # a new session id for this browser
    return response


@router.post("/account/totp")
def begin_totp(request: Request, who: PrincipalDep) -> Response:
    """A new secret for a clinician's authenticator app, shown this once."""
    try:
        secret, uri = accounts(request).begin_totp(require(who).id)
    except MyomapError as exc:
        return _account(request, who, exc.status, totp_error=exc.message)
    return _account(request, who, totp_secret=secret, totp_uri=uri)


@router.post("/account/totp/confirm")
def confirm_totp(request: Request, who: PrincipalDep, code: Code) -> Response:
    try:
        accounts(request).confirm_totp(require(who).id, code, ip=client_ip(request))
    except MyomapError as exc:
        if exc.status == 429:
            raise
        return _account(request, who, exc.status, totp_error=exc.message, totp_confirming=True)
    return _account(request, who, message="Two-step sign-in is on: sign-in now asks for a code.")


@router.post("/account/totp/disable")
def disable_totp(request: Request, who: PrincipalDep, code: Code) -> Response:
    try:
        accounts(request).disable_totp(require(who).id, code, ip=client_ip(request))
    except MyomapError as exc:
        if exc.status == 429:
            raise
        return _account(request, who, exc.status, totp_error=exc.message)
    return _account(request, who, message="Two-step sign-in is off.")


@router.post("/account/shares")
def create_invite(request: Request, who: PrincipalDep) -> Response:
    _, code = sharing(request).invite(require(who).id, ip=client_ip(request))
    return _account(request, who, new_code=code)


@router.post("/account/shares/{share_id}/revoke")
def revoke(share_id: int, request: Request, who: PrincipalDep) -> Response:
    sharing(request).revoke(require(who).id, share_id, ip=client_ip(request))
    return RedirectResponse("/account#sharing", status_code=303)


@router.post("/account/sessions/{handle}/revoke")
def revoke_session(handle: str, request: Request, who: PrincipalDep) -> Response:
    accounts(request).revoke_session(require(who).id, handle[:64], ip=client_ip(request))
    return RedirectResponse("/account#sessions", status_code=303)


@router.get("/account/export.json")
def export(request: Request, who: PrincipalDep) -> Response:
    data = accounts(request).export(require(who).id, ip=client_ip(request))
    return JSONResponse(
        data, headers={"Content-Disposition": 'attachment; filename="myomap-account.json"'}
    )


@router.post("/account/delete")
def delete(request: Request, who: PrincipalDep, password: Text) -> Response:
    try:
        accounts(request).delete(require(who).id, password, ip=client_ip(request))
    except MyomapError as exc:
        return _account(request, who, exc.status, delete_error=exc.message)
    response = RedirectResponse("/signup?deleted=1", status_code=303)
    clear_session_cookies(response)
    return response
