"""Use cases of mentor capacity and availability: load, pause, resume."""

from __future__ import annotations

from graph import introductions as graph_intro
from graph import records as graph_records
from models.mentor import MentorLoad
from services.access import Actor, may_edit, require_staff
from services.db import Graph
from services.errors import Forbidden, NotFound


def load(graph: Graph, actor: Actor, mentor_id: str) -> MentorLoad:
    """One mentor's load, for the mentor and staff."""
    _editable(graph, actor, mentor_id)
    found = graph.read(graph_intro.mentor_load, mentor_id)
    if found is None:
        raise NotFound(f"no mentor with id {mentor_id}")
    return found


def loads(graph: Graph, actor: Actor, *, limit: int, offset: int) -> list[MentorLoad]:
    """Every mentor's load, fullest first (staff only)."""
    require_staff(actor, "see every mentor's load")
    return graph.read(graph_intro.mentor_loads, limit=limit, offset=offset)


def set_paused(graph: Graph, actor: Actor, mentor_id: str, *, paused: bool) -> MentorLoad:
    """Pause (no new requests, no new mentees) or resume; current mentees are kept."""
    _editable(graph, actor, mentor_id)
    graph.write(graph_intro.set_paused, mentor_id, paused)
    return load(graph, actor, mentor_id)


def _editable(graph: Graph, actor: Actor, mentor_id: str) -> None:
    found = graph.read(graph_records.read_records, [mentor_id])
    if not found or found[0].type != "mentor":
        raise NotFound(f"no mentor with id {mentor_id}")
    if not may_edit(actor, found[0]):
        raise Forbidden(f"you may not change mentor {mentor_id}")
