"""Reading what recommendations need: candidates near a viewer, and the facts of profiles.

Candidates come from two places: the vector index of the suggested kind (close in meaning,
whatever the language) and the graph neighbourhood (shared skills, directly or through ESCO,
shared sectors, complementary needs and offers). Facts are read for the viewer and all
candidates in one query.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, LiteralString

import numpy as np
from neo4j import ManagedTransaction, Result

from graph import occupation_details, skill_occupations
from graph.driver import native
from matcher.kinds import SuggestionKind as K
from matcher.lexicon import SECTOR_PREFIX
from matcher.occupation_sectors import PostedOffer, occupation_sectors
from matcher.profiles import Occupation, Place, Profile, SectorWeight, Term

# What a profile's facts are made of, in two parts. Its content (what it wrote, its links and
# where they lead) changes only with the writes that also change `_CONTENT_KEY`, and is kept
# in the process (services.candidate_facts); its state (capacity, who it mentors, what it has
# met, asked or dismissed) changes with every introduction and is read with every request.
_CONTENT_COLUMNS: LiteralString = """
       n.type AS type, coalesce(n.name, n.title) AS name,
       n.birth_year AS birth_year,
       n.kind AS organization_kind, n.published_on AS published_on, n.expires_on AS expires_on,
       [(n)-[r:HAS_SKILL|OFFERS_SKILL|REQUIRES]->(s:Skill) |
           {key: s.key, name: r.raw, pos: r.pos, esco: [(s)-[:MAPS_TO]->(e) | e.key]}] AS skills,
       // An offer is in the sectors of the organisation that posted it: those it was posted
       // for when the organisation is in several (n.posted_in, refresh_occupation_sectors).
       [(n)-[r:INTERESTED_IN|ACTIVE_IN|EXPERT_IN]->(s:Sector) |
           {key: s.key, name: r.raw, pos: r.pos}]
       + [(n)<-[:POSTED]-(:Organization)-[r:ACTIVE_IN]->(s:Sector)
              WHERE n.posted_in IS NULL OR s.key IN n.posted_in |
          {key: s.key, name: r.raw, pos: r.pos}] AS sectors,
       [(n)-[r:NEEDS]->(s:Resource) | {key: s.key, name: r.raw, pos: r.pos}] AS needs,
       [(n)-[r:OFFERS]->(s:Resource) | {key: s.key, name: r.raw, pos: r.pos}] AS offers,
       [(n)-[:SPEAKS|REQUIRES_LANGUAGE]->(l:Language) | l.code] AS languages,
       [(n)-[:LOCATED_IN]->(p:Place) | p {.name, .name_ar, .lat, .lon}][0] AS place,
       occupations,
       // Their names and where they are found are kept in the process (graph.occupation_details).
       [(n)-[r:LIKELY_OCCUPATION|SEEKS_OCCUPATION]->(o:Occupation) |
            {id: o.id, weight: coalesce(r.weight, 1.0), rank: r.rank}] AS linked_occupations,
       // The sectors its text names in the lexicon's words (services.occupation_links).
       n.named_sector_keys AS named_sector_keys, n.named_sector_weights AS named_sector_weights,
"""

_STATE_COLUMNS: LiteralString = """
       n.capacity AS capacity, coalesce(n.paused, false) AS paused,
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
"""

# Changes whenever a record's content columns may: its own writes (content_hash), its
# occupation links (occupation_link), the links of its skills to ESCO and ESCO itself, and
# what erasure redacts (facts_stamp, graph.skill_occupations and graph.privacy); for an offer,
# its organisation's sectors and those it was posted for. The occupations' names and sectors
# have their own stamp (graph.occupation_details). No content hash: never kept.
_CONTENT_KEY: LiteralString = """
       CASE WHEN n.content_hash IS NULL THEN null ELSE
         [n.content_hash, coalesce(n.occupation_link, ''), coalesce(n.facts_stamp, ''),
          coalesce([(n)<-[:POSTED]-(o:Organization)
                    | o.content_hash + coalesce(o.facts_stamp, '')][0], ''),
          reduce(keys = '', key IN coalesce(n.posted_in, []) | keys + '|' + key)] END
"""

# The columns every facts query returns for a profile `n` (here and in graph/candidates.py).
FACTS_COLUMNS: LiteralString = "RETURN n.id AS id, " + _CONTENT_COLUMNS + _STATE_COLUMNS

# The ESCO occupations that most of the profile's skills are essential to, stored by the
# refresh or walked (graph.skill_occupations); the occupations its text names, linked by
# services.occupation_links, are read in FACTS_COLUMNS.
OCCUPATIONS_OF_N: LiteralString = skill_occupations.OCCUPATIONS_OF_N

# The viewer: its facts and its own vectors.
VIEWER_FACTS: LiteralString = (
    "MATCH (n:Entity {id: $id})"
    + OCCUPATIONS_OF_N
    + FACTS_COLUMNS
    + "n.embedding AS embedding, n.needs_embedding AS needs_embedding, "
    "n.offers_embedding AS offers_embedding, n.lexical AS lexical, "
    "[(o:Organization)-[:POSTED]->(n) | o.id][0] AS poster"
)

# Candidates: their facts and their similarity to the viewer, computed where the vectors are
# (vector.similarity.cosine gives (1 + cosine) / 2, turned back into a cosine here).
CANDIDATE_FACTS: LiteralString = (
    # Records of accounts that staff have not approved yet are never suggested (issue 13).
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n.awaiting_approval IS NULL"
    + OCCUPATIONS_OF_N
    + FACTS_COLUMNS
    + "2 * coalesce(vector.similarity.cosine(n.embedding, $vector), 0.5) - 1 AS semantic, "
    "2 * coalesce(vector.similarity.cosine(n.offers_embedding, $needs), 0.5) - 1 "
    "AS needs_offers, "
    "2 * coalesce(vector.similarity.cosine(n.needs_embedding, $offers), 0.5) - 1 "
    "AS offers_needs"
)

# Candidates' facts without their cosines, with the encoder and the hash their vectors were
# made from (services.candidate_vectors keeps the vectors in the process, by those two).
CANDIDATE_FACTS_HASHED: LiteralString = (
    "OPTIONAL MATCH (m:EmbeddingModel {singleton: true}) WITH m.name AS model "
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n.awaiting_approval IS NULL"
    + OCCUPATIONS_OF_N
    + FACTS_COLUMNS
    + "n.embedding_hash AS vectors_hash, model"
)

# Candidates' state (read with every request) and what their content is kept by: its key,
# the occupations' details stamp, the encoder and the hash their vectors were made from.
CANDIDATE_STATES: LiteralString = (
    "OPTIONAL MATCH (m:EmbeddingModel {singleton: true}) "
    "OPTIONAL MATCH (d:OccupationDetails {singleton: true}) "
    "WITH m.name AS model, d.stamp AS details "
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n.awaiting_approval IS NULL "
    "RETURN n.id AS id, "
    + _STATE_COLUMNS
    + _CONTENT_KEY
    + " AS content_key, n.embedding_hash AS vectors_hash, model, details"
)

# Candidates' content, with the key it is kept by.
CANDIDATE_CONTENTS: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id})"
    + OCCUPATIONS_OF_N
    + "RETURN n.id AS id, "
    + _CONTENT_COLUMNS
    + _CONTENT_KEY
    + " AS content_key"
)

# Many profiles at once with their vectors (a cohort and its mentors).
PROFILES_FACTS: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id})"
    + OCCUPATIONS_OF_N
    + FACTS_COLUMNS
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
# youths of the same sector anyway. Mentors are reached through sectors and ESCO skills;
# their links are OFFERS_SKILL and EXPERT_IN, so a walk from a skill or a sector to its
# mentors skips the youths and organisations linked to it (graph.links).
_ESCO_HOP = "(:Skill)-[:MAPS_TO]->(:EscoSkill)<-[:MAPS_TO]-(:Skill)"

# Youths reached through the viewer's written skills (a mentor's, an offer's required ones or
# a youth's own), directly or through the ESCO skill both map to: mentees, candidates, peers.
_YOUTHS_BY_SKILL: LiteralString = """
MATCH (:Entity {id: $id})-[:HAS_SKILL|OFFERS_SKILL|REQUIRES]->(s:Skill)
CALL (s) { MATCH (s)<-[:HAS_SKILL]-(c:Youth) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Entity {id: $id})-[:HAS_SKILL|OFFERS_SKILL|REQUIRES]->(:Skill)-[:MAPS_TO]->(e:EscoSkill)
CALL (e) { MATCH (e)<-[:MAPS_TO]-(:Skill)<-[:HAS_SKILL]-(c:Youth) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
"""

NEIGHBOUR_CANDIDATES: dict[K, LiteralString] = {
    K.MENTORS: """
MATCH (:Youth {id: $id})-[:INTERESTED_IN]->(:Sector)<-[:EXPERT_IN]-(c:Mentor)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Youth {id: $id})-[:HAS_SKILL]->(:Skill)-[:MAPS_TO]->(e:EscoSkill)
CALL (e) { MATCH (e)<-[:MAPS_TO]-(:Skill)<-[:OFFERS_SKILL]-(c:Mentor) RETURN c LIMIT $per_term }
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
    K.MENTEES: _YOUTHS_BY_SKILL,
    K.JOBS: """
MATCH (:Youth {id: $id})-[:HAS_SKILL]->(:Skill)<-[:REQUIRES]-(c:JobOffer)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Youth {id: $id})-[:HAS_SKILL]->"""
    + _ESCO_HOP
    + """<-[:REQUIRES]-(c:JobOffer)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
    K.CANDIDATES: _YOUTHS_BY_SKILL,
    K.PEERS: _YOUTHS_BY_SKILL,
    K.PARTNERS: """
MATCH (:Entity {id: $id})-[:NEEDS]->(:Resource)<-[:OFFERS]-(c:Organization)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Entity {id: $id})-[:OFFERS]->(:Resource)<-[:NEEDS]-(c:Organization)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Entity {id: $id})-[:ACTIVE_IN|EXPERT_IN|INTERESTED_IN]->(:Sector)
      <-[:ACTIVE_IN]-(c:Organization)
RETURN c.id AS id, count(*) AS shared ORDER BY shared DESC, id LIMIT $limit
""",
}

# Youths sharing one skill can number thousands: they are sampled per shared skill.
PER_TERM = 200


# The occupations the viewer's text names, and the records whose texts name the same ones
# (best links first), then the records needing the essential skills of the viewer's two most
# likely occupations. Only for the kinds a youth asks for: offers and mentors.
def _occupation_candidates(label: LiteralString, skill: LiteralString) -> LiteralString:
    return (
        """
MATCH (:Entity {id: $id})-[a:LIKELY_OCCUPATION|SEEKS_OCCUPATION]->(o:Occupation)
CALL (o) {
  MATCH (o)<-[b:LIKELY_OCCUPATION]-(c:"""
        + label
        + """)
  RETURN c, b ORDER BY b.weight DESC LIMIT $per_term
}
RETURN c.id AS id, max(a.weight * b.weight) AS shared ORDER BY shared DESC, id LIMIT $limit
UNION
MATCH (:Entity {id: $id})-[a:LIKELY_OCCUPATION|SEEKS_OCCUPATION]->(o:Occupation)
WHERE a.rank < 2
MATCH (o)-[r:NEEDS_SKILL]->(:EscoSkill)<-[:MAPS_TO]-(:Skill)<-[:"""
        + skill
        + """]-(c:"""
        + label
        + """)
WHERE r.essential
RETURN c.id AS id, sum(a.weight) AS shared ORDER BY shared DESC, id LIMIT $limit
"""
    )


OCCUPATION_CANDIDATES: dict[K, LiteralString] = {
    K.JOBS: _occupation_candidates("JobOffer", "REQUIRES"),
    K.MENTORS: _occupation_candidates("Mentor", "OFFERS_SKILL"),
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


@dataclass(frozen=True)
class ViewerFacts:
    """The viewer's profile (with its vectors), its stored lexical keys (None: not yet) and,
    for an offer, the organisation that posted it (who may ask on its behalf)."""

    profile: Profile
    lexical: str | None
    poster: str | None = None


@dataclass(frozen=True)
class CandidateFacts:
    """A candidate's profile (without vectors) and its cosines with the viewer's vectors."""

    profile: Profile
    semantic: float
    needs_offers: float  # the viewer's needs against the candidate's offers
    offers_needs: float  # the viewer's offers against the candidate's needs


@dataclass(frozen=True)
class RecordType:
    id: str
    type: str


def viewer_facts(tx: ManagedTransaction, record_id: str) -> ViewerFacts | None:
    """The viewer's profile with its vectors, or None when there is no such record."""
    found = facts_rows(tx, tx.run(VIEWER_FACTS, id=record_id))
    if not found:
        return None
    row = found[0]
    return ViewerFacts(profile=profile_of_row(row), lexical=row["lexical"], poster=row["poster"])


def profiles_facts(tx: ManagedTransaction, ids: Sequence[str]) -> list[Profile]:
    """The profiles, with their vectors, of many records (ids that do not exist are skipped)."""
    return [profile_of_row(row) for row in facts_rows(tx, tx.run(PROFILES_FACTS, ids=list(ids)))]


def candidate_facts(
    tx: ManagedTransaction,
    ids: Sequence[str],
    *,
    vector: Sequence[float] | None,
    needs: Sequence[float] | None,
    offers: Sequence[float] | None,
) -> list[CandidateFacts]:
    """Each candidate's profile and its cosines with the viewer's vectors (0 at worst)."""
    result = tx.run(CANDIDATE_FACTS, ids=list(ids), vector=vector, needs=needs, offers=offers)
    return [
        CandidateFacts(
            profile=profile_of_row(row),
            semantic=max(0.0, row["semantic"]),
            needs_offers=max(0.0, row["needs_offers"]),
            offers_needs=max(0.0, row["offers_needs"]),
        )
        for row in facts_rows(tx, result)
    ]


@dataclass(frozen=True)
class HashedFacts:
    """A candidate's profile (without vectors), and what its vectors were made from: the
    encoder (None: none recorded) and the content's hash (None: not embedded)."""

    profile: Profile
    model: str | None
    vectors_hash: str | None


def candidate_facts_hashed(tx: ManagedTransaction, ids: Sequence[str]) -> list[HashedFacts]:
    """Each candidate's profile and what its vectors were made from."""
    return [
        HashedFacts(profile_of_row(row), row["model"], row["vectors_hash"])
        for row in facts_rows(tx, tx.run(CANDIDATE_FACTS_HASHED, ids=list(ids)))
    ]


def candidate_states(tx: ManagedTransaction, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of `CANDIDATE_STATES` for the candidates `ids` (awaiting approval: none)."""
    return rows_of(tx.run(CANDIDATE_STATES, ids=list(ids)))


def candidate_contents(tx: ManagedTransaction, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of `CANDIDATE_CONTENTS` for the records `ids`, their linked occupations
    not completed yet (`occupation_details.fill`)."""
    return rows_of(tx.run(CANDIDATE_CONTENTS, ids=list(ids)))


def facts_rows(tx: ManagedTransaction, result: Result) -> list[dict[str, Any]]:
    """The rows of a facts query, their linked occupations completed with their names and
    the sectors they are found in."""
    rows = rows_of(result)
    occupation_details.fill(tx, rows)
    return rows


def rows_of(result: Result) -> list[dict[str, Any]]:
    """Each record of `result` as a dict. Not .data(), which walks every float of every vector
    in Python, nor dict(record), which looks each column up by name (5x slower than zip)."""
    keys = result.keys()
    return [dict(zip(keys, record, strict=True)) for record in result]


def profile_of_row(row: Mapping[str, Any]) -> Profile:
    """A matcher profile from one row of the facts queries."""
    place = row["place"]
    return Profile(
        id=row["id"],
        kind=row["type"],
        name=row["name"],
        embedding=_vector(row.get("embedding")),
        needs_embedding=_vector(row.get("needs_embedding")),
        offers_embedding=_vector(row.get("offers_embedding")),
        skills=_terms(row["skills"]),
        sectors=_terms(row["sectors"]),
        needs=_terms(row["needs"]),
        offers=_terms(row["offers"]),
        languages=frozenset(row["languages"]),
        place=_place(place) if place else None,
        birth_year=row["birth_year"],
        organization_kind=row["organization_kind"],
        published_on=_date(row["published_on"]),
        expires_on=_date(row["expires_on"]),
        **_state(row),
        occupations=_skill_occupations(row.get("occupations") or []),
        linked_occupations=_occupations(row.get("linked_occupations") or []),
        occupation_sectors=_with_named_sectors(
            _sector_weights(row.get("linked_occupations") or []),
            row.get("named_sector_keys") or [],
            row.get("named_sector_weights") or [],
        ),
    )


def with_state(profile: Profile, row: Mapping[str, Any]) -> Profile:
    """`profile` with the state of a row of `CANDIDATE_STATES` (or of any facts query)."""
    return replace(profile, **_state(row))


def _state(row: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a profile read from `_STATE_COLUMNS`."""
    return {
        "capacity": row["capacity"],
        "active_mentees": row["active_mentees"],
        "paused": row["paused"],
        "mentored_kinds": tuple(row["mentored_kinds"]),
        "excluded": frozenset(row["excluded"]),
        "neighbours": frozenset(row["neighbours"]),
    }


def _sector_weights(links: Sequence[Mapping[str, Any]]) -> tuple[SectorWeight, ...]:
    """The sectors the linked occupations are found in, each once, with its weight summed
    over the links (link weight × the occupation's weight in the sector) relative to the best
    sector's."""
    summed: dict[str, float] = {}
    names: dict[str, str] = {}
    for link in links:
        keys = link.get("sectors") or []
        weights = link.get("sector_weights") or []
        labels = link.get("sector_names") or []
        for key, weight, name in zip(keys, weights, labels, strict=True):
            summed[key] = summed.get(key, 0.0) + float(link["weight"]) * weight
            names[key] = name or key
    top = max(summed.values(), default=0.0)
    if top <= 0:
        return ()
    return tuple(
        SectorWeight(_text(key), _text(names[key]), weight / top) for key, weight in summed.items()
    )


def _with_named_sectors(
    found: tuple[SectorWeight, ...], keys: Sequence[str], weights: Sequence[float]
) -> tuple[SectorWeight, ...]:
    """The sectors of the work a text describes: the platform's sectors where its occupations
    are found, and the lexicon's sectors it names ("l ocp", "فالفلاحة") as `sector:<key>`,
    which meet a platform sector by its name (`matcher.lexicon.sector_keys`). A named sector
    carries the youth whose trade no offer names yet (a mining engineer at the phosphate
    sites)."""
    named = [
        SectorWeight(_text(SECTOR_PREFIX + key), _text(key), float(weight))
        for key, weight in zip(keys, weights, strict=True)
    ]
    return found + tuple(named)


def _skill_occupations(
    found: Sequence[Mapping[str, Any]] | Mapping[str, Any],
) -> tuple[Occupation, ...]:
    """The occupations of `OCCUPATIONS_OF_N`: walked (a list of maps) or stored (a map of lists,
    graph.skill_occupations: distinct ids, counts of at least 1, in the walk's order), read
    alike."""
    if not isinstance(found, Mapping):
        return _occupations(found)
    top = max(found["weight"], default=1) or 1
    rows = zip(found["id"], found["weight"], found["ar"], found["fr"], found["en"], strict=True)
    return tuple(
        Occupation(_text(id_), weight / top, _names({"ar": ar, "fr": fr, "en": en}))
        for id_, weight, ar, fr, en in rows
    )


def _occupations(items: Sequence[Mapping[str, Any]]) -> tuple[Occupation, ...]:
    """Weights relative to the best (linked occupations are stored that way already); linked
    occupations in the linker's order, whatever order the store returns them in (reasons
    name the first of equal weights)."""
    top = max((item["weight"] for item in items), default=1) or 1
    found: dict[str, Occupation] = {}
    for item in sorted(items, key=lambda item: item.get("rank") or 0):
        weight = item["weight"] / top
        if weight > found.get(item["id"], Occupation(item["id"], 0.0)).weight:
            names = _names({lang: item.get(lang) for lang in ("ar", "fr", "en")})
            found[item["id"]] = Occupation(_text(item["id"]), weight, names)
    return tuple(found.values())


def _terms(items: Sequence[Mapping[str, Any]]) -> tuple[Term, ...]:
    ordered = sorted(items, key=lambda item: item.get("pos") or 0)
    return tuple(
        Term(
            key=_text(item["key"]),
            name=_text(item["name"]),
            ids=_ids(frozenset([item["key"], *item.get("esco", [])])),
        )
        for item in ordered
    )


# One copy of each key, name, set of ids and place that many profiles hold: processes keep
# tens of thousands of profiles (services.candidate_facts), written in a vocabulary of some
# thousands of terms. Shared values are never changed (frozen dataclasses, names read only).
_SHARED_IDS: dict[frozenset[str], frozenset[str]] = {}
_SHARED_NAMES: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
_SHARED_PLACES: dict[tuple[Any, ...], Place] = {}


def _text(value: Any) -> Any:
    return sys.intern(value) if isinstance(value, str) else value


def _ids(ids: frozenset[str]) -> frozenset[str]:
    return _SHARED_IDS.setdefault(ids, ids)


def _names(by_language: Mapping[str, str | None]) -> dict[str, str]:
    """An occupation's names, by language, without the empty ones."""
    names = {lang: _text(name) for lang, name in by_language.items() if name}
    return _SHARED_NAMES.setdefault(tuple(names.items()), names)


def _place(place: Mapping[str, Any]) -> Place:
    key = (place["name"], place["lat"], place["lon"], place.get("name_ar"))
    return _SHARED_PLACES.setdefault(key, Place(*key))


def _vector(value: Sequence[float] | None) -> np.ndarray | None:
    """The vector, or None when there is none or it is all zeros (a profile with no words the
    encoder knows, e.g. a name alone): it means nothing, and the vector index refuses it."""
    if value is None:
        return None
    vector = np.asarray(value, dtype=np.float32)
    return vector if np.any(vector) else None


def _date(value: Any) -> dt.date | None:
    found = native(value) if value is not None else None
    return found if isinstance(found, dt.date) else None


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


def profiles_types(tx: ManagedTransaction, ids: Sequence[str]) -> list[RecordType]:
    """The type of each record that exists among `ids`."""
    return [RecordType(row["id"], row["type"]) for row in tx.run(TYPES_OF, ids=list(ids))]


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


# Where each occupation is found on the platform: the sectors of the organisations whose
# offers name it (LIKELY_OCCUPATION), weighted by the links and relative to the occupation's
# best sector; an offer of an organisation active in several sectors counts in them as its
# occupations are shared among them elsewhere (matcher.occupation_sectors). Written when
# offers are linked (services.occupation_links; an organisation that changes its sectors
# counts from the next offer linked), read by the facts above: a youth whose text names an
# irrigation technician is then close to every offer of the sectors irrigation technicians
# are recruited in, not only to offers naming the same occupation. Recomputed whole: a few
# links per offer. Stored as three lists on the occupation (keys, names, weights; by key),
# not as relationships: the facts then read them with the occupation links they already walk
# rather than by a second walk per candidate.
FORGET_OCCUPATION_SECTORS: LiteralString = """
MATCH (o:Occupation) WHERE o.found_in_keys IS NOT NULL
REMOVE o.found_in_keys, o.found_in_names, o.found_in_weights
"""
FORGET_POSTED_IN: LiteralString = (
    "MATCH (j:JobOffer) WHERE j.posted_in IS NOT NULL REMOVE j.posted_in"
)
POSTED_OFFERS: LiteralString = """
MATCH (org:Organization)-[:POSTED]->(j:JobOffer)-[l:LIKELY_OCCUPATION]->(o:Occupation)
WITH org, j, collect([o.id, coalesce(l.weight, 1.0)]) AS links
RETURN j.id AS id, [(org)-[:ACTIVE_IN]->(s:Sector) | s.key] AS sectors, links
"""
SECTOR_NAMES: LiteralString = (
    "MATCH (s:Sector) RETURN s.key AS key, coalesce(s.name, s.key) AS name"
)
WRITE_OCCUPATION_SECTORS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Occupation {id: row.id})
SET o.found_in_keys = row.keys, o.found_in_names = row.names, o.found_in_weights = row.weights
"""
WRITE_POSTED_IN: LiteralString = """
UNWIND $rows AS row
MATCH (j:JobOffer {id: row.id})
SET j.posted_in = row.sectors
"""
# Until issue 14 they were (:Occupation)-[:FOUND_IN {weight}]->(:Sector): removed, and the
# lists computed, by graph.schema.migrate.
OLD_OCCUPATION_SECTORS: LiteralString = """
MATCH ()-[f:FOUND_IN]->() WITH f LIMIT 1 RETURN count(f) AS found
"""
FORGET_OLD_OCCUPATION_SECTORS: LiteralString = "MATCH ()-[f:FOUND_IN]->() DELETE f"


def refresh_occupation_sectors(tx: ManagedTransaction) -> None:
    """Recompute in which sectors each occupation is found (o.found_in_*), and for which of
    its organisation's sectors each offer was posted (j.posted_in)."""
    offers = [
        PostedOffer(
            row["id"], tuple(row["sectors"]), tuple((occ, float(w)) for occ, w in row["links"])
        )
        for row in tx.run(POSTED_OFFERS)
    ]
    names = {row["key"]: row["name"] for row in tx.run(SECTOR_NAMES)}
    found = occupation_sectors(offers)
    rows = [
        {
            "id": occ,
            "keys": [key for key, _ in sectors],
            "names": [names[key] for key, _ in sectors],
            "weights": [weight for _, weight in sectors],
        }
        for occ, sectors in found.occupations.items()
    ]
    tx.run(FORGET_OCCUPATION_SECTORS).consume()
    tx.run(WRITE_OCCUPATION_SECTORS, rows=rows).consume()
    tx.run(FORGET_POSTED_IN).consume()
    posted = [{"id": offer, "sectors": list(keys)} for offer, keys in found.offers.items()]
    tx.run(WRITE_POSTED_IN, rows=posted).consume()
    occupation_details.new_stamp(tx)


def migrate_occupation_sectors(tx: ManagedTransaction) -> None:
    """Replace the FOUND_IN relationships of a database from before issue 14, if any."""
    if tx.run(OLD_OCCUPATION_SECTORS).single(strict=True)["found"]:
        tx.run(FORGET_OLD_OCCUPATION_SECTORS).consume()
        refresh_occupation_sectors(tx)
