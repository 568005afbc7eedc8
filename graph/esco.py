"""The ESCO taxonomy in the graph: occupations, their skills, and the schema they need.

An ESCO skill is a :Skill like the free-text skills of profiles, with the extra label
:EscoSkill and the key `esco:<id>`: both kinds share one skill space (unique by `key`), and a
free-text key, being normalised text, never looks like an ESCO one in practice.

    (:Occupation {id})-[:NEEDS_SKILL {essential}]->(:Skill:EscoSkill {key, id})

Writes are batched with UNWIND, MERGE on uniquely constrained keys, and touch only what
changed (a content hash per node), so loading the same data twice writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph import occupation_details, skill_occupations
from graph.driver import typed

ESCO_VERSION = "1.1.1"
SKILL_URI_PREFIX = "http://data.europa.eu/esco/skill/"
OCCUPATION_URI_PREFIX = "http://data.europa.eu/esco/occupation/"
SKILL_KEY_PREFIX = "esco:"

# Idempotent, like graph.schema: safe to apply at every load.
ESCO_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT occupation_id IF NOT EXISTS FOR (n:Occupation) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT esco_skill_id IF NOT EXISTS FOR (n:EscoSkill) REQUIRE n.id IS UNIQUE",
    # The load records itself on one :Taxonomy node per taxonomy, merged by name.
    "CREATE CONSTRAINT taxonomy_name IF NOT EXISTS FOR (n:Taxonomy) REQUIRE n.name IS UNIQUE",
)

# MERGE on :Skill {key} (the skill_key constraint of graph.schema): an ESCO skill joins the
# skill space of profiles instead of living beside it. Unchanged rows are filtered out before
# SET, so a reload writes nothing.
UPSERT_SKILLS: LiteralString = """
UNWIND $rows AS row
MERGE (s:Skill {key: 'esco:' + row.id})
WITH s, row WHERE coalesce(s.content_hash, '') <> row.hash
SET s:EscoSkill, s += row.props, s.content_hash = row.hash, s.updated_at = datetime()
RETURN count(s) AS written
"""

UPSERT_OCCUPATIONS: LiteralString = """
UNWIND $rows AS row
MERGE (o:Occupation {id: row.id})
WITH o, row WHERE coalesce(o.content_hash, '') <> row.hash
SET o += row.props, o.content_hash = row.hash, o.updated_at = datetime()
RETURN count(o) AS written
"""

# One row per occupation with its complete skill list: links no longer in the list are removed
# (a newer ESCO version may drop some), the others are merged. Returns the links created or
# changed; a reload of the same data returns 0.
REPLACE_OCCUPATION_SKILLS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Occupation {id: row.id})
CALL (o, row) {
  MATCH (o)-[old:NEEDS_SKILL]->(s:EscoSkill)
  WHERE NOT s.id IN [link IN row.skills | link.id]
  DELETE old
}
CALL (o, row) {
  UNWIND row.skills AS link
  MATCH (s:EscoSkill {id: link.id})
  MERGE (o)-[r:NEEDS_SKILL]->(s)
  WITH r, link WHERE r.essential IS NULL OR r.essential <> link.essential
  SET r.essential = link.essential
  RETURN count(r) AS changed
}
RETURN sum(changed) AS written
"""

RECORD_TAXONOMY: LiteralString = """
MERGE (t:Taxonomy {name: $name})
SET t.version = $version, t.loaded_at = datetime(), t += $counts
"""

READ_TAXONOMY: LiteralString = """
OPTIONAL MATCH (t:Taxonomy {name: $name}) RETURN t {.*} AS taxonomy
"""

READ_OCCUPATION_SKILLS: LiteralString = """
MATCH (o:Occupation)
RETURN o.id AS id,
       [(o)-[r:NEEDS_SKILL]->(s:EscoSkill) | [s.id, r.essential]] AS skills
ORDER BY id
"""

READ_OCCUPATION_LABELS: LiteralString = """
MATCH (o:Occupation)
RETURN o.id AS id, o.isco_group AS isco_group, o.name_en AS name_en, o.name_fr AS name_fr,
       o.name_ar AS name_ar, coalesce(o.alt_en, []) AS alt_en, coalesce(o.alt_fr, []) AS alt_fr
ORDER BY id
"""

READ_SKILL_LABELS: LiteralString = """
MATCH (s:EscoSkill)
RETURN s.id AS id, s.skill_type AS skill_type, s.name_en AS name_en, s.name_fr AS name_fr,
       coalesce(s.alt_en, []) AS alt_en, coalesce(s.alt_fr, []) AS alt_fr
ORDER BY id
"""

COUNT_ESCO: LiteralString = """
CALL () { MATCH (s:EscoSkill) RETURN count(s) AS skills }
CALL () { MATCH (o:Occupation) RETURN count(o) AS occupations }
CALL () { MATCH (:Occupation)-[r:NEEDS_SKILL]->(:EscoSkill) RETURN count(r) AS relations }
RETURN skills, occupations, relations
"""


@dataclass(frozen=True)
class Labels:
    """The labels of one occupation or skill, as stored in the graph."""

    id: str
    name_en: str
    name_fr: str | None
    name_ar: str | None
    alt_en: list[str]
    alt_fr: list[str]
    kind: str | None  # the ISCO group of an occupation, the skill type of a skill


@dataclass(frozen=True)
class Taxonomy:
    """Which version of a taxonomy was loaded, when, and how many rows its data had."""

    name: str
    version: str
    loaded_at: dt.datetime
    skills: int = 0
    occupations: int = 0
    relations: int = 0


@dataclass(frozen=True)
class EscoGraphView:
    """What the evaluation set builder needs of the taxonomy in the graph."""

    occupation_skills: dict[str, list[tuple[str, bool]]]
    occupations: list[Labels]
    skills: list[Labels]


# Skill names starting with what a person types (French names for French and Arabic pages:
# ESCO has no Arabic skill labels), shortest first.
SUGGEST_SKILLS_FR: LiteralString = """
MATCH (s:EscoSkill) WHERE toLower(s.name_fr) STARTS WITH $prefix
RETURN s.name_fr AS name ORDER BY size(name), name LIMIT $limit
"""
SUGGEST_SKILLS_EN: LiteralString = """
MATCH (s:EscoSkill) WHERE toLower(s.name_en) STARTS WITH $prefix
RETURN s.name_en AS name ORDER BY size(name), name LIMIT $limit
"""


def suggest_skills(tx: ManagedTransaction, prefix: str, *, english: bool, limit: int) -> list[str]:
    """ESCO skill names that start with `prefix` (lower case), in French or English."""
    query = SUGGEST_SKILLS_EN if english else SUGGEST_SKILLS_FR
    return [row["name"] for row in tx.run(query, prefix=prefix, limit=limit)]


def apply_schema(driver: Driver, *, database: str | None = None) -> None:
    """Create the ESCO constraints (idempotent); run after graph.schema.migrate."""
    for statement in ESCO_SCHEMA:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def write_skills(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> int:
    """Upsert ESCO skills.

    Args:
        tx: The managed transaction.
        rows: `{"id", "hash", "props"}` per skill, `props` holding the node properties.

    Returns:
        How many skills were created or changed.
    """
    return _written(tx.run(UPSERT_SKILLS, rows=list(rows)).single(strict=True))


def write_occupations(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> int:
    """Upsert occupations.

    Args:
        tx: The managed transaction.
        rows: `{"id", "hash", "props"}` per occupation, `props` holding the node properties.

    Returns:
        How many occupations were created or changed.
    """
    written = _written(tx.run(UPSERT_OCCUPATIONS, rows=list(rows)).single(strict=True))
    if written:  # their names are stored on the records (graph.skill_occupations)
        skill_occupations.forget_all(tx)
        occupation_details.new_stamp(tx)  # and kept in processes
    return written


def write_occupation_skills(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> int:
    """Make each occupation's NEEDS_SKILL links exactly its given skill list.

    Args:
        tx: The managed transaction.
        rows: `{"id": occupation id, "skills": [{"id": skill id, "essential": bool}]}`; the
            occupations and skills must already exist (unknown skills are skipped).

    Returns:
        How many links were created or had their `essential` flag changed.
    """
    written = _written(tx.run(REPLACE_OCCUPATION_SKILLS, rows=list(rows)).single(strict=True))
    if written:  # the occupations records' skills lead to may differ
        skill_occupations.forget_all(tx)
    return written


def record_taxonomy(
    tx: ManagedTransaction,
    *,
    counts: dict[str, int],
    name: str = "esco",
    version: str = ESCO_VERSION,
) -> None:
    """Record on the (:Taxonomy {name}) node which version was loaded, when, and its counts."""
    tx.run(RECORD_TAXONOMY, name=name, version=version, counts=counts).consume()


def read_taxonomy(tx: ManagedTransaction, name: str = "esco") -> Taxonomy | None:
    """The (:Taxonomy {name}) node, or None before the first load."""
    taxonomy = tx.run(READ_TAXONOMY, name=name).single(strict=True)["taxonomy"]
    return None if taxonomy is None else typed(Taxonomy, taxonomy)


def count_esco(tx: ManagedTransaction) -> dict[str, int]:
    """How many ESCO skills, occupations and occupation–skill links the graph holds."""
    return dict(tx.run(COUNT_ESCO).single(strict=True))


def read_occupation_skills(tx: ManagedTransaction) -> dict[str, list[tuple[str, bool]]]:
    """Occupation id → [(skill id, essential)], skills sorted by id, occupations by id."""
    return {
        row["id"]: sorted((skill_id, bool(essential)) for skill_id, essential in row["skills"])
        for row in tx.run(READ_OCCUPATION_SKILLS)
    }


def read_occupation_labels(tx: ManagedTransaction) -> list[Labels]:
    """The labels of every occupation, sorted by id (`kind` is the ISCO group)."""
    return [
        Labels(
            id=row["id"],
            name_en=row["name_en"],
            name_fr=row["name_fr"],
            name_ar=row["name_ar"],
            alt_en=list(row["alt_en"]),
            alt_fr=list(row["alt_fr"]),
            kind=row["isco_group"],
        )
        for row in tx.run(READ_OCCUPATION_LABELS)
    ]


def read_skill_labels(tx: ManagedTransaction) -> list[Labels]:
    """The labels of every ESCO skill, sorted by id (`kind` is the skill type; no Arabic)."""
    return [
        Labels(
            id=row["id"],
            name_en=row["name_en"],
            name_fr=row["name_fr"],
            name_ar=None,
            alt_en=list(row["alt_en"]),
            alt_fr=list(row["alt_fr"]),
            kind=row["skill_type"],
        )
        for row in tx.run(READ_SKILL_LABELS)
    ]


def read_view(tx: ManagedTransaction) -> EscoGraphView:
    """The occupation → skills map and the label lists, read in one transaction.

    Use as `graph.read(esco.read_view)`.
    """
    return EscoGraphView(
        occupation_skills=read_occupation_skills(tx),
        occupations=read_occupation_labels(tx),
        skills=read_skill_labels(tx),
    )


def _written(row: Any) -> int:
    return int(row["written"] or 0)
