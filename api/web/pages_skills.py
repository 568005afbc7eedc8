"""Skill suggestions as one types: a small JSON endpoint used by static/skills.js."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import GraphDep
from api.web.rendering import page_lang
from api.web.session import SignedIn
from services import esco

router = APIRouter(include_in_schema=False)


@router.get("/skills/suggest")
def suggest_skills(
    request: Request,
    actor: SignedIn,
    graph: GraphDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> list[str]:
    """ESCO skill names starting with the item being typed, in the page's language."""
    lang = page_lang(request, request.app.state.settings.default_lang)
    return esco.suggest_skill_names(graph, q, lang)
