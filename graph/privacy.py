"""What the graph holds about a person, found wherever it is, and its erasure.

A person's id, name, e-mail and phone are copied into other nodes and relationships over
time (introductions, notifications, digests, cohorts, event choices, audit entries). Rather
than a list of those places that goes stale, these queries look at every node and
relationship that names the person by one of their ids, and at every property there, so an
erasure leaves none behind and an export shows all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.driver import native

# Only nodes and relationships that name the person by one of their ids are searched: a
# property there equal to one of their values (id, name, e-mail, phone), or a list holding
# one, is theirs. Another person who happens to share a name is never touched.
_NAMES_THEM: LiteralString = """
any(k IN keys(x) WHERE x[k] IN $ids
    OR (valueType(x[k]) STARTS WITH 'LIST<STRING' AND any(v IN x[k] WHERE v IN $ids)))
"""
_HITS: LiteralString = """
[k IN keys(x) WHERE x[k] IN $values
 OR (valueType(x[k]) STARTS WITH 'LIST<STRING' AND any(v IN x[k] WHERE v IN $values))] AS hits
"""

NODES_HOLDING: LiteralString = (
    """
MATCH (x)
WHERE (NOT x:Entity OR NOT x.id IN $ids) AND NOT (x:AuditEntry AND $keep_audit)
  AND """
    + _NAMES_THEM
    + "WITH x, "
    + _HITS
    + """
RETURN elementId(x) AS element_id, labels(x) AS labels, hits,
       x {.*, embedding: null, needs_embedding: null, offers_embedding: null} AS props
"""
)

RELATIONSHIPS_HOLDING: LiteralString = (
    """
MATCH ()-[x]->()
WHERE """
    + _NAMES_THEM
    + "WITH x, "
    + _HITS
    + """
RETURN elementId(x) AS element_id, type(x) AS type, hits, properties(x) AS props
"""
)

SET_NODE_PROPERTIES: LiteralString = """
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.element_id
SET n += row.props
// What processes keep of a record's content is read again (graph.recommend).
SET n.facts_stamp = CASE WHEN n:Entity THEN randomUUID() ELSE n.facts_stamp END
"""

SET_RELATIONSHIP_PROPERTIES: LiteralString = """
UNWIND $rows AS row
MATCH (n)-[r]->() WHERE elementId(r) = row.element_id
SET r += row.props
SET n.facts_stamp = CASE WHEN n:Entity THEN randomUUID() ELSE n.facts_stamp END
"""

ACCOUNT_DATA: LiteralString = """
MATCH (u:User {id: $user_id})
RETURN u {.*, password_hash: null, token_version: null} AS account,
       [(u)-[:OWNS]->(p:Entity) | p.id] AS profile_ids,
       [(u)-[:MEMBER_OF]->(o:Organization) | o.id] AS organization_ids
"""

RELATIONSHIPS_OF: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(other)
RETURN n.id AS record_id, type(r) AS type, startNode(r) = n AS outgoing,
       coalesce(other.id, other.key, other.code) AS other, properties(r) AS props
"""

DELETE_ACCOUNT: LiteralString = "MATCH (u:User {id: $user_id}) DETACH DELETE u"

# Funders' figures survive an erasure as counts without a person: per record type and commune.
TALLY_ERASED: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[:LOCATED_IN]->(place:Place)
MERGE (t:ErasedTally {type: n.type, place: coalesce(place.key, 'unknown')})
SET t.count = coalesce(t.count, 0) + 1
"""

ERASED = "[erased]"


@dataclass(frozen=True)
class Holder:
    """A node or relationship with properties holding a person's values."""

    element_id: str
    kind: str  # a node's labels joined with ":", or a relationship's type
    is_node: bool
    hits: tuple[str, ...]
    props: dict[str, Any]


def holders(
    tx: ManagedTransaction, *, ids: list[str], values: list[str], keep_audit: bool = False
) -> list[Holder]:
    """Every node (but the records `ids` themselves) and relationship holding one of `values`;
    with `keep_audit`, audit entries are left out (a deleted record's id stays in the log; an
    erased person's does not)."""
    found = [
        Holder(
            row["element_id"],
            ":".join(sorted(row["labels"])),
            True,
            tuple(row["hits"]),
            {k: native(v) for k, v in row["props"].items() if v is not None},
        )
        for row in tx.run(NODES_HOLDING, ids=ids, values=values, keep_audit=keep_audit)
    ]
    found += [
        Holder(
            row["element_id"],
            row["type"],
            False,
            tuple(row["hits"]),
            {k: native(v) for k, v in row["props"].items()},
        )
        for row in tx.run(RELATIONSHIPS_HOLDING, ids=ids, values=values)
    ]
    return found


def scrub(tx: ManagedTransaction, found: list[Holder], values: list[str]) -> int:
    """Remove the values from the properties that hold them: out of lists, and scalars set to
    null (ERASED in audit entries, which keep that something happened). Returns how many
    properties changed."""
    nodes: list[dict[str, Any]] = []
    relationships: list[dict[str, Any]] = []
    changed = 0
    drop = set(values)
    for holder in found:
        props: dict[str, Any] = {}
        for key in holder.hits:
            value = holder.props.get(key)
            if isinstance(value, list):
                props[key] = [item for item in value if item not in drop]
            else:
                props[key] = ERASED if "AuditEntry" in holder.kind.split(":") else None
            changed += 1
        row = {"element_id": holder.element_id, "props": props}
        (nodes if holder.is_node else relationships).append(row)
    if nodes:
        tx.run(SET_NODE_PROPERTIES, rows=nodes).consume()
    if relationships:
        tx.run(SET_RELATIONSHIP_PROPERTIES, rows=relationships).consume()
    return changed


@dataclass(frozen=True)
class HeldAccount:
    """An account's own properties (never its password hash or token version), its profiles
    and its organisations."""

    properties: dict[str, Any]
    profile_ids: tuple[str, ...]
    organization_ids: tuple[str, ...]

    @property
    def email(self) -> str | None:
        email = self.properties.get("email")
        return str(email) if email else None


@dataclass(frozen=True)
class HeldRelationship:
    """A relationship of one of a person's records, for their export."""

    record_id: str
    type: str
    outgoing: bool
    other: str | None
    properties: dict[str, Any]


def account_data(tx: ManagedTransaction, user_id: str) -> HeldAccount | None:
    """What the account node holds, or None for an unknown account."""
    row = tx.run(ACCOUNT_DATA, user_id=user_id).single()
    if row is None:
        return None
    return HeldAccount(
        properties={k: native(v) for k, v in row["account"].items() if v is not None},
        profile_ids=tuple(row["profile_ids"]),
        organization_ids=tuple(row["organization_ids"]),
    )


def relationships_of(tx: ManagedTransaction, ids: list[str]) -> list[HeldRelationship]:
    """The relationships of these records, with their properties (for an export)."""
    return [
        HeldRelationship(
            record_id=row["record_id"],
            type=row["type"],
            outgoing=row["outgoing"],
            other=row["other"],
            properties={k: native(v) for k, v in row["props"].items()},
        )
        for row in tx.run(RELATIONSHIPS_OF, ids=ids)
    ]


def tally_erased(tx: ManagedTransaction, ids: list[str]) -> None:
    """Count the records about to be erased into anonymous tallies (type, commune)."""
    tx.run(TALLY_ERASED, ids=ids).consume()


def delete_account(tx: ManagedTransaction, user_id: str) -> None:
    """Delete an account node and its relationships."""
    tx.run(DELETE_ACCOUNT, user_id=user_id).consume()
