"""Links from what people write to the ESCO taxonomy, found by multilingual nearest neighbour.

A free-text skill ("تصميم مواقع الويب", "développer des sites web") keeps its own node and gets
`MAPS_TO` relationships to the ESCO skills closest in meaning; an offer gets
`LIKELY_OCCUPATION` to the ESCO occupation closest to its title.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction

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

LINK_TERMS: LiteralString = """
UNWIND $rows AS row
MATCH (s:Skill {key: row.key})
CALL (s) { MATCH (s)-[old:MAPS_TO]->() DELETE old }
SET s.linked_with = $model
WITH s, row
CALL db.index.vector.queryNodes('esco_skill_embedding', $neighbours, row.embedding)
YIELD node, score
WITH s, node, score WHERE score >= $threshold
MERGE (s)-[r:MAPS_TO]->(node) SET r.score = score
"""

UNLINKED_OFFERS: LiteralString = """
MATCH (j:JobOffer) WHERE coalesce(j.occupation_link, '') <> j.content_hash + '|' + $model
RETURN j.id AS id, j.title AS title, j.content_hash AS hash ORDER BY id
"""

LINK_OFFERS: LiteralString = """
UNWIND $rows AS row
MATCH (j:JobOffer {id: row.id})
CALL (j) { MATCH (j)-[old:LIKELY_OCCUPATION]->() DELETE old }
SET j.occupation_link = row.hash + '|' + $model
WITH j, row
CALL db.index.vector.queryNodes('occupation_embedding', 1, row.embedding) YIELD node, score
WITH j, node, score WHERE score >= $threshold
MERGE (j)-[r:LIKELY_OCCUPATION]->(node) SET r.score = score
"""

# New taxonomy vectors: every earlier link may have a better target now.
FORGET_LINKS: LiteralString = """
MATCH (n) WHERE n.linked_with IS NOT NULL OR n.occupation_link IS NOT NULL
CALL (n) { REMOVE n.linked_with, n.occupation_link } IN TRANSACTIONS OF 5000 ROWS
"""

TERM_LINKS: LiteralString = """
MATCH (s:Skill {key: $key})-[r:MAPS_TO]->(e:EscoSkill)
RETURN e.id AS id, e.name_en AS en, e.name_fr AS fr, r.score AS score ORDER BY score DESC
"""


def unembedded_esco_skills(tx: ManagedTransaction) -> list[dict[str, Any]]:
    return tx.run(UNEMBEDDED_ESCO_SKILLS).data()


def unembedded_occupations(tx: ManagedTransaction) -> list[dict[str, Any]]:
    return tx.run(UNEMBEDDED_OCCUPATIONS).data()


def write_esco_skill_vectors(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> None:
    tx.run(WRITE_ESCO_SKILL_VECTORS, rows=list(rows)).consume()


def write_occupation_vectors(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> None:
    tx.run(WRITE_OCCUPATION_VECTORS, rows=list(rows)).consume()


def unlinked_terms(tx: ManagedTransaction, model: str) -> list[dict[str, Any]]:
    return tx.run(UNLINKED_TERMS, model=model).data()


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


def unlinked_offers(tx: ManagedTransaction, model: str) -> list[dict[str, Any]]:
    return tx.run(UNLINKED_OFFERS, model=model).data()


def link_offers(
    tx: ManagedTransaction, rows: Sequence[dict[str, Any]], *, model: str, threshold: float
) -> None:
    """Replace each offer's LIKELY_OCCUPATION by the nearest occupation above `threshold`."""
    tx.run(LINK_OFFERS, rows=list(rows), model=model, threshold=threshold).consume()


def forget_links(driver: Driver, database: str | None) -> None:
    """Mark every term and offer as unlinked, so that the next linking pass redoes them."""
    with driver.session(database=database) as session:
        session.run(FORGET_LINKS).consume()


def term_links(tx: ManagedTransaction, key: str) -> list[dict[str, Any]]:
    """The ESCO skills a free-text skill maps to, best first."""
    return tx.run(TERM_LINKS, key=key).data()


# The ESCO skills the lexicon (matcher.lexicon) knows a written term by: "السقي", "ssa9i" or
# "tracteur" name a skill exactly where the encoder, on so short a text, stays below its
# threshold. Added beside the encoder's link (after link_terms replaced the old ones).
LINK_TERMS_BY_LEXICON: LiteralString = """
UNWIND $rows AS row
MATCH (s:Skill {key: row.key})
UNWIND row.skills AS skill_id
MATCH (e:EscoSkill {id: skill_id})
MERGE (s)-[r:MAPS_TO]->(e) SET r.score = 1.0, r.source = 'lexicon'
"""


def link_terms_by_lexicon(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> None:
    """Link each term (`key`) to the ESCO skills (`skills`: ids) the lexicon names it by."""
    tx.run(LINK_TERMS_BY_LEXICON, rows=list(rows)).consume()
