"""The ESCO occupations a record's skills are essential to, stored rather than walked per read.

Walking skills → ESCO skills → occupations and counting, for each of a hundred candidates on
every request, was most of a request's time at 100,000 profiles (issue 14). What the walk
finds changes only when the record's skills, the skills' links to ESCO (`MAPS_TO`) or the
occupations' skills (`NEEDS_SKILL`) change, so it is stored as
`(n)-[:SKILL_OCCUPATION {weight, rank}]->(o)` with `n.occupations_stored = true`, and each of
those writes removes the flag of the records it concerns (here, graph/records.py,
graph/skill_links.py, graph/esco.py) in its own transaction. A record without the flag is
walked when read (`OCCUPATIONS_OF_N`), so what is read is the same either way; the refresh
(services.skill_occupations) stores the walk of every record without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import LiteralString

from neo4j import ManagedTransaction

# The occupations that most of the record's skills are essential to: the ten with the most
# (skill, ESCO skill, occupation) paths, ties by id. Read for a record `n` into `occupations`.
_WALK: LiteralString = """
  MATCH (n)-[:HAS_SKILL|REQUIRES]->(:Skill)-[:MAPS_TO]->(:EscoSkill)
        <-[r:NEEDS_SKILL]-(o:Occupation)
  WHERE r.essential
  WITH n, o, count(*) AS c ORDER BY c DESC, o.id LIMIT 10
"""

OCCUPATIONS_OF_N: LiteralString = (
    """
CALL (n) {
  CALL (n) {
    WITH n WHERE n.occupations_stored IS NULL
"""
    + _WALK
    + """
    RETURN collect({id: o.id, weight: c, en: o.name_en, fr: o.name_fr, ar: o.name_ar}) AS walked
  }
  RETURN walked + COLLECT {
    MATCH (n)-[r:SKILL_OCCUPATION]->(o:Occupation) WHERE n.occupations_stored
    RETURN {id: o.id, weight: r.weight, en: o.name_en, fr: o.name_fr, ar: o.name_ar}
    ORDER BY r.rank
  } AS occupations
}
"""
)

STALE: LiteralString = """
MATCH (n:Entity) WHERE n.occupations_stored IS NULL RETURN n.id AS id ORDER BY id
"""

STORE: LiteralString = (
    """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) { MATCH (n)-[old:SKILL_OCCUPATION]->() DELETE old }
CALL (n) {
"""
    + _WALK
    + """
  WITH n, collect({o: o, c: c}) AS found
  UNWIND range(0, size(found) - 1) AS rank
  WITH n, found[rank].o AS o, found[rank].c AS c, rank
  CREATE (n)-[:SKILL_OCCUPATION {weight: c, rank: rank}]->(o)
}
SET n.occupations_stored = true
"""
)

# What a change of the occupations' skills makes stale: every record.
FORGET_ALL: LiteralString = """
MATCH (n:Entity) WHERE n.occupations_stored IS NOT NULL REMOVE n.occupations_stored
"""

# What a change of a written skill's links to ESCO makes stale: the records with that skill
# `s` (a unit subquery for the queries that change the links).
FORGET_OF_SKILL: LiteralString = """
CALL (s) {
  MATCH (s)<-[:HAS_SKILL|REQUIRES]-(n:Entity) WHERE n.occupations_stored IS NOT NULL
  REMOVE n.occupations_stored
}
"""


def stale_ids(tx: ManagedTransaction) -> list[str]:
    """The records whose occupations are not stored (new, changed or never stored)."""
    return [row["id"] for row in tx.run(STALE)]


def store(tx: ManagedTransaction, ids: Sequence[str]) -> None:
    """Store the walk of each record of `ids` (replacing what was stored)."""
    tx.run(STORE, ids=list(ids)).consume()


def forget_all(tx: ManagedTransaction) -> None:
    """Every record's stored occupations are stale (the occupations' skills changed)."""
    tx.run(FORGET_ALL).consume()
