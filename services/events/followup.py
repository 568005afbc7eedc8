"""After the meetings: record them as held, collect feedback, and teach the ranker.

How meetings become training data (`services.outcomes`, `services.training`):

- held: the pair gets a `MET` relationship (so later events can avoid repeats), and for each
  direction whose suggestion kind learns from it (youth→mentor: mentors, mentor→youth:
  mentees, youth↔youth: peers, youth↔organisation and organisation↔organisation: partners)
  the pair's features are recorded as `shown` and a `met` event is recorded: a positive.
- feedback "useful: no" from one side: that side's `met` event from this event is taken back
  and a `declined` event recorded instead (a negative: the pair was not a good match for
  them); "useful: yes" undoes that. `follow_up` is kept with the feedback for staff.
- mentor–organisation and mentor–mentor meetings are remembered (`MET`, feedback) but train
  nothing: no suggestion kind has a mentor looking at an organisation or another mentor.

Outcome events written here carry `source: "event:<id>"`, so feedback only ever takes back
what this event recorded, never an outcome reported elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from graph import events as graph_events
from graph import outcomes as graph_outcomes
from graph import recommend as graph_recommend
from graph.driver import ManagedTransaction
from graph.events import StoredMeeting
from matcher.event_pairs import TrainingRow, training_kind, training_rows
from matcher.kinds import SuggestionKind
from matcher.profiles import Profile
from models.event import Feedback, FeedbackCreate, MeetingState, MeetingView
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from services.events import core as events
from services.events.schedule import meeting_view
from services.introductions import parties_of
from services.outcomes import event_props, pair_key

BATCH = 200  # meetings per transaction when many are recorded at once


def mark_held(
    graph: Graph,
    actor: Actor,
    event_id: str,
    meeting_ids: Sequence[str],
    *,
    today: dt.date | None = None,
) -> list[MeetingView]:
    """Record meetings as held (staff): MET relationships and `met` outcomes.

    Recording a meeting twice changes nothing the second time.

    Raises:
        Forbidden: the actor is not staff.
        NotFound: no such event or meeting.
        Conflict: a meeting was cancelled.
    """
    require_staff(actor, "record meetings as held")
    event = events.read_event(graph, event_id)
    wanted = list(dict.fromkeys(meeting_ids))
    stored = {m.id: m for m in graph.read(graph_events.meetings, event_id)}
    missing = [i for i in wanted if i not in stored]
    if missing:
        raise NotFound(f"no meeting {', '.join(missing[:5])} in event {event_id}")
    cancelled = [i for i in wanted if stored[i].state is MeetingState.CANCELLED]
    if cancelled:
        raise Conflict(f"meeting(s) {', '.join(cancelled[:5])} were cancelled")
    ids = sorted({who for i in wanted for who in (stored[i].a, stored[i].b)})
    profiles = {p.id: p for p in graph.read(graph_recommend.profiles_facts, ids)}
    today = today or dt.date.today()
    work = [
        (i, _rows(profiles.get(stored[i].a), profiles.get(stored[i].b), today))
        for i in wanted
        if stored[i].state is MeetingState.SCHEDULED
    ]
    for start in range(0, len(work), BATCH):
        graph.write(_held_tx, event_id, work[start : start + BATCH], events.now_utc())
    refreshed = {m.id: m for m in graph.read(graph_events.meetings, event_id)}
    return [meeting_view(event, refreshed[i]) for i in wanted]


def _rows(a: Profile | None, b: Profile | None, today: dt.date) -> list[TrainingRow]:
    """Training rows of a pair; none when a side's record was deleted since scheduling."""
    return training_rows(a, b, today=today) if a and b else []


def _held_tx(
    tx: ManagedTransaction,
    event_id: str,
    work: Sequence[tuple[str, list[TrainingRow]]],
    now: dt.datetime,
) -> None:
    source = _source(event_id)
    for meeting_id, rows in work:
        if not graph_events.mark_held(tx, event_id, meeting_id, now):
            continue  # already held (or cancelled meanwhile): its outcomes are recorded
        shown = [
            {
                "id": f"{pair_key(r.viewer_id, r.target_id, r.kind.value)}|shown",
                "pair": pair_key(r.viewer_id, r.target_id, r.kind.value),
                "viewer_id": r.viewer_id,
                "target_id": r.target_id,
                "kind": r.kind.value,
                "features": [round(float(x), 5) for x in r.features],
            }
            for r in rows
        ]
        if shown:
            graph_outcomes.record_shown(tx, shown, now)
        for r in rows:
            props = event_props(r.viewer_id, r.target_id, r.kind.value, "met", now)
            graph_outcomes.record_event(tx, props | {"source": source})


def give_feedback(
    graph: Graph, actor: Actor, event_id: str, meeting_id: str, payload: FeedbackCreate
) -> Feedback:
    """One side's feedback on a held meeting; giving it again replaces it.

    Raises:
        NotFound: no such event or meeting.
        Forbidden: the actor speaks for neither side.
        InvalidInput: `attendee_id` is not a side, or is needed and missing.
        Conflict: the meeting has not been recorded as held.
    """
    events.read_event(graph, event_id)
    meeting = graph.read(graph_events.read_meeting, event_id, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id} in event {event_id}")
    giver = _giver(actor, meeting, payload.attendee_id)
    if meeting.state is not MeetingState.HELD:
        raise Conflict(f"meeting {meeting_id} has not been recorded as held")
    if giver == meeting.a:
        other, kind = meeting.b, training_kind(meeting.a_type or "", meeting.b_type or "")
    else:
        other, kind = meeting.a, training_kind(meeting.b_type or "", meeting.a_type or "")
    props: dict[str, Any] = {
        "id": f"{meeting_id}|{giver}",
        "meeting_id": meeting_id,
        "event_id": event_id,
        "attendee_id": giver,
        "other_id": other,
        "useful": payload.useful,
        "follow_up": payload.follow_up,
        "at": events.now_utc(),
    }
    graph.write(_feedback_tx, props, kind)
    return Feedback(**props)


def _feedback_tx(
    tx: ManagedTransaction, props: dict[str, Any], kind: SuggestionKind | None
) -> None:
    graph_events.merge_feedback(tx, props)
    if kind is None:
        return
    viewer, target, now = props["attendee_id"], props["other_id"], props["at"]
    source = _source(props["event_id"])
    keep, drop = ("met", "declined") if props["useful"] else ("declined", "met")
    graph_events.drop_match_event(tx, f"{pair_key(viewer, target, kind.value)}|{drop}", source)
    record = event_props(viewer, target, kind.value, keep, now) | {"source": source}
    graph_outcomes.record_event(tx, record)


def feedback(graph: Graph, actor: Actor, event_id: str) -> list[Feedback]:
    """Every feedback of the event (staff)."""
    require_staff(actor, "read the feedback of an event")
    events.read_event(graph, event_id)
    return graph.read(graph_events.feedback, event_id)


def _giver(actor: Actor, meeting: StoredMeeting, named: str | None) -> str:
    """The side the feedback comes from: the one the actor speaks for (or names)."""
    sides = [meeting.a, meeting.b]
    if named is not None:
        if named not in sides:
            raise InvalidInput([FieldError("attendee_id", f"{named} is not in this meeting")])
        events.require_speaks_for(actor, named)
        return named
    mine = [s for s in sides if s in parties_of(actor)]
    if len(mine) == 1:
        return str(mine[0])
    if mine or actor.is_staff:
        raise InvalidInput([FieldError("attendee_id", "say which side gives this feedback")])
    raise Forbidden("only the two sides of a meeting give feedback on it")


def _source(event_id: str) -> str:
    return f"event:{event_id}"
