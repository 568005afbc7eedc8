"""Writing and reading the records of the import contract as graph nodes.

This module is the mapping between a validated record (models.records) and the graph: node
properties, links to shared nodes (graph.links), its place and, for an offer, its poster.
Writes are batched with UNWIND and skip records whose content has not changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.driver import native
from graph.links import (
    FIELD_LINKS,
    MERGE_TERMS,
    REPLACE_LINK_QUERIES,
    REPLACE_LOCATION,
    REPLACE_POSTER,
    TERM_PARAMETER,
    Link,
)
from models.common import term_key
from models.places import find_commune
from models.records import RECORD_ADAPTER, Record, RecordType

# Writes only records that are new or whose content hash changed, so re-importing the same
# file touches nothing. Records whose id belongs to another kind are left alone (the importer
# reports them before writing).
UPSERT_NODES: LiteralString = """
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.type = row.type, n.created_at = datetime(), n.content_hash = 'new'
WITH n, row, n.content_hash = 'new' AS created
WHERE n.type = row.type AND coalesce(n.content_hash, '') <> row.hash
SET n:$(row.label), n += row.props, n.content_hash = row.hash, n.updated_at = datetime()
// Its skills may have changed: the occupations they lead to are walked again until the
// refresh stores them (graph.skill_occupations).
REMOVE n.occupations_stored
RETURN row.id AS id, NOT created AS existed
"""

READ_RECORDS: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
// Vectors and bookkeeping stay in the graph: a record is what the import contract holds.
RETURN [key IN keys(n) WHERE NOT key IN $internal | [key, n[key]]] AS props,
       [(n)-[r]->() WHERE type(r) IN $link_types | {link: type(r), pos: r.pos, raw: r.raw}]
           AS links,
       [(n)-[:LOCATED_IN]->(p:Place) | p {.name, .kind, .lat, .lon}][0] AS place,
       [(o:Organization)-[:POSTED]->(n) | o.id][0] AS organization_id
"""

LIST_IDS: LiteralString = """
MATCH (n:Entity {type: $type})
WHERE ($commune IS NULL OR EXISTS { (n)-[:LOCATED_IN]->(:Place {key: $commune}) })
  AND ($sector IS NULL
       OR EXISTS { (n)-[:INTERESTED_IN|ACTIVE_IN|EXPERT_IN]->(:Sector {key: $sector}) }
       OR EXISTS { (n)<-[:POSTED]-(:Organization)-[:ACTIVE_IN]->(:Sector {key: $sector}) })
  AND ($skill IS NULL OR EXISTS { (n)-[:HAS_SKILL|OFFERS_SKILL|REQUIRES]->(:Skill {key: $skill}) })
  // Who may list youths (README, "Who sees what"): staff ($parties null), else only the
  // youths the caller's records are connected to or in an open introduction with.
  AND ($parties IS NULL OR n.id IN $parties
       OR EXISTS { (n)-[:MENTORS|CONNECTED_WITH|PARTNERS_WITH|APPLIED_TO]-(p:Entity)
                   WHERE p.id IN $parties }
       OR EXISTS { (i:Introduction {from_id: n.id}) WHERE i.status IN ['pending', 'accepted']
                   AND (i.to_id IN $parties OR i.to_party IN $parties) }
       OR EXISTS { (i:Introduction {to_id: n.id}) WHERE i.status IN ['pending', 'accepted']
                   AND (i.from_id IN $parties OR i.from_party IN $parties) })
WITH n ORDER BY n.id
WITH collect(n.id) AS ids
RETURN size(ids) AS total, ids[$offset..$offset + $limit] AS page
"""

OFFERS_OF: LiteralString = """
MATCH (:Organization {id: $organization_id})-[:POSTED]->(n:Entity {type: 'job_offer'})
RETURN n.id AS id ORDER BY id
"""

ALL_IDS: LiteralString = """
MATCH (n:Entity {type: $type}) RETURN n.id AS id ORDER BY id
"""

TYPES_OF_IDS: LiteralString = """
UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.type AS type
"""

DELETE_RECORD: LiteralString = """
MATCH (n:Entity {id: $id, type: $type}) DETACH DELETE n RETURN count(*) AS deleted
"""

# What other nodes say about a record, by its id: deleted with it, so that nothing about a
# deleted person stays behind, and a re-used id never inherits an old introduction.
FORGET_TRACES: LiteralString = """
CALL () {
  MATCH (i:Introduction)
  WHERE i.from_id = $id OR i.from_party = $id OR i.to_id = $id OR i.to_party = $id
  DETACH DELETE i
}
CALL () {
  MATCH (n:Notification) WHERE n.party_id = $id OR n.about_id = $id DETACH DELETE n
}
CALL () {
  MATCH (e:MatchEvent) WHERE e.viewer_id = $id OR e.target_id = $id DETACH DELETE e
}
CALL () { MATCH (d:SuggestionDigest {id: $id}) DETACH DELETE d }
CALL () { MATCH (m:CohortMatch {youth_id: $id}) DETACH DELETE m }
CALL () { MATCH (m:CohortMatch {mentor_id: $id}) SET m.mentor_id = null, m.score = null }
CALL () { MATCH (m:EventMeeting) WHERE m.a = $id OR m.b = $id DETACH DELETE m }
CALL () { MATCH (f:EventFeedback {attendee_id: $id}) DETACH DELETE f }
"""

COUNT_BY_TYPE: LiteralString = """
MATCH (n:Entity) RETURN n.type AS type, count(*) AS count
"""

_LINK_TYPES = [link.value for link in Link]
# Node properties that are not part of a record.
_INTERNAL = [
    "content_hash",
    "created_at",
    "updated_at",
    "embedding",
    "needs_embedding",
    "offers_embedding",
    "embedding_hash",
    "paused",  # a mentor's availability, set by pause/resume (graph/introductions.py)
    "lock_seq",  # bumped to serialise concurrent writes on one node
    "self_service",  # created by an account, not by staff: imports leave it alone
    "awaiting_approval",  # its account is not approved yet: not suggested (safeguarding)
    "facts_stamp",  # what processes keep of its content is stale (graph.recommend)
]
_PROJECT_FIELDS = ("title", "description", "stage")
_TERM_PARAMETERS = (*sorted(set(TERM_PARAMETER.values())), "places")
_NODE_KEYS = ("id", "type", "label", "hash", "props")  # all the node query needs to receive
# Per kind: (list field, relationship type) pairs, and the fields that are not node properties.
_LINKED_FIELDS = {
    kind: tuple((fl.field, fl.link.value) for fl in links) for kind, links in FIELD_LINKS.items()
}
_NOT_PROPERTIES = {
    kind: frozenset(field for field, _ in pairs)
    | {"type", "id", "location", "organization_id", "project"}
    for kind, pairs in _LINKED_FIELDS.items()
}


def place_key(location: dict[str, Any]) -> dict[str, Any]:
    """The Place node a location maps to: a reference commune, or a name at coordinates."""
    commune = find_commune(location["commune"])
    if commune is not None:
        return {"key": commune.key, "name": commune.name_fr, "lat": commune.lat, "lon": commune.lon}
    lat, lon = location["lat"], location["lon"]
    # Coordinates are part of the key: two places of one name stay two places.
    key = f"{term_key(location['commune'])}@{lat:.5f},{lon:.5f}"
    return {"key": key, "name": location["commune"], "lat": lat, "lon": lon}


def content_hash(record: Record) -> str:
    """A digest of everything a record says: equal digests, nothing to rewrite or re-embed."""
    return hashlib.sha256(record.model_dump_json().encode()).hexdigest()


def to_row(record: Record) -> dict[str, Any]:
    """The parameters that write one record: node properties, links, place and poster."""
    kind = RecordType(record.type)
    data = record.model_dump(mode="python")
    props = {k: v for k, v in data.items() if k not in _NOT_PROPERTIES[kind]}
    if kind is RecordType.YOUTH:
        project = data.get("project") or {}
        props |= {f"project_{name}": project.get(name) for name in _PROJECT_FIELDS}
    return {
        "id": record.id,
        "type": kind.value,
        "label": kind.label,
        "hash": content_hash(record),
        "props": props,
        "links": {
            link: [
                {"key": term_key(raw), "raw": raw, "pos": pos}
                for pos, raw in enumerate(data[field_name])
            ]
            for field_name, link in _LINKED_FIELDS[kind]
        },
        "place": place_key(data["location"]) if data.get("location") else None,
        "organization_id": data.get("organization_id"),
    }


def write_rows(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> dict[str, bool]:
    """Upsert rows (from `to_row`) in one transaction.

    Returns:
        Record id -> whether it existed before, for every record written; unchanged records
        are absent.
    """
    node_rows = [{key: row[key] for key in _NODE_KEYS} for row in rows]
    written = tx.run(UPSERT_NODES, rows=node_rows)
    existed: dict[str, bool] = {w["id"]: bool(w["existed"]) for w in written}
    changed = [row for row in rows if row["id"] in existed]
    if not changed:
        return existed
    tx.run(MERGE_TERMS, **_shared_nodes(changed)).consume()
    for link, query in REPLACE_LINK_QUERIES.items():
        # A new node has no old links to remove: send it only when it has terms to link.
        link_rows = [
            {"id": row["id"], "existed": existed[row["id"]], "terms": terms}
            for row in changed
            if (terms := row["links"].get(link.value)) is not None and (terms or existed[row["id"]])
        ]
        if link_rows:
            tx.run(query, rows=link_rows).consume()
    location_rows = [
        {"id": r["id"], "existed": existed[r["id"]], "place_key": (r["place"] or {}).get("key")}
        for r in changed
    ]
    tx.run(REPLACE_LOCATION, rows=location_rows).consume()
    offers = [r for r in changed if r["type"] == RecordType.JOB_OFFER.value]
    if offers:
        poster_rows = [{"id": r["id"], "organization_id": r["organization_id"]} for r in offers]
        tx.run(REPLACE_POSTER, rows=poster_rows).consume()
    return existed


def _shared_nodes(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Every term and place the rows link to, once each, sorted by key (see MERGE_TERMS)."""
    found: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in _TERM_PARAMETERS}
    for row in rows:
        for link, terms in row["links"].items():
            bucket = found[TERM_PARAMETER[Link(link)]]
            for term in terms:
                bucket.setdefault(term["key"], {"key": term["key"], "name": term["raw"]})
        if row["place"]:
            found["places"].setdefault(row["place"]["key"], row["place"])
    return {name: [bucket[key] for key in sorted(bucket)] for name, bucket in found.items()}


def read_records(tx: ManagedTransaction, ids: Sequence[str]) -> list[Record]:
    """The records with these ids, in the order given; unknown ids are skipped."""
    result = tx.run(READ_RECORDS, ids=list(ids), link_types=_LINK_TYPES, internal=_INTERNAL)
    return [_record_from_graph(row) for row in result]


def list_ids(
    tx: ManagedTransaction,
    kind: RecordType,
    *,
    limit: int,
    offset: int,
    commune: str | None = None,
    sector: str | None = None,
    skill: str | None = None,
    parties: list[str] | None = None,
) -> tuple[int, list[str]]:
    """One page of ids of one kind, ordered by id, with the total that match the filters;
    with `parties`, only records those are, or are connected to or in an introduction with."""
    row = tx.run(
        LIST_IDS,
        type=kind.value,
        limit=limit,
        offset=offset,
        commune=commune,
        sector=sector,
        skill=skill,
        parties=parties,
    ).single(strict=True)
    return row["total"], list(row["page"])


def offers_of(tx: ManagedTransaction, organization_id: str) -> list[str]:
    """The ids of the offers an organisation posted, ordered."""
    return [row["id"] for row in tx.run(OFFERS_OF, organization_id=organization_id)]


def all_ids(tx: ManagedTransaction, kind: RecordType) -> list[str]:
    """Every id of one kind, ordered."""
    return [row["id"] for row in tx.run(ALL_IDS, type=kind.value)]


def types_of(tx: ManagedTransaction, ids: Iterable[str]) -> dict[str, str]:
    """The kind of each of these ids that already exists in the graph."""
    return {row["id"]: row["type"] for row in tx.run(TYPES_OF_IDS, ids=list(ids))}


MARK_SELF_SERVICE: LiteralString = """
MATCH (n:Entity {id: $id})
SET n.self_service = true,
    n.awaiting_approval = CASE WHEN $awaiting THEN true ELSE null END
"""


def mark_self_service(tx: ManagedTransaction, record_id: str, *, awaiting: bool) -> None:
    """Mark a record as created by an account (staff imports may not take it over), and, when
    the account awaits staff approval, as not to be suggested yet."""
    tx.run(MARK_SELF_SERVICE, id=record_id, awaiting=awaiting).consume()


def delete_record(tx: ManagedTransaction, kind: RecordType, record_id: str) -> bool:
    """Delete one record, its relationships and what other nodes hold about it (its
    introductions, notifications, outcome events, cohort and event entries); False when there
    was none."""
    row = tx.run(DELETE_RECORD, id=record_id, type=kind.value).single(strict=True)
    if row["deleted"]:
        tx.run(FORGET_TRACES, id=record_id).consume()
    return bool(row["deleted"])


def count_by_type(tx: ManagedTransaction) -> dict[str, int]:
    """How many records of each kind the graph holds."""
    return {row["type"]: row["count"] for row in tx.run(COUNT_BY_TYPE)}


def _record_from_graph(row: Any) -> Record:
    props = dict(row["props"])
    kind = RecordType(props["type"])
    # Properties added by later features (a mentor's pause, say) are not part of the record.
    fields = kind.full_model.model_fields
    data: dict[str, Any] = {key: _native(value) for key, value in props.items() if key in fields}
    by_link: dict[str, list[tuple[int, str]]] = {}
    for link in row["links"]:
        by_link.setdefault(link["link"], []).append((link["pos"], link["raw"]))
    for fl in FIELD_LINKS[kind]:
        data[fl.field] = [raw for _, raw in sorted(by_link.get(fl.link.value, []))]
    data["location"] = _location(row["place"])
    if kind is RecordType.JOB_OFFER:
        data["organization_id"] = row["organization_id"]
    if kind is RecordType.YOUTH and props.get("project_title"):
        data["project"] = {name: props.get(f"project_{name}") for name in _PROJECT_FIELDS}
    return RECORD_ADAPTER.validate_python(data)


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if place is None:
        return None
    if place["kind"] == "commune":
        return {"commune": place["name"]}
    return {"commune": place["name"], "lat": place["lat"], "lon": place["lon"]}


def _native(value: Any) -> Any:
    """Neo4j dates and datetimes back to Python ones (other temporal values are kept)."""
    converted = native(value)
    return converted if isinstance(converted, dt.date) else value
