"""Links from what people write to the ESCO taxonomy, found by multilingual nearest neighbour.

A free-text skill ("تصميم مواقع الويب", "développer des sites web") keeps its own node and gets
`MAPS_TO` relationships to the ESCO skills closest in meaning; an offer gets
`LIKELY_OCCUPATION` to the ESCO occupation closest to its title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

from graph.skill_occupations import FORGET_OF_SKILL


@dataclass(frozen=True)
class Unembedded:
    """An ESCO concept without a vector, and its labels (English, French, then Arabic)."""

    id: str
    labels: tuple[str | None, ...]


@dataclass(frozen=True)
class Term:
    """A free-text skill node: its key and the text first written."""

    key: str
    name: str


UNEMBEDDED_ESCO_SKILLS: LiteralString = """
MATCH (s:EscoSkill) WHERE s.embedding IS NULL
RETURN s.id AS id, s.name_en AS en, s.name_fr AS fr ORDER BY id
"""

UNEMBEDDED_OCCUPATIONS: LiteralString = """
MATCH (o:Occupation) WHERE o.embedding IS NULL
RETURN o.id AS id, o.name_en AS en, o.name_fr AS fr, o.name_ar AS ar ORDER BY id
"""

WRITE_ESCO_SKILL_VECTORS: LiteralString = """
UNWIND $rows AS row MATCH (s:EscoSkill {id: row.id}) SET s.embedding = row.embedding
"""

WRITE_OCCUPATION_VECTORS: LiteralString = """
UNWIND $rows AS row MATCH (o:Occupation {id: row.id}) SET o.embedding = row.embedding
"""

# Terms linked with another model (or never) are linked again.
UNLINKED_TERMS: LiteralString = """
MATCH (s:Skill) WHERE NOT s:EscoSkill AND coalesce(s.linked_with, '') <> $model
RETURN s.key AS key, s.name AS name ORDER BY key
"""

LINK_TERMS: LiteralString = (
    """
UNWIND $rows AS row
MATCH (s:Skill {key: row.key})
CALL (s) { MATCH (s)-[old:MAPS_TO]->() DELETE old }
"""
    + FORGET_OF_SKILL
    + """
SET s.linked_with = $model
WITH s, row
CALL db.index.vector.queryNodes('esco_skill_embedding', $neighbours, row.embedding)
YIELD node, score
WITH s, node, score WHERE score >= $threshold
MERGE (s)-[r:MAPS_TO]->(node) SET r.score = score
"""
)

# New taxonomy vectors: every earlier link may have a better target now.
FORGET_LINKS: LiteralString = """
MATCH (n) WHERE n.linked_with IS NOT NULL OR n.occupation_link IS NOT NULL
CALL (n) { REMOVE n.linked_with, n.occupation_link } IN TRANSACTIONS OF 5000 ROWS
"""


def unembedded_esco_skills(tx: ManagedTransaction) -> list[Unembedded]:
    """ESCO skills without a vector, with their English and French labels."""
    rows = tx.run(UNEMBEDDED_ESCO_SKILLS)
    return [Unembedded(id=row["id"], labels=(row["en"], row["fr"])) for row in rows]


def unembedded_occupations(tx: ManagedTransaction) -> list[Unembedded]:
    """Occupations without a vector, with their English, French and Arabic labels."""
    rows = tx.run(UNEMBEDDED_OCCUPATIONS)
    return [Unembedded(id=row["id"], labels=(row["en"], row["fr"], row["ar"])) for row in rows]


def write_esco_skill_vectors(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> None:
    tx.run(WRITE_ESCO_SKILL_VECTORS, rows=list(rows)).consume()


def write_occupation_vectors(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> None:
    tx.run(WRITE_OCCUPATION_VECTORS, rows=list(rows)).consume()


def unlinked_terms(tx: ManagedTransaction, model: str) -> list[Term]:
    """Free-text skills not linked with this encoder yet, by key."""
    return [Term(key=row["key"], name=row["name"]) for row in tx.run(UNLINKED_TERMS, model=model)]


def link_terms(
    tx: ManagedTransaction,
    rows: Sequence[dict[str, Any]],
    *,
    model: str,
    threshold: float,
    neighbours: int,
) -> None:
    """Replace each term's MAPS_TO by its nearest ESCO skills scoring at least `threshold`."""
    tx.run(
        LINK_TERMS, rows=list(rows), model=model, threshold=threshold, neighbours=neighbours
    ).consume()


def forget_links(driver: Driver, database: str | None) -> None:
    """Mark every term and offer as unlinked, so that the next linking pass redoes them."""
    with driver.session(database=database) as session:
        session.run(FORGET_LINKS).consume()


# The ESCO skills a written skill maps to, best first (what a person or a test checks).
TERM_LINKS: LiteralString = """
MATCH (s:Skill {key: $key})-[r:MAPS_TO]->(e:EscoSkill)
RETURN e.id AS id ORDER BY r.score DESC, id
"""


def term_links(tx: ManagedTransaction, key: str) -> list[str]:
    """The ids of the ESCO skills a free-text skill (its key) maps to, best first."""
    return [row["id"] for row in tx.run(TERM_LINKS, key=key)]


# The ESCO skills the lexicon (matcher.lexicon) knows a written term by: "السقي", "ssa9i" or
# "tracteur" name a skill exactly where the encoder, on so short a text, stays below its
# threshold. Added beside the encoder's link (after link_terms replaced the old ones).
LINK_TERMS_BY_LEXICON: LiteralString = (
    """
UNWIND $rows AS row
MATCH (s:Skill {key: row.key})
"""
    + FORGET_OF_SKILL
    + """
WITH s, row
UNWIND row.skills AS skill_id
MATCH (e:EscoSkill {id: skill_id})
MERGE (s)-[r:MAPS_TO]->(e) SET r.score = 1.0, r.source = 'lexicon'
"""
)


def link_terms_by_lexicon(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> None:
    """Link each term (`key`) to the ESCO skills (`skills`: ids) the lexicon names it by."""
    tx.run(LINK_TERMS_BY_LEXICON, rows=list(rows)).consume()
