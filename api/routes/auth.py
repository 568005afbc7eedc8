"""Accounts: sign-up, sign-in (OAuth2 password flow), the current account, admin creation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import CurrentActor, GraphDep, SettingsDep
from api.limits import ThrottleDep, guarded_sign_in, per_address
from models.user import PrivacyNotice, StaffUserCreate, Token, UserCreate, UserPublic
from services import accounts
from services.errors import NotFound

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    dependencies=[Depends(per_address("sign_up_per_address"))],
)
def register(payload: UserCreate, graph: GraphDep, settings: SettingsDep) -> UserPublic:
    """Create your own account as a youth, a mentor (approved by staff before being suggested)
    or an organisation member, accepting the privacy notice in force (send its version). The
    answer is the same whether or not the e-mail already has an account (its owner is told by
    e-mail)."""
    return accounts.register(graph, payload, settings).user


@router.get("/privacy-notice", response_model=PrivacyNotice)
def privacy_notice(settings: SettingsDep) -> PrivacyNotice:
    """The privacy notice in force: its version (to send at sign-up) and where to read it."""
    return accounts.privacy_notice(settings)


@router.post(
    "/token",
    response_model=Token,
    dependencies=[Depends(per_address("sign_in_per_address"))],
)
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    throttle: ThrottleDep,
) -> Token:
    """Exchange email (as `username`) and password for a short-lived bearer token. Failed
    attempts are counted per account and per address: past the limit, 429 with Retry-After."""
    return guarded_sign_in(
        request,
        throttle,
        form.username,
        lambda: accounts.sign_in(graph, form.username, form.password, settings),
    )


@router.get("/me", response_model=UserPublic)
def me(actor: CurrentActor, graph: GraphDep) -> UserPublic:
    """The signed-in account, its profile and organisations."""
    if actor.user_id is None:
        raise NotFound("no account")
    return accounts.current_user(graph, actor.user_id)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(actor: CurrentActor, graph: GraphDep) -> Response:
    """Sign out everywhere: every token issued to this account so far stops working."""
    accounts.sign_out(graph, actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/users/{user_id}/revoke", status_code=status.HTTP_204_NO_CONTENT)
def revoke(user_id: str, actor: CurrentActor, graph: GraphDep) -> Response:
    """Staff revoke every token of an account; its holder must sign in again."""
    accounts.revoke_tokens(graph, actor, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserPublic)
def create_user(payload: StaffUserCreate, actor: CurrentActor, graph: GraphDep) -> UserPublic:
    """Admins create accounts of any role, optionally as members of an organisation."""
    return accounts.create_for_staff(graph, actor, payload)


@router.get("/users/awaiting-approval", response_model=list[UserPublic])
def awaiting_approval(actor: CurrentActor, graph: GraphDep) -> list[UserPublic]:
    """Staff: the self-registered mentor and organisation accounts to approve, oldest first."""
    return accounts.awaiting_approval(graph, actor)


@router.post("/users/{user_id}/approve", response_model=UserPublic)
def approve(user_id: str, actor: CurrentActor, graph: GraphDep) -> UserPublic:
    """Staff approve a self-registered mentor or organisation member (safeguarding): until
    then their records are not suggested and they may not ask for introductions."""
    return accounts.approve(graph, actor, user_id)
