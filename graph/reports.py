"""Counts for the funder report, read with one query from what the graph already records.

Funnel stages, each counted as distinct pairs (or introductions) that involve a youth matching
the filters, dated in the period:
    shown       (:MatchEvent {event: 'shown'}) by when the pair was first shown
    requested   (:Introduction) by created_at
    accepted    (:Introduction) accepted at some point (answered, not declined), by answered_at
    met         a meeting held at an event (-[:MET]-) or a `met` outcome, per pair
    hired, funded, active_90d   outcome events (:MatchEvent) by when they happened

Every section is a subquery of one `REPORT` query: one round trip and one plan (five queries,
the funnel read twice, took 263 ms p95 on the demo; see the README's figures).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from models.report import EventFigures, MentorLoad, Registered

# The youth filter, on `y`; every parameter may be null (no filter). The properties are tested
# before the commune, which needs a hop to the place: most youths stop at the first test.
_YOUTH_PROPERTIES: LiteralString = """
($gender IS NULL OR y.gender = $gender)
AND ($axis IS NULL OR y.axis = $axis)
AND ($born_from IS NULL OR y.birth_year >= $born_from)
AND ($born_to IS NULL OR y.birth_year <= $born_to)
"""
_IN_COMMUNE_KIND: LiteralString = """
($commune_kind IS NULL OR EXISTS { (n)-[:LOCATED_IN]->(:Place {commune_kind: $commune_kind}) })
"""
_IN_PERIOD: LiteralString = "n.created_at >= $start AND n.created_at < $end"

_REGISTERED: LiteralString = (
    """
CALL () {
  RETURN
  COUNT { MATCH (n:Youth) WHERE """
    + _IN_PERIOD
    + " WITH n AS y WHERE "
    + _YOUTH_PROPERTIES
    + " WITH y AS n WHERE "
    + _IN_COMMUNE_KIND
    + """ } AS youths,
  COUNT { MATCH (n:Mentor) WHERE """
    + _IN_PERIOD
    + " AND "
    + _IN_COMMUNE_KIND
    + """ } AS mentors,
  COUNT { MATCH (n:Organization) WHERE """
    + _IN_PERIOD
    + " AND "
    + _IN_COMMUNE_KIND
    + """ } AS organizations,
  COUNT { MATCH (n:JobOffer) WHERE """
    + _IN_PERIOD
    + """ } AS job_offers
}
"""
)

# One row per (stage, pair, when, parties) in the period, kept when a party is a youth of the
# filters; then per stage: its distinct pairs in total and month by month, in one pass.
_FUNNEL: LiteralString = (
    """
CALL () {
  CALL () {
    MATCH (e:MatchEvent {event: 'shown'}) WHERE e.first_at >= $start AND e.first_at < $end
    RETURN 'shown' AS stage, e.pair AS pair, e.first_at AS at,
           [e.viewer_id, e.target_id] AS parties
    UNION ALL
    MATCH (i:Introduction) WHERE i.created_at >= $start AND i.created_at < $end
    RETURN 'requested' AS stage, i.id AS pair, i.created_at AS at, [i.from_id, i.to_id] AS parties
    UNION ALL
    MATCH (i:Introduction)
    WHERE i.answered_at >= $start AND i.answered_at < $end AND i.status <> 'declined'
    RETURN 'accepted' AS stage, i.id AS pair, i.answered_at AS at, [i.from_id, i.to_id] AS parties
    UNION ALL
    MATCH (a:Entity)-[r:MET]->(b:Entity) WHERE r.at >= $start AND r.at < $end
    RETURN 'met' AS stage,
           CASE WHEN a.id < b.id THEN a.id + '|' + b.id ELSE b.id + '|' + a.id END AS pair,
           r.at AS at, [a.id, b.id] AS parties
    UNION ALL
    MATCH (e:MatchEvent)
    WHERE e.event IN ['met', 'hired', 'funded', 'active_90d'] AND e.at >= $start AND e.at < $end
    RETURN e.event AS stage,
           CASE WHEN e.viewer_id < e.target_id THEN e.viewer_id + '|' + e.target_id
                ELSE e.target_id + '|' + e.viewer_id END AS pair,
           e.at AS at, [e.viewer_id, e.target_id] AS parties
  }
  WITH stage, pair, at, parties
  WHERE EXISTS { MATCH (y:Youth) WHERE y.id IN parties AND """
    + _YOUTH_PROPERTIES
    + " WITH y AS n WHERE "
    + _IN_COMMUNE_KIND
    + """ }
  WITH stage, substring(toString(date(at)), 0, 7) AS month, collect(DISTINCT pair) AS pairs
  WITH stage, collect([month, size(pairs)]) AS months, collect(pairs) AS lists
  CALL (lists) { UNWIND lists AS pairs UNWIND pairs AS pair RETURN count(DISTINCT pair) AS total }
  RETURN collect({stage: stage, total: total, months: months}) AS funnel
}
"""
)

_MENTOR_LOAD: LiteralString = (
    """
CALL () {
  MATCH (n:Mentor) WHERE """
    + _IN_COMMUNE_KIND
    + """
  WITH n, coalesce(n.capacity, 2) AS capacity, COUNT { (n)-[:MENTORS]->(:Youth) } AS active
  RETURN count(n) AS load_mentors, sum(capacity) AS capacity, sum(active) AS active_mentees,
         sum(CASE WHEN active >= capacity THEN 1 ELSE 0 END) AS full,
         sum(CASE WHEN n.paused THEN 1 ELSE 0 END) AS paused
}
"""
)

_EVENTS: LiteralString = """
CALL () {
  MATCH (e:Event) WHERE e.starts_at >= $start AND e.starts_at < $end AND e.starts_at <= $now
  RETURN count(e) AS held,
         sum(COUNT { (:Entity)-[r:REGISTERED_FOR]->(e) WHERE r.status = 'checked_in' })
             AS attendees,
         sum(COUNT { MATCH (m:EventMeeting {event_id: e.id}) WHERE m.state = 'held' })
             AS meetings_held
}
"""

REPORT: LiteralString = (
    _REGISTERED
    + _FUNNEL
    + _MENTOR_LOAD
    + _EVENTS
    + """
RETURN youths, mentors, organizations, job_offers, funnel,
       load_mentors, capacity, active_mentees, full, paused, held, attendees, meetings_held
"""
)


@dataclass(frozen=True)
class Period:
    """A half-open period [start, end) in UTC, and the year ages are counted at."""

    start: dt.datetime
    end: dt.datetime
    now: dt.datetime


@dataclass(frozen=True)
class FunnelCounts:
    totals: dict[str, int]
    by_month: dict[str, dict[str, int]]


@dataclass(frozen=True)
class ReportCounts:
    """Every count of the report, as one query reads them."""

    registered: Registered
    funnel: FunnelCounts
    mentor_load: MentorLoad
    events: EventFigures


def report(tx: ManagedTransaction, period: Period, youth: dict[str, Any]) -> ReportCounts:
    """Every count of the funder report for the period and the youth filters (`gender`,
    `axis`, `born_from`, `born_to`, `commune_kind`; None = no filter). The mentor load is
    today's, filtered by commune kind only."""
    row = tx.run(REPORT, start=period.start, end=period.end, now=period.now, **youth).single(
        strict=True
    )
    return ReportCounts(
        registered=Registered(
            youths=row["youths"],
            mentors=row["mentors"],
            organizations=row["organizations"],
            job_offers=row["job_offers"],
        ),
        funnel=_funnel(row["funnel"]),
        mentor_load=MentorLoad(
            mentors=row["load_mentors"],
            capacity=row["capacity"] or 0,
            active_mentees=row["active_mentees"] or 0,
            full=row["full"] or 0,
            paused=row["paused"] or 0,
        ),
        events=EventFigures(
            held=row["held"],
            attendees=row["attendees"] or 0,
            meetings_held=row["meetings_held"] or 0,
        ),
    )


def _funnel(stages: list[dict[str, Any]]) -> FunnelCounts:
    totals: dict[str, int] = {}
    by_month: dict[str, dict[str, int]] = {}
    for stage in stages:
        totals[stage["stage"]] = stage["total"]
        for month, n in stage["months"]:
            by_month.setdefault(month, {})[stage["stage"]] = n
    return FunnelCounts(totals=totals, by_month=by_month)
