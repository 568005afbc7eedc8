"""Request dependencies as Annotated aliases: settings, graph, and the calling actor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from matcher.encoders import Encoder
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from services import accounts
from services.access import Actor
from services.db import Graph
from services.settings import Settings

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token")


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


def get_encoder(request: Request) -> Encoder:
    return request.app.state.encoder


def get_rankers(request: Request) -> Mapping[SuggestionKind, MatchRanker]:
    """The active ranker versions (re-read from the graph at most once a minute)."""
    return request.app.state.rankers.current()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
GraphDep = Annotated[Graph, Depends(get_graph)]
EncoderDep = Annotated[Encoder, Depends(get_encoder)]
RankersDep = Annotated[Mapping[SuggestionKind, MatchRanker], Depends(get_rankers)]


def get_actor(
    token: Annotated[str, Depends(oauth2_scheme)], graph: GraphDep, settings: SettingsDep
) -> Actor:
    """The signed-in actor; a missing, bad or expired token is a 401."""
    return accounts.actor_from_token(graph, token, settings)


CurrentActor = Annotated[Actor, Depends(get_actor)]
