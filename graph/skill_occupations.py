"""The ESCO occupations a record's skills are essential to, stored rather than walked per read.

Walking skills → ESCO skills → occupations and counting, for each of a hundred candidates on
every request, was most of a request's time at 100,000 profiles (issue 14). What the walk
finds changes only when the record's skills, the skills' links to ESCO (`MAPS_TO`) or the
occupations themselves (their `NEEDS_SKILL`, their names) change, so it is stored on the
record (`n.skill_occupation_ids`, `_weights`, `_en`, `_fr`, `_ar`) with
`n.occupations_stored = true`, and each of those writes removes the flag of the records it
concerns (graph/records.py, graph/skill_links.py, graph/esco.py) in its own transaction. A
record without the flag is walked when read (`OCCUPATIONS_OF_N`), so what is read is the same
either way; the refresh (services.skill_occupations) stores the walk of every record without
it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import LiteralString

from neo4j import ManagedTransaction

# The occupations that most of the record's skills are essential to: the ten with the most
# (skill, ESCO skill, occupation) paths, ties by id. Read for a record `n` into `occupations`.
_WALK: LiteralString = """
  MATCH (n)-[:HAS_SKILL|OFFERS_SKILL|REQUIRES]->(:Skill)-[:MAPS_TO]->(:EscoSkill)
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
  // Stored: one map of five lists (graph.recommend.profile_of_row reads either form).
  RETURN CASE WHEN n.occupations_stored THEN
    {id: n.skill_occupation_ids, weight: n.skill_occupation_weights,
     en: n.skill_occupation_en, fr: n.skill_occupation_fr, ar: n.skill_occupation_ar}
    ELSE walked END AS occupations
}
"""
)

STALE: LiteralString = """
MATCH (n:Entity) WHERE n.occupations_stored IS NULL RETURN n.id AS id ORDER BY id
"""

# As properties of the record, not relationships: every pattern a facts query reads walks
# all of a record's relationships, ten more each would slow them all. A name missing is ''
# (a list property holds no null), which profile_of_row reads as missing.
STORE: LiteralString = (
    """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
"""
    + _WALK
    + """
  RETURN collect(o.id) AS ids, collect(c) AS weights, collect(coalesce(o.name_en, '')) AS en,
         collect(coalesce(o.name_fr, '')) AS fr, collect(coalesce(o.name_ar, '')) AS ar
}
SET n.skill_occupation_ids = ids, n.skill_occupation_weights = weights,
    n.skill_occupation_en = en, n.skill_occupation_fr = fr, n.skill_occupation_ar = ar,
    n.occupations_stored = true
"""
)

# What a change of the occupations' skills or names makes stale: every record, stored or
# kept in a process (its `facts_stamp`, graph.recommend).
FORGET_ALL: LiteralString = """
WITH randomUUID() AS stamp
MATCH (n:Entity) REMOVE n.occupations_stored SET n.facts_stamp = stamp
"""

# What a change of a written skill's links to ESCO makes stale: the records with that skill
# `s`, stored or kept in a process (a unit subquery for the queries that change the links).
FORGET_OF_SKILL: LiteralString = """
CALL (s) {
  MATCH (s)<-[:HAS_SKILL|OFFERS_SKILL|REQUIRES]-(n:Entity)
  REMOVE n.occupations_stored SET n.facts_stamp = randomUUID()
}
"""


def stale_ids(tx: ManagedTransaction) -> list[str]:
    """The records whose occupations are not stored (new, changed or never stored)."""
    return [row["id"] for row in tx.run(STALE)]


def store(tx: ManagedTransaction, ids: Sequence[str]) -> None:
    """Store the walk of each record of `ids` (replacing what was stored)."""
    tx.run(STORE, ids=list(ids)).consume()


def forget_all(tx: ManagedTransaction) -> None:
    """Every record's stored occupations are stale (the occupations' skills or names
    changed)."""
    tx.run(FORGET_ALL).consume()
