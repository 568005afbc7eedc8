"""Counts for the funder report, read in one transaction from what the graph already records.

Funnel stages, each counted as distinct pairs (or introductions) that involve a youth matching
the filters, dated in the period:
    shown       (:MatchEvent {event: 'shown'}) by when the pair was first shown
    requested   (:Introduction) by created_at
    accepted    (:Introduction) accepted at some point (answered, not declined), by answered_at
    met         a meeting held at an event (-[:MET]-) or a `met` outcome, per pair
    hired, funded, active_90d   outcome events (:MatchEvent) by when they happened
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from models.report import EventFigures, MentorLoad, Registered

# The youth filter, on `y`; every parameter may be null (no filter).
_YOUTH_FILTER: LiteralString = """
($gender IS NULL OR y.gender = $gender)
AND ($axis IS NULL OR y.axis = $axis)
AND ($born_from IS NULL OR y.birth_year >= $born_from)
AND ($born_to IS NULL OR y.birth_year <= $born_to)
AND ($commune_kind IS NULL OR EXISTS { (y)-[:LOCATED_IN]->(:Place {commune_kind: $commune_kind}) })
"""

_IN_PERIOD: LiteralString = "n.created_at >= $start AND n.created_at < $end"

REGISTERED: LiteralString = (
    """
RETURN
  COUNT { MATCH (n:Youth) WHERE """
    + _IN_PERIOD
    + """ WITH n AS y WHERE """
    + _YOUTH_FILTER
    + """ } AS youths,
  COUNT { MATCH (n:Mentor) WHERE """
    + _IN_PERIOD
    + """ AND ($commune_kind IS NULL OR
          EXISTS { (n)-[:LOCATED_IN]->(:Place {commune_kind: $commune_kind}) }) } AS mentors,
  COUNT { MATCH (n:Organization) WHERE """
    + _IN_PERIOD
    + """ AND ($commune_kind IS NULL OR
          EXISTS { (n)-[:LOCATED_IN]->(:Place {commune_kind: $commune_kind}) }) } AS organizations,
  COUNT { MATCH (n:JobOffer) WHERE """
    + _IN_PERIOD
    + """ } AS job_offers
"""
)

# One row per (stage, pair, when, parties) in the period, before the youth filter.
_FUNNEL_ROWS: LiteralString = (
    """
CALL () {
  MATCH (e:MatchEvent {event: 'shown'}) WHERE e.first_at >= $start AND e.first_at < $end
  RETURN 'shown' AS stage, e.pair AS pair, e.first_at AS at, [e.viewer_id, e.target_id] AS parties
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
    + _YOUTH_FILTER
    + """ }
"""
)

FUNNEL_TOTALS: LiteralString = _FUNNEL_ROWS + "RETURN stage, count(DISTINCT pair) AS n"

FUNNEL_BY_MONTH: LiteralString = (
    _FUNNEL_ROWS
    + """
WITH stage, pair, substring(toString(date(at)), 0, 7) AS month
RETURN month, stage, count(DISTINCT pair) AS n ORDER BY month, stage
"""
)

MENTOR_LOAD: LiteralString = """
MATCH (m:Mentor)
WHERE $commune_kind IS NULL OR EXISTS { (m)-[:LOCATED_IN]->(:Place {commune_kind: $commune_kind}) }
WITH m, coalesce(m.capacity, 2) AS capacity, COUNT { (m)-[:MENTORS]->(:Youth) } AS active
RETURN count(m) AS mentors, sum(capacity) AS capacity, sum(active) AS active_mentees,
       sum(CASE WHEN active >= capacity THEN 1 ELSE 0 END) AS full,
       sum(CASE WHEN m.paused THEN 1 ELSE 0 END) AS paused
"""

EVENTS: LiteralString = """
MATCH (e:Event) WHERE e.starts_at >= $start AND e.starts_at < $end AND e.starts_at <= $now
RETURN count(e) AS held,
       sum(COUNT { (:Entity)-[r:REGISTERED_FOR]->(e) WHERE r.status = 'checked_in' }) AS attendees,
       sum(COUNT { MATCH (m:EventMeeting {event_id: e.id}) WHERE m.state = 'held' })
           AS meetings_held
"""


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


def registered(tx: ManagedTransaction, period: Period, youth: dict[str, Any]) -> Registered:
    row = tx.run(REGISTERED, start=period.start, end=period.end, **youth).single(strict=True)
    return Registered(
        youths=row["youths"],
        mentors=row["mentors"],
        organizations=row["organizations"],
        job_offers=row["job_offers"],
    )


def funnel(tx: ManagedTransaction, period: Period, youth: dict[str, Any]) -> FunnelCounts:
    params = {"start": period.start, "end": period.end, **youth}
    totals = {r["stage"]: r["n"] for r in tx.run(FUNNEL_TOTALS, params)}
    by_month: dict[str, dict[str, int]] = defaultdict(dict)
    for r in tx.run(FUNNEL_BY_MONTH, params):
        by_month[r["month"]][r["stage"]] = r["n"]
    return FunnelCounts(totals=totals, by_month=dict(by_month))


def mentor_load(tx: ManagedTransaction, commune_kind: str | None) -> MentorLoad:
    row = tx.run(MENTOR_LOAD, commune_kind=commune_kind).single(strict=True)
    return MentorLoad(
        mentors=row["mentors"],
        capacity=row["capacity"] or 0,
        active_mentees=row["active_mentees"] or 0,
        full=row["full"] or 0,
        paused=row["paused"] or 0,
    )


def events(tx: ManagedTransaction, period: Period) -> EventFigures:
    row = tx.run(EVENTS, start=period.start, end=period.end, now=period.now).single(strict=True)
    return EventFigures(
        held=row["held"], attendees=row["attendees"] or 0, meetings_held=row["meetings_held"] or 0
    )
