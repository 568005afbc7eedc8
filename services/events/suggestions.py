"""Use case: the other attendees of an event someone would gain most from meeting.

Shown to an attendee before the event so that they can mark must-meets: the same pair values
the schedule uses (`matcher.event_pairs`), with the recommender's reasons in their language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from graph import events as graph_events
from matcher.event_pairs import pair_reasons, score_pairs
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from matcher.reasons import Lang
from models.event import EventSuggestion, RegistrationStatus
from services.access import Actor
from services.db import Graph
from services.errors import Conflict
from services.events import registration as event_registration
from services.events.schedule import profiles_of


def suggested_attendees(
    graph: Graph,
    actor: Actor,
    event_id: str,
    for_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    k: int = 10,
    lang: Lang = "fr",
    today: dt.date | None = None,
) -> list[EventSuggestion]:
    """The other attendees `for_id` would gain most from meeting, best first, with reasons.

    Attendees who said "no thanks" to `for_id`, or whom `for_id` declined before, are left
    out without saying why.

    Raises:
        Forbidden: the actor does not speak for `for_id`.
        NotFound: no such event, or `for_id` is not registered.
    """
    today = today or dt.date.today()
    me = event_registration.registration(graph, actor, event_id, for_id)
    if me.status is RegistrationStatus.CANCELLED:
        raise Conflict(f"the registration of {for_id} was cancelled")
    rows = graph.read(graph_events.registrations, event_id)
    others = [
        r
        for r in rows
        if r.status is not RegistrationStatus.CANCELLED
        and r.attendee_id != for_id
        and r.attendee_id not in me.no_thanks
        and for_id not in r.no_thanks
    ]
    ids = [for_id, *(r.attendee_id for r in others)]
    banned = {
        frozenset(p) for p in graph.read(graph_events.banned_pairs, event_id, ids, avoid_past=False)
    }
    profiles = profiles_of(graph, ids)
    pairs = [(for_id, i) for i in ids[1:] if i in profiles and frozenset((for_id, i)) not in banned]
    if for_id not in profiles or not pairs:
        return []
    scores = score_pairs(profiles, pairs, rankers, today=today)
    best = sorted(scores, key=lambda s: (-s.value, s.b if s.a == for_id else s.a))[:k]
    found = []
    for s in best:
        other = profiles[s.b if s.a == for_id else s.a]
        reasons, _, _ = pair_reasons(profiles[for_id], other, rankers, today=today, lang=lang)
        found.append(
            EventSuggestion(
                id=other.id, name=other.name, type=other.kind, score=s.value, reasons=reasons
            )
        )
    return found
