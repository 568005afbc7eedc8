"""Reading what recommendations need: candidates near a viewer, and the facts of profiles.

Candidates come from two places: the vector index of the suggested kind (close in meaning,
whatever the language) and the graph neighbourhood (shared skills, directly or through ESCO,
shared sectors, complementary needs and offers). Facts are read for the viewer and all
candidates in one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from matcher.kinds import SuggestionKind as K

_FACTS: LiteralString = """
RETURN n.id AS id, n.type AS type, coalesce(n.name, n.title) AS name,
       n.birth_year AS birth_year, n.capacity AS capacity, coalesce(n.paused, false) AS paused,
       n.kind AS organization_kind, n.published_on AS published_on, n.expires_on AS expires_on,
       [(n)-[r:HAS_SKILL|REQUIRES]->(s:Skill) |
           {key: s.key, name: r.raw, pos: r.pos, esco: [(s)-[:MAPS_TO]->(e) | e.key]}] AS skills,
       [(n)-[r:INTERESTED_IN|ACTIVE_IN]->(s:Sector) | {key: s.key, name: r.raw, pos: r.pos}]
           AS sectors,
       [(n)-[r:NEEDS]->(s:Resource) | {key: s.key, name: r.raw, pos: r.pos}] AS needs,
       [(n)-[r:OFFERS]->(s:Resource) | {key: s.key, name: r.raw, pos: r.pos}] AS offers,
       [(n)-[:SPEAKS|REQUIRES_LANGUAGE]->(l:Language) | l.code] AS languages,
       [(n)-[:LOCATED_IN]->(p:Place) | p {.name, .name_ar, .lat, .lon}][0] AS place,
       COUNT { (n)-[:MENTORS]->() } AS active_mentees,
       [(n)-[:MENTORS]->(m) | m.type] AS mentored_kinds,
       // Records already met, applied to or declined are never suggested again, nor those
       // with a request waiting between the two (asked once is enough).
       [(n)-[:MENTORS|CONNECTED_WITH|PARTNERS_WITH|APPLIED_TO|DECLINED]-(o:Entity) | o.id]
       + COLLECT { MATCH (i:Introduction {from_id: n.id}) WHERE i.status = 'pending'
                   RETURN i.to_id }
       + COLLECT { MATCH (i:Introduction {to_id: n.id}) WHERE i.status = 'pending'
                   RETURN i.from_id }
       // "Not for me": what the record's editor dismissed is not shown to it again.
       + COLLECT { MATCH (e:MatchEvent {viewer_id: n.id}) WHERE e.event = 'dismissed'
                   RETURN e.target_id }
           AS excluded,
       [(n)-[:MENTORS|CONNECTED_WITH|PARTNERS_WITH|MEMBER_OF]-(o) | elementId(o)] AS neighbours,
       occupations,
       [(n)-[r:LIKELY_OCCUPATION]->(o:Occupation) |
            {id: o.id, weight: coalesce(r.weight, 1.0), en: o.name_en, fr: o.name_fr,
             ar: o.name_ar}] AS linked_occupations,
"""

# The ESCO occupations that most of the profile's skills are essential to (the occupations its
# text names, linked by services.occupation_links, are read in _FACTS).
_OCCUPATIONS: LiteralString = """
CALL (n) {
  MATCH (n)-[:HAS_SKILL|REQUIRES]->(:Skill)-[:MAPS_TO]->(:EscoSkill)<-[r:NEEDS_SKILL]-(o:Occupation)
  WHERE r.essential
  WITH o, count(*) AS c ORDER BY c DESC, o.id LIMIT 10
  RETURN collect({id: o.id, weight: c, en: o.name_en, fr: o.name_fr, ar: o.name_ar})
      AS occupations
}
"""

# The viewer: its facts and its own vectors.
VIEWER_FACTS: LiteralString = (
    "MATCH (n:Entity {id: $id})"
    + _OCCUPATIONS
    + _FACTS
    + "n.embedding AS embedding, n.needs_embedding AS needs_embedding, "
    "n.offers_embedding AS offers_embedding, n.lexical AS lexical"
)

# Candidates: their facts and their similarity to the viewer, computed where the vectors are
# (vector.similarity.cosine gives (1 + cosine) / 2, turned back into a cosine here).
CANDIDATE_FACTS: LiteralString = (
    # Records of accounts that staff have not approved yet are never suggested (issue 13).
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n.awaiting_approval IS NULL"
    + _OCCUPATIONS
    + _FACTS
    + "2 * coalesce(vector.similarity.cosine(n.embedding, $vector), 0.5) - 1 AS semantic, "
    "2 * coalesce(vector.similarity.cosine(n.offers_embedding, $needs), 0.5) - 1 "
    "AS needs_offers, "
    "2 * coalesce(vector.similarity.cosine(n.needs_embedding, $offers), 0.5) - 1 "
    "AS offers_needs"
)

# Many profiles at once with their vectors (a cohort and its mentors).
PROFILES_FACTS: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id})"
    + _OCCUPATIONS
    + _FACTS
    + "n.embedding AS embedding, n.needs_embedding AS needs_embedding, "
    "n.offers_embedding AS offers_embedding"
)

VECTOR_CANDIDATES: LiteralString = """
CALL db.index.vector.queryNodes($index, $limit, $vector) YIELD node, score
RETURN node.id AS id, score
"""

# Skills shared directly (the same written term) or through the ESCO skill both map to.
# Youths are reached through skills only: a sector holds a tenth of all youths, too many to
# walk per request (peers p95 was 199 ms on 100,000 profiles); the vector index brings the
# youths of the same sector anyway. Mentors are reached through sectors and ESCO skills: a
# written skill is shared by a thousand youths for every few mentors.
_ESCO_HOP = "(:Skill)-[:MAPS_TO]->(:EscoSkill)<-[:MAPS_TO]-(:Skill)"

NEIGHBOUR_CANDIDATES: dict[K, LiteralString] = {
    K.MENTORS: """
MATCH (:Youth {id: $id})-[:INTERESTED_IN]->(:Sector)<-[:ACTIVE_IN]-(c:Mentor)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Youth {id: $id})-[:HAS_SKILL]->(:Skill)-[:MAPS_TO]->(e:EscoSkill)
CALL (e) { MATCH (e)<-[:MAPS_TO]-(:Skill)<-[:HAS_SKILL]-(c:Mentor) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
    K.MENTEES: """
MATCH (:Mentor {id: $id})-[:HAS_SKILL]->(s:Skill)
CALL (s) { MATCH (s)<-[:HAS_SKILL]-(c:Youth) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Mentor {id: $id})-[:HAS_SKILL]->(:Skill)-[:MAPS_TO]->(e:EscoSkill)
CALL (e) { MATCH (e)<-[:MAPS_TO]-(:Skill)<-[:HAS_SKILL]-(c:Youth) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
    K.JOBS: """
MATCH (:Youth {id: $id})-[:HAS_SKILL]->(:Skill)<-[:REQUIRES]-(c:JobOffer)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Youth {id: $id})-[:HAS_SKILL]->"""
    + _ESCO_HOP
    + """<-[:REQUIRES]-(c:JobOffer)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
    K.CANDIDATES: """
MATCH (:JobOffer {id: $id})-[:REQUIRES]->(s:Skill)
CALL (s) { MATCH (s)<-[:HAS_SKILL]-(c:Youth) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:JobOffer {id: $id})-[:REQUIRES]->(:Skill)-[:MAPS_TO]->(e:EscoSkill)
CALL (e) { MATCH (e)<-[:MAPS_TO]-(:Skill)<-[:HAS_SKILL]-(c:Youth) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
    K.PEERS: """
MATCH (:Youth {id: $id})-[:HAS_SKILL]->(s:Skill)
CALL (s) { MATCH (s)<-[:HAS_SKILL]-(c:Youth) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Youth {id: $id})-[:HAS_SKILL]->(:Skill)-[:MAPS_TO]->(e:EscoSkill)
CALL (e) { MATCH (e)<-[:MAPS_TO]-(:Skill)<-[:HAS_SKILL]-(c:Youth) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
    K.PARTNERS: """
MATCH (:Entity {id: $id})-[:NEEDS]->(:Resource)<-[:OFFERS]-(c:Organization)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Entity {id: $id})-[:OFFERS]->(:Resource)<-[:NEEDS]-(c:Organization)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Entity {id: $id})-[:ACTIVE_IN|INTERESTED_IN]->(:Sector)<-[:ACTIVE_IN]-(c:Organization)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
}

# Youths sharing one skill can number thousands: they are sampled per shared skill.
PER_TERM = 200

# The occupations the viewer's text names, and the records whose texts name the same ones
# (best links first), then the records needing the essential skills of the viewer's two most
# likely occupations. Only for the kinds a youth asks for: offers and mentors.
OCCUPATION_CANDIDATES: dict[K, LiteralString] = {
    K.JOBS: """
MATCH (:Entity {id: $id})-[a:LIKELY_OCCUPATION]->(o:Occupation)
CALL (o) {
  MATCH (o)<-[b:LIKELY_OCCUPATION]-(c:JobOffer)
  RETURN c, b ORDER BY b.weight DESC LIMIT $per_term
}
RETURN c.id AS id, max(a.weight * b.weight) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Entity {id: $id})-[a:LIKELY_OCCUPATION]->(o:Occupation) WHERE a.rank < 2
MATCH (o)-[r:NEEDS_SKILL]->(:EscoSkill)<-[:MAPS_TO]-(:Skill)<-[:REQUIRES]-(c:JobOffer)
WHERE r.essential
RETURN c.id AS id, sum(a.weight) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
    K.MENTORS: """
MATCH (:Entity {id: $id})-[a:LIKELY_OCCUPATION]->(o:Occupation)
CALL (o) {
  MATCH (o)<-[b:LIKELY_OCCUPATION]-(c:Mentor)
  RETURN c, b ORDER BY b.weight DESC LIMIT $per_term
}
RETURN c.id AS id, max(a.weight * b.weight) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Entity {id: $id})-[a:LIKELY_OCCUPATION]->(o:Occupation) WHERE a.rank < 2
MATCH (o)-[r:NEEDS_SKILL]->(:EscoSkill)<-[:MAPS_TO]-(:Skill)<-[:HAS_SKILL]-(c:Mentor)
WHERE r.essential
RETURN c.id AS id, sum(a.weight) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
}


# Lucene full-text search over the lexical keys (matcher.lexical) of the suggested kind.
LEXICAL_INDEX: dict[str, LiteralString] = {
    "youth": "lexical_youth",
    "mentor": "lexical_mentor",
    "organization": "lexical_organization",
    "job_offer": "lexical_job_offer",
}
LEXICAL_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE FULLTEXT INDEX lexical_youth IF NOT EXISTS FOR (n:Youth) ON EACH [n.lexical] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    "CREATE FULLTEXT INDEX lexical_mentor IF NOT EXISTS FOR (n:Mentor) ON EACH [n.lexical] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    "CREATE FULLTEXT INDEX lexical_organization IF NOT EXISTS FOR (n:Organization) "
    "ON EACH [n.lexical] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    "CREATE FULLTEXT INDEX lexical_job_offer IF NOT EXISTS FOR (n:JobOffer) "
    "ON EACH [n.lexical] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
)
LEXICAL_CANDIDATES: LiteralString = """
CALL db.index.fulltext.queryNodes($index, $terms, {limit: $limit}) YIELD node, score
RETURN node.id AS id, score
"""

TYPES_OF: LiteralString = """
UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.type AS type
"""

EXISTS_AS: LiteralString = "MATCH (n:Entity {id: $id}) RETURN n.type AS type"


def viewer_facts(tx: ManagedTransaction, record_id: str) -> dict[str, Any] | None:
    """Raw facts of the viewer with its vectors (see matcher.profiles.Profile)."""
    # dict(record), not .data(): .data() walks every float of every vector in Python.
    record = tx.run(VIEWER_FACTS, id=record_id).single()
    return dict(record) if record else None


def profiles_facts(tx: ManagedTransaction, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Raw facts and vectors of many records (ids that do not exist are skipped)."""
    return [dict(record) for record in tx.run(PROFILES_FACTS, ids=list(ids))]


def candidate_facts(
    tx: ManagedTransaction,
    ids: Sequence[str],
    *,
    vector: Sequence[float] | None,
    needs: Sequence[float] | None,
    offers: Sequence[float] | None,
) -> list[dict[str, Any]]:
    """Raw facts of each candidate and its cosines with the viewer's vectors."""
    result = tx.run(CANDIDATE_FACTS, ids=list(ids), vector=vector, needs=needs, offers=offers)
    return [dict(record) for record in result]


def vector_candidates(
    tx: ManagedTransaction, index: str, vector: Sequence[float], limit: int
) -> list[tuple[str, float]]:
    """The `limit` nodes of a vector index closest to `vector`, with their cosine score."""
    result = tx.run(VECTOR_CANDIDATES, index=index, vector=list(vector), limit=limit)
    return [(row["id"], row["score"]) for row in result]


def neighbour_candidates(tx: ManagedTransaction, kind: K, viewer_id: str, limit: int) -> list[str]:
    """Ids of records that share skills, sectors or complementary resources with the viewer."""
    result = tx.run(NEIGHBOUR_CANDIDATES[kind], id=viewer_id, limit=limit, per_term=PER_TERM)
    return [row["id"] for row in result]


def type_of(tx: ManagedTransaction, record_id: str) -> str | None:
    """The type of a record, or None when there is no such record."""
    row = tx.run(EXISTS_AS, id=record_id).single()
    return row["type"] if row else None


def profiles_types(tx: ManagedTransaction, ids: Sequence[str]) -> list[dict[str, Any]]:
    """(id, type) of each record that exists among `ids`."""
    return [row.data() for row in tx.run(TYPES_OF, ids=list(ids))]


def occupation_candidates(
    tx: ManagedTransaction, kind: K, viewer_id: str, limit: int
) -> list[tuple[str, float]]:
    """Offers or mentors whose texts name the viewer's likely occupations, or need their
    essential skills; none for the other kinds."""
    query = OCCUPATION_CANDIDATES.get(kind)
    if query is None:
        return []
    result = tx.run(query, id=viewer_id, limit=limit, per_term=PER_TERM)
    return [(row["id"], float(row["shared"])) for row in result]


def lexical_candidates(
    tx: ManagedTransaction, target_type: str, terms: str, limit: int
) -> list[tuple[str, float]]:
    """Records of `target_type` sharing lexical keys with `terms` (keys joined by spaces:
    letters, digits and "_" only), with their Lucene score, best first."""
    if not terms.strip():
        return []
    result = tx.run(LEXICAL_CANDIDATES, index=LEXICAL_INDEX[target_type], terms=terms, limit=limit)
    return [(row["id"], float(row["score"])) for row in result]
