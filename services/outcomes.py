"""Use cases of learning from outcomes: record what happened to each suggestion.

Events of a pair (viewer, target, suggestion kind): shown, requested, accepted, declined, met,
and outcomes (hired, funded, active_90d). `services.training` turns them into labelled rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from graph import cards as graph_cards
from graph import outcomes as graph_outcomes
from graph import recommend as graph_recommend
from graph import records as graph_records
from graph.driver import ManagedTransaction
from matcher.kinds import SuggestionKind
from models.introduction import Introduction
from models.outcome import OutcomeReport
from services.access import Actor, may_edit
from services.db import Graph
from services.errors import FieldError, Forbidden, InvalidInput, NotFound

# Events that make a pair a good match, and the one that makes it a bad one.
POSITIVE = frozenset({"accepted", "met", "hired", "funded", "active_90d"})
NEGATIVE = frozenset({"declined", "dismissed"})
# A pair shown this long ago and never requested counts as not wanted (a weak negative).
IGNORED_AFTER = dt.timedelta(days=14)
MENTORING_OUTCOME_AFTER = dt.timedelta(days=90)


def pair_key(viewer_id: str, target_id: str, kind: str) -> str:
    return f"{viewer_id}|{target_id}|{kind}"


def event_id(viewer_id: str, target_id: str, kind: str, event: str) -> str:
    """One event of a pair has one node: this id (recording it twice changes nothing)."""
    return f"{pair_key(viewer_id, target_id, kind)}|{event}"


def event_props(
    viewer_id: str, target_id: str, kind: str, event: str, now: dt.datetime
) -> dict[str, Any]:
    return {
        "id": event_id(viewer_id, target_id, kind, event),
        "pair": pair_key(viewer_id, target_id, kind),
        "viewer_id": viewer_id,
        "target_id": target_id,
        "kind": kind,
        "event": event,
        "at": now,
    }


def record_in(tx: ManagedTransaction, intro: Introduction, event: str, now: dt.datetime) -> None:
    """Record an introduction's move as an event of the suggestion it answers (if any)."""
    if intro.suggestion:
        graph_outcomes.record_event(
            tx, event_props(intro.from_id, intro.to_id, intro.suggestion, event, now)
        )


def record_shown(
    graph: Graph,
    viewer_id: str,
    kind: SuggestionKind,
    shown: Sequence[tuple[str, np.ndarray]],
    *,
    now: dt.datetime | None = None,
) -> None:
    """Remember that these (target id, features) pairs were shown to `viewer_id`."""
    if not shown:
        return
    now = now or dt.datetime.now(dt.UTC)
    rows = [
        {
            "id": f"{pair_key(viewer_id, target, kind.value)}|shown",
            "pair": pair_key(viewer_id, target, kind.value),
            "viewer_id": viewer_id,
            "target_id": target,
            "kind": kind.value,
            "features": [round(float(x), 5) for x in features],
        }
        for target, features in shown
    ]
    graph.write(graph_outcomes.record_shown, rows, now)


def report(
    graph: Graph, actor: Actor, outcome: OutcomeReport, *, now: dt.datetime | None = None
) -> None:
    """Staff, or either side of a pair that really dealt with each other (an accepted
    introduction or a meeting held), report an outcome (met, hired, funded).

    Raises:
        Forbidden: the actor is neither staff nor one of the two sides of such a pair.
        NotFound: a record does not exist.
        InvalidInput: the kind does not fit the two records' types.
    """
    sides = {outcome.viewer_id, outcome.target_id}
    mine = {*actor.organization_ids, *([actor.profile_id] if actor.profile_id else [])}
    if not actor.is_staff and not sides & mine:
        raise Forbidden("only staff or the two sides may report an outcome")
    if outcome.viewer_id == outcome.target_id:
        raise InvalidInput([FieldError("target_id", "must differ from viewer_id")])
    viewer_type = graph.read(graph_recommend.type_of, outcome.viewer_id)
    target_type = graph.read(graph_recommend.type_of, outcome.target_id)
    if viewer_type is None or target_type is None:
        raise NotFound("no such record")
    kind = outcome.kind
    if viewer_type not in kind.viewer_types or target_type != kind.target_type:
        raise InvalidInput(
            [
                FieldError(
                    "kind", f"{kind.value} does not go from a {viewer_type} to a {target_type}"
                )
            ]
        )
    # Otherwise anyone could write "hired" about anyone and steer the ranker.
    if not actor.is_staff and not graph.read(
        graph_outcomes.linked, outcome.viewer_id, outcome.target_id
    ):
        raise Forbidden("an outcome needs an accepted introduction or a meeting held first")
    now = now or dt.datetime.now(dt.UTC)
    graph.write(
        graph_outcomes.record_event,
        event_props(outcome.viewer_id, outcome.target_id, outcome.kind.value, outcome.outcome, now),
    )


def dismiss(
    graph: Graph,
    actor: Actor,
    *,
    viewer_id: str,
    target_id: str,
    kind: SuggestionKind,
    now: dt.datetime | None = None,
) -> str:
    """ "Not for me": the viewer's editor says a suggestion is not wanted. It is recorded as a
    negative outcome the ranker learns from, and never suggested to the viewer again (until
    `undo_dismiss`).

    Returns:
        The name (or title) of the suggestion hidden, for the message offering to undo it.

    Raises:
        NotFound: the viewer or the suggestion does not exist.
        Forbidden: the actor may not act for the viewer.
    """
    name = _check_pair(graph, actor, viewer_id, target_id)
    now = now or dt.datetime.now(dt.UTC)
    graph.write(
        graph_outcomes.record_event,
        event_props(viewer_id, target_id, kind.value, "dismissed", now),
    )
    return name


def undo_dismiss(
    graph: Graph, actor: Actor, *, viewer_id: str, target_id: str, kind: SuggestionKind
) -> str:
    """Take back a "not for me": the suggestion may be shown again and the ranker no longer
    learns from it as unwanted. Idempotent (nothing to take back is not an error).

    Returns:
        The name (or title) of the suggestion shown again.

    Raises:
        NotFound: the viewer or the suggestion does not exist.
        Forbidden: the actor may not act for the viewer.
    """
    name = _check_pair(graph, actor, viewer_id, target_id)
    graph.write(graph_outcomes.drop_event, event_id(viewer_id, target_id, kind.value, "dismissed"))
    return name


def _check_pair(graph: Graph, actor: Actor, viewer_id: str, target_id: str) -> str:
    """The suggestion's name, once the actor may act for the viewer and both exist."""
    found = graph.read(graph_records.read_records, [viewer_id])
    if not found:
        raise NotFound(f"no record with id {viewer_id}")
    if not may_edit(actor, found[0]):
        raise Forbidden(f"you may not act on behalf of {viewer_id}")
    target = graph.read(graph_cards.card_texts, [target_id])
    if not target:
        raise NotFound(f"no record with id {target_id}")
    return target[0].name


def mark_long_mentoring(graph: Graph, *, now: dt.datetime | None = None) -> int:
    """Record `active_90d` for every mentoring that has lasted 90 days; idempotent."""
    now = now or dt.datetime.now(dt.UTC)
    pairs = graph.read(graph_outcomes.long_mentoring, now - MENTORING_OUTCOME_AFTER)
    for youth, mentor in pairs:
        # An outcome of the pair as the youth saw it (mentors) and as the mentor did (mentees).
        for viewer, target, kind in ((youth, mentor, "mentors"), (mentor, youth, "mentees")):
            graph.write(
                graph_outcomes.record_event, event_props(viewer, target, kind, "active_90d", now)
            )
    return len(pairs)


def labelled_rows(
    graph: Graph, kind: SuggestionKind, *, now: dt.datetime | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (1 good, 0 not) and shown times of every pair with a known outcome.

    Pairs requested but not yet answered have no label yet and are left out.
    """
    now = now or dt.datetime.now(dt.UTC)
    features, labels, times = [], [], []
    for row in graph.read(graph_outcomes.training_rows, kind.value):
        label = _label(set(row.events), row.at, now)
        if label is None or not row.features:
            continue
        features.append(row.features)
        labels.append(label)
        times.append(row.at.timestamp())
    if not features:
        return np.zeros((0, 0)), np.zeros(0, dtype=int), np.zeros(0)
    return np.asarray(features), np.asarray(labels, dtype=int), np.asarray(times)


def _label(events: set[str], shown_at: dt.datetime, now: dt.datetime) -> int | None:
    if events & POSITIVE:
        return 1
    if events & NEGATIVE:
        return 0
    if "requested" in events:
        return None  # waiting for an answer
    return 0 if now - shown_at >= IGNORED_AFTER else None
