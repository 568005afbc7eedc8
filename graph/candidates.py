"""The candidates of many viewers at once: every source in one query, cosines in one query.

A request asks for one viewer, the weekly refresh for a block of a thousand: both read through
`candidate_sources`, so that a viewer's candidates are the same whichever way they were asked
for, in one round trip rather than one per source. The sources themselves (vector index, graph
neighbours, occupations, full-text) are the queries of `graph.recommend`, run per viewer row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph import recommend as q
from graph.recommend import ViewerFacts, facts_rows, profile_of_row, rows_of
from matcher.features import Similarity
from matcher.kinds import SuggestionKind as K
from matcher.profiles import Profile


@dataclass(frozen=True)
class SourceQuery:
    """What one viewer searches with: its vector (None: no vector search), its needs' vector
    (partners search the offers index with it) and its lexical keys (a full-text query)."""

    id: str
    vector: list[float] | None
    needs: list[float] | None
    lexical: str


@dataclass(frozen=True)
class Sources:
    """One viewer's candidate ids from each source, each source's own order."""

    id: str
    near: list[str]  # vector index of the suggested type
    near_offers: list[str]  # partners: the organisations' offers index, by the viewer's needs
    neighbours: list[str]
    occupations: list[str]
    lexical: list[tuple[str, float]]  # with the Lucene score


def _collected(query: LiteralString, name: LiteralString) -> LiteralString:
    """A per-viewer subquery (`$id` read as the row's `v.id`) collected into one list, so that
    a viewer with no such candidate keeps its row."""
    return (
        "CALL (v) { CALL (v) { "
        + query.replace("$id", "v.id")
        + " } RETURN collect(id) AS "
        + name
        + " }\n"
    )


_NEAR: LiteralString = """
CALL (v) {
  WITH v WHERE v.vector IS NOT NULL
  CALL db.index.vector.queryNodes($index, $limit, v.vector) YIELD node
  RETURN collect(node.id) AS near
}
"""
_NEAR_OFFERS: LiteralString = """
CALL (v) {
  WITH v WHERE v.needs IS NOT NULL
  CALL db.index.vector.queryNodes($offers_index, $limit, v.needs) YIELD node
  RETURN collect(node.id) AS near_offers
}
"""
_LEXICAL: LiteralString = """
CALL (v) {
  WITH v WHERE v.lexical <> ''
  CALL db.index.fulltext.queryNodes($lexical_index, v.lexical, {limit: $others})
      YIELD node, score
  RETURN collect([node.id, score]) AS lexical
}
"""
_NONE: LiteralString = "[] AS occupations, [] AS lexical"


def _sources_query(kind: K, extra: bool) -> LiteralString:
    """Every source of `kind` for each row of $viewers (`extra`: occupations and full-text)."""
    neighbours = q.NEIGHBOUR_CANDIDATES[kind].replace("$limit", "$others")
    offers = _NEAR_OFFERS if kind is K.PARTNERS else "WITH v, near, [] AS near_offers\n"
    query = "UNWIND $viewers AS v\n" + _NEAR + offers + _collected(neighbours, "neighbours")
    occupation = q.OCCUPATION_CANDIDATES.get(kind)
    if not extra:
        return query + "RETURN v.id AS id, near, near_offers, neighbours, " + _NONE
    if occupation is not None:
        query += _collected(occupation.replace("$limit", "$others"), "occupations")
    else:
        query += "WITH v, near, near_offers, neighbours, [] AS occupations\n"
    return (
        query + _LEXICAL + "RETURN v.id AS id, near, near_offers, neighbours, occupations, lexical"
    )


SOURCES: dict[tuple[K, bool], LiteralString] = {
    (kind, extra): _sources_query(kind, extra) for kind in K for extra in (False, True)
}


def candidate_sources(
    tx: ManagedTransaction,
    kind: K,
    viewers: Sequence[SourceQuery],
    *,
    index: str,
    offers_index: str | None,
    limit: int,
    others: int,
    extra: bool = True,
) -> list[Sources]:
    """Each viewer's candidates from every source (in the order of `viewers`)."""
    rows = [
        {"id": v.id, "vector": v.vector, "needs": v.needs, "lexical": v.lexical} for v in viewers
    ]
    result = tx.run(
        SOURCES[(kind, extra)],
        viewers=rows,
        index=index,
        offers_index=offers_index,
        lexical_index=q.LEXICAL_INDEX[kind.target_type],
        limit=limit,
        others=others,
        per_term=q.PER_TERM,
    )
    return [
        Sources(
            id=row["id"],
            near=list(row["near"]),
            near_offers=list(row["near_offers"]),
            neighbours=list(row["neighbours"]),
            occupations=list(row["occupations"]),
            lexical=[(found[0], float(found[1])) for found in row["lexical"]],
        )
        for row in rows_of(result)
    ]


# The facts of every record of a type, without vectors: the candidates of a whole refresh
# (records of accounts awaiting the staff's approval are never suggested, as one by one).
PROFILES_OF_TYPE: LiteralString = (
    "MATCH (n:Entity {type: $type}) WHERE n.awaiting_approval IS NULL"
    + q.OCCUPATIONS_OF_N
    + q.FACTS_COLUMNS
    + "null AS nothing"
)

# The viewers' facts with their vectors and stored lexical keys.
VIEWERS_FACTS: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id})"
    + q.OCCUPATIONS_OF_N
    + q.FACTS_COLUMNS
    + "n.embedding AS embedding, n.needs_embedding AS needs_embedding, "
    "n.offers_embedding AS offers_embedding, n.lexical AS lexical"
)

# Each viewer's cosines with its candidates, as `graph.recommend.CANDIDATE_FACTS` computes
# them (the viewer's vectors are passed as there: None where `_vector` found none).
PAIR_COSINES: LiteralString = """
UNWIND $viewers AS v
UNWIND v.ids AS id
MATCH (n:Entity {id: id})
RETURN v.id AS viewer, n.id AS id,
       2 * coalesce(vector.similarity.cosine(n.embedding, v.vector), 0.5) - 1 AS semantic,
       2 * coalesce(vector.similarity.cosine(n.offers_embedding, v.needs), 0.5) - 1
           AS needs_offers,
       2 * coalesce(vector.similarity.cosine(n.needs_embedding, v.offers), 0.5) - 1
           AS offers_needs
"""


def profiles_of_type(tx: ManagedTransaction, record_type: str) -> list[Profile]:
    """Every record of `record_type`, without its vectors."""
    rows = facts_rows(tx, tx.run(PROFILES_OF_TYPE, type=record_type))
    return [profile_of_row(row) for row in rows]


def viewers_facts(tx: ManagedTransaction, ids: Sequence[str]) -> list[ViewerFacts]:
    """The profiles (with vectors) and stored lexical keys of many viewers."""
    return [
        ViewerFacts(profile=profile_of_row(row), lexical=row["lexical"])
        for row in facts_rows(tx, tx.run(VIEWERS_FACTS, ids=list(ids)))
    ]


def pair_cosines(
    tx: ManagedTransaction, viewers: Sequence[dict[str, Any]]
) -> dict[str, dict[str, Similarity]]:
    """By viewer, then candidate id: the cosines of `graph.recommend.candidate_facts` (the
    profiles are read once per run; no lexical part). `viewers`: {id, ids, vector, needs,
    offers}."""
    found: dict[str, dict[str, Similarity]] = {}
    for row in tx.run(PAIR_COSINES, viewers=list(viewers)):
        found.setdefault(row["viewer"], {})[row["id"]] = Similarity(
            semantic=max(0.0, row["semantic"]),
            needs_offers=max(0.0, row["needs_offers"]),
            offers_needs=max(0.0, row["offers_needs"]),
        )
    return found


# The vectors of every record of a type, once per run of everyone's lists (their cosines
# with each viewer are then computed in numpy: matcher.neo4j_cosine).
VECTORS_OF_TYPE: LiteralString = """
MATCH (n:Entity {type: $type}) WHERE n.awaiting_approval IS NULL
RETURN n.id AS id, n.embedding AS embedding, n.needs_embedding AS needs,
       n.offers_embedding AS offers
"""


@dataclass(frozen=True)
class StoredVectors:
    """A record's vectors as stored (None where it has none)."""

    id: str
    embedding: list[float] | None
    needs: list[float] | None
    offers: list[float] | None


def _stored(row: Any) -> StoredVectors:
    return StoredVectors(row["id"], row["embedding"], row["needs"], row["offers"])


def vectors_of_type(tx: ManagedTransaction, record_type: str) -> list[StoredVectors]:
    """The stored vectors of every record of `record_type` that may be suggested."""
    return [_stored(row) for row in tx.run(VECTORS_OF_TYPE, type=record_type)]


# The records that may be suggested, of each type in turn, most recently written first
# (services.candidate_preload keeps them in the process).
SUGGESTED_IDS: LiteralString = """
UNWIND $types AS type
CALL (type) {
  MATCH (n:Entity {type: type}) WHERE n.awaiting_approval IS NULL
  RETURN n.id AS id ORDER BY n.updated_at DESC, n.id
}
RETURN id LIMIT $limit
"""


def suggested_ids(tx: ManagedTransaction, types: Sequence[str], limit: int) -> list[str]:
    """At most `limit` ids of records that may be suggested, of `types` in that order."""
    return [row["id"] for row in tx.run(SUGGESTED_IDS, types=list(types), limit=limit)]


# The vectors of some records, with the hash they were made from (services.candidate_vectors).
HASHED_VECTORS: LiteralString = """
UNWIND $ids AS id MATCH (n:Entity {id: id})
RETURN n.id AS id, n.embedding_hash AS hash, n.embedding AS embedding,
       n.needs_embedding AS needs, n.offers_embedding AS offers
"""

# Some embedded records, to compare numpy's cosines with Neo4j's (services.list_cosines).
SOME_VECTORS: LiteralString = """
MATCH (n:Entity) WHERE n.embedding IS NOT NULL
RETURN n.id AS id, n.embedding AS embedding, n.needs_embedding AS needs,
       n.offers_embedding AS offers
LIMIT $limit
"""


def hashed_vectors(
    tx: ManagedTransaction, ids: Sequence[str]
) -> list[tuple[str | None, StoredVectors]]:
    """The stored vectors of the records `ids`, each with the hash they were made from."""
    return [(row["hash"], _stored(row)) for row in tx.run(HASHED_VECTORS, ids=list(ids))]


def some_vectors(tx: ManagedTransaction, limit: int) -> list[StoredVectors]:
    """The stored vectors of at most `limit` embedded records."""
    return [_stored(row) for row in tx.run(SOME_VECTORS, limit=limit)]


SOME_OF_TYPE: LiteralString = "MATCH (n:Entity {type: $type}) RETURN n.id AS id LIMIT 1"


def some_of_type(tx: ManagedTransaction, record_type: str) -> str | None:
    """The id of one record of `record_type` (None: there is none)."""
    row = tx.run(SOME_OF_TYPE, type=record_type).single()
    return row["id"] if row else None
