"""Accounts: sign-up, sign-in (OAuth2 password flow), the current account, admin creation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import CurrentActor, GraphDep, SettingsDep
from models.user import Role, StaffUserCreate, Token, UserCreate, UserPublic
from services import accounts
from services.errors import Forbidden, NotFound

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserPublic)
def register(payload: UserCreate, graph: GraphDep) -> UserPublic:
    """Create your own account as a youth, a mentor or an organisation member."""
    return accounts.register(graph, payload)


@router.post("/token", response_model=Token)
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], graph: GraphDep, settings: SettingsDep
) -> Token:
    """Exchange email (as `username`) and password for a short-lived bearer token."""
    user = accounts.authenticate(graph, form.username, form.password)
    return accounts.issue_token(user, settings)


@router.get("/me", response_model=UserPublic)
def me(actor: CurrentActor, graph: GraphDep) -> UserPublic:
    """The signed-in account, its profile and organisations."""
    if actor.user_id is None:
        raise NotFound("no account")
    return accounts.current_user(graph, actor.user_id)


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserPublic)
def create_user(payload: StaffUserCreate, actor: CurrentActor, graph: GraphDep) -> UserPublic:
    """Admins create accounts of any role, optionally as members of an organisation."""
    if actor.role is not Role.ADMIN:
        raise Forbidden("only an admin creates accounts for others")
    return accounts.create_account(
        graph,
        email=payload.email,
        password=payload.password,
        role=payload.role,
        organization_id=payload.organization_id,
    )
