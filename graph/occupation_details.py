"""The names of each ESCO occupation and the sectors it is found in, kept in the process.

Every facts query walks each record's linked occupations; reading their names (three
languages) and where they are found (three lists) for some hundred candidates was a fifth of
the candidates' facts query at 100,000 profiles (issue 14: mentors 38.6 → 30.3 ms, jobs
19.8 → 15.6 ms with the links' ids and weights only). Those details change only when ESCO is
loaded or where occupations are found is recomputed (`graph.recommend.
refresh_occupation_sectors`); both give the singleton `(:OccupationDetails)` a new `stamp`.
Each read asks for the stamp in its own transaction and drops what it kept under another, so
that several processes (API workers, Celery workers) never read stale details for longer
than the transaction that changed them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

# Read per request: one row. Absent until the first ESCO load or refresh (nothing kept then).
STAMP: LiteralString = "MATCH (v:OccupationDetails {singleton: true}) RETURN v.stamp AS stamp"
NEW_STAMP: LiteralString = (
    "MERGE (v:OccupationDetails {singleton: true}) SET v.stamp = randomUUID()"
)
FIRST_STAMP: LiteralString = (
    "MERGE (v:OccupationDetails {singleton: true}) ON CREATE SET v.stamp = randomUUID()"
)
DETAILS: LiteralString = """
UNWIND $ids AS id
MATCH (o:Occupation {id: id})
RETURN o.id AS id, o.name_en AS en, o.name_fr AS fr, o.name_ar AS ar,
       o.found_in_keys AS sectors, o.found_in_names AS sector_names,
       o.found_in_weights AS sector_weights
"""

KEEP = True  # False: every read from the store (benchmarks/bench_request_parts.py compares)


class KeptDetails:
    """The details read under one stamp, by occupation id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._found: dict[str, dict[str, Any]] = {}

    def details(self, tx: ManagedTransaction, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The details of `ids` (those of no occupation are left out)."""
        wanted = set(ids)
        if not KEEP:
            return _read(tx, wanted)
        row = tx.run(STAMP).single()
        stamp = row["stamp"] if row else None
        with self._lock:
            if stamp != self._stamp:
                self._stamp, self._found = stamp, {}
            found = {i: self._found[i] for i in wanted if i in self._found}
        missing = wanted - found.keys()
        if missing:
            read = _read(tx, missing)
            found |= read
            if stamp is not None:
                with self._lock:
                    if stamp == self._stamp:
                        self._found.update(read)
        return found


def _read(tx: ManagedTransaction, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row.data() for row in tx.run(DETAILS, ids=sorted(ids))}


KEPT = KeptDetails()


def new_stamp(tx: ManagedTransaction) -> None:
    """Say that occupations' names or sectors changed: every process reads them again."""
    tx.run(NEW_STAMP).consume()


def ensure_stamp(tx: ManagedTransaction) -> None:
    """A stamp for a store from before it existed (graph.schema.migrate, at every start)."""
    tx.run(FIRST_STAMP).consume()


def fill(tx: ManagedTransaction, rows: Sequence[MutableMapping[str, Any]]) -> None:
    """Complete each row's `linked_occupations` (ids, weights, ranks, as the facts queries
    return them) with the occupations' names and the sectors they are found in."""
    links: list[Mapping[str, Any]] = [
        link for row in rows for link in row.get("linked_occupations") or []
    ]
    if not links:
        return
    details = KEPT.details(tx, {link["id"] for link in links})
    for row in rows:
        row["linked_occupations"] = [
            {**link, **details.get(link["id"], {})} for link in row.get("linked_occupations") or []
        ]
