"""Who is signed in on a page (a signed session cookie), and the CSRF check of every form.

The session holds only the account id, its token version and the CSRF token (Starlette's
SessionMiddleware signs the cookie with itsdangerous), so any API process can serve any
request; signing out, a staff revocation or a new password bumps the account's token version,
which ends every session and bearer token issued before.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from api.deps import GraphDep
from graph.driver import GraphUnavailable
from models.user import Role
from services import accounts
from services.access import Actor
from services.errors import InvalidCredentials

SESSION_USER = "uid"
SESSION_VERSION = "ver"


class SignInRequired(Exception):
    """The page needs a signed-in account: the handler sends the person to /login."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class CsrfRefused(Exception):
    """A form that changes something came without this session's token."""


def optional_actor(request: Request, graph: GraphDep) -> Actor | None:
    """The signed-in actor, or None; a session of a deleted or suspended account, or one signed
    out since (on any device), is cleared."""
    user_id = request.session.get(SESSION_USER)
    if not user_id:
        return None
    try:
        return accounts.session_actor(graph, user_id, request.session.get(SESSION_VERSION))
    except InvalidCredentials:
        # Deleted, signed out everywhere, or suspended by staff while signed in: the session
        # ends at the next page.
        request.session.clear()
        return None


def landing(role: Role) -> str:
    """Where an account lands after signing in, and where an error page leads it back: staff
    have no profile and no suggestions of their own, their work starts at the console."""
    return "/staff" if role.is_staff else "/suggestions"


def actor_if_any(request: Request) -> Actor | None:
    """The signed-in actor for a page rendered outside a route (an error page), or None when
    nobody is signed in or the database does not answer (the 503 page must still show)."""
    try:
        return optional_actor(request, request.app.state.graph)
    except GraphUnavailable:
        return None


def required_actor(
    request: Request, actor: Annotated[Actor | None, Depends(optional_actor)]
) -> Actor:
    if actor is None:
        raise SignInRequired(request.url.path)
    return actor


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token matches the session's (403 page otherwise)."""
    form = await request.form()
    sent = form.get("csrf_token")
    expected = request.session.get("csrf")
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise CsrfRefused()
    return form


def sign_in(request: Request, user_id: str, token_version: int) -> None:
    """Start a fresh session for this account (a new CSRF token, nothing kept from before)."""
    lang = request.session.get("lang")
    request.session.clear()
    request.session[SESSION_USER] = user_id
    request.session[SESSION_VERSION] = token_version
    if lang:
        request.session["lang"] = lang


PageActor = Annotated[Actor | None, Depends(optional_actor)]
SignedIn = Annotated[Actor, Depends(required_actor)]
Form = Annotated[FormData, Depends(checked_form)]
