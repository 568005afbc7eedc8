"""Weighted links from youths, mentors and offers to the ESCO occupations their texts name.

    (:Mentor|JobOffer)-[:LIKELY_OCCUPATION {score, weight, rank}]->(:Occupation)
    (:Youth)-[:SEEKS_OCCUPATION {score, weight, rank}]->(:Occupation)

Youths' links have their own type because the occupation candidate source (graph.recommend)
walks from an occupation to the mentors and offers linked to it: with one type it walked the
tens of thousands of youths linked to a common occupation to keep a few mentors (issue 14).

`score` is the linker's raw score, `weight` its weight relative to the record's best link (1
for the best). `n.occupation_link` holds the content hash and linker stamp the links were made
from, so that a record is linked again only when it or the linker changed.
`n.named_sector_keys` and `n.named_sector_weights`, written with the links, hold the sectors
its text names in the lexicon's words (`matcher.lexicon.sectors_named`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

UNLINKED_RECORD_IDS: LiteralString = """
MATCH (n:Entity) WHERE n.type IN ['youth', 'mentor', 'job_offer']
  AND coalesce(n.occupation_link, '') <> n.content_hash + '|' + $stamp
RETURN n.id AS id ORDER BY id
"""

WRITE_LINKS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
CALL (n) { MATCH (n)-[old:LIKELY_OCCUPATION|SEEKS_OCCUPATION]->() DELETE old }
SET n.occupation_link = row.hash + '|' + $stamp,
    n.named_sector_keys = row.sector_keys, n.named_sector_weights = row.sector_weights
WITH n, row
UNWIND range(0, size(row.links) - 1) AS rank
WITH n, row.links[rank] AS link, rank
MATCH (o:Occupation {id: link.id})
CALL (n, o) {
  WITH n, o WHERE n:Youth
  MERGE (n)-[r:SEEKS_OCCUPATION]->(o) RETURN r
  UNION
  WITH n, o WHERE NOT n:Youth
  MERGE (n)-[r:LIKELY_OCCUPATION]->(o) RETURN r
}
SET r.score = link.score, r.weight = link.weight, r.rank = rank
"""

# Before issue 14, youths' links were LIKELY_OCCUPATION too: retyped once, in batches (run by
# graph.schema.migrate at every start; nothing is left to retype after the first).
RETYPE_YOUTH_LINKS: LiteralString = """
MATCH (n:Youth)-[old:LIKELY_OCCUPATION]->(o:Occupation)
CALL (n, old, o) {
  CREATE (n)-[r:SEEKS_OCCUPATION]->(o) SET r = properties(old) DELETE old
} IN TRANSACTIONS OF 10000 ROWS
"""


def unlinked_record_ids(tx: ManagedTransaction, stamp: str) -> list[str]:
    """Ids of the records whose occupation links are missing or out of date."""
    return [row["id"] for row in tx.run(UNLINKED_RECORD_IDS, stamp=stamp)]


def write_links(tx: ManagedTransaction, rows: Sequence[dict[str, Any]], *, stamp: str) -> None:
    """Replace each record's occupation links by `row.links` (best first) and its named
    sectors by `row.sector_keys` and `row.sector_weights`."""
    tx.run(WRITE_LINKS, rows=list(rows), stamp=stamp).consume()


@dataclass(frozen=True)
class OccupationLink:
    """One stored link of a record to an ESCO occupation."""

    occupation_id: str
    name_en: str | None
    score: float
    weight: float
    rank: int


LINKS_OF: LiteralString = """
MATCH (:Entity {id: $id})-[r:LIKELY_OCCUPATION|SEEKS_OCCUPATION]->(o:Occupation)
RETURN o.id AS id, o.name_en AS name_en, r.score AS score, r.weight AS weight, r.rank AS rank
ORDER BY rank
"""


def links_of(tx: ManagedTransaction, record_id: str) -> list[OccupationLink]:
    """The occupations a record is linked to, best first."""
    return [
        OccupationLink(row["id"], row["name_en"], row["score"], row["weight"], row["rank"])
        for row in tx.run(LINKS_OF, id=record_id)
    ]
