"""How the list fields of a record become relationships to shared nodes.

A profile's skills, sectors, needs, offers and languages are not strings copied onto it but
relationships to one shared node per term, so that the recommender can walk from a youth to a
skill to an offer. Each relationship keeps the text as written (`raw`) and its place in the
list (`pos`), so that export gives back the record as it was imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString

from models.records import RecordType


class Link(StrEnum):
    """A relationship type written from a record's list field."""

    HAS_SKILL = "HAS_SKILL"  # a youth's skills
    OFFERS_SKILL = "OFFERS_SKILL"  # a mentor's: what mentees may learn from her
    INTERESTED_IN = "INTERESTED_IN"
    ACTIVE_IN = "ACTIVE_IN"  # an organisation's sectors
    EXPERT_IN = "EXPERT_IN"  # a mentor's
    NEEDS = "NEEDS"
    OFFERS = "OFFERS"
    REQUIRES = "REQUIRES"
    SPEAKS = "SPEAKS"
    REQUIRES_LANGUAGE = "REQUIRES_LANGUAGE"


# Before issue 14 a mentor's skills were HAS_SKILL like a youth's, and her sectors ACTIVE_IN
# like an organisation's: retyped once, in batches (graph.schema.migrate at every start finds
# nothing left after the first). Apart, a walk from a skill or a sector to its mentors no
# longer steps over the thousands of youths or organisations linked to it as well.
RETYPE_MENTOR_LINKS: tuple[LiteralString, ...] = (
    """
MATCH (n:Mentor)-[old:HAS_SKILL]->(s:Skill)
CALL (n, old, s) {
  CREATE (n)-[r:OFFERS_SKILL]->(s) SET r = properties(old) DELETE old
} IN TRANSACTIONS OF 10000 ROWS
""",
    """
MATCH (n:Mentor)-[old:ACTIVE_IN]->(s:Sector)
CALL (n, old, s) {
  CREATE (n)-[r:EXPERT_IN]->(s) SET r = properties(old) DELETE old
} IN TRANSACTIONS OF 10000 ROWS
""",
)


@dataclass(frozen=True)
class FieldLink:
    """One list field of a record and the relationship it is stored as."""

    field: str
    link: Link


FIELD_LINKS: dict[RecordType, tuple[FieldLink, ...]] = {
    RecordType.YOUTH: (
        FieldLink("skills", Link.HAS_SKILL),
        FieldLink("interests", Link.INTERESTED_IN),
        FieldLink("languages", Link.SPEAKS),
    ),
    RecordType.MENTOR: (
        FieldLink("skills", Link.OFFERS_SKILL),
        FieldLink("sectors", Link.EXPERT_IN),
        FieldLink("languages", Link.SPEAKS),
    ),
    RecordType.ORGANIZATION: (
        FieldLink("sectors", Link.ACTIVE_IN),
        FieldLink("needs", Link.NEEDS),
        FieldLink("offers", Link.OFFERS),
        FieldLink("languages", Link.SPEAKS),
    ),
    RecordType.JOB_OFFER: (
        FieldLink("required_skills", Link.REQUIRES),
        FieldLink("languages", Link.REQUIRES_LANGUAGE),
    ),
}

# One fixed query per relationship type, made from one template at import time from the
# fixed names below (never from outside text): Cypher cannot take a relationship type as a
# parameter, and building queries from outside strings is how injection starts.
# A new node has no old relationships: `row.existed` spares it the search for them.
_LINK_TARGETS: dict[Link, tuple[LiteralString, LiteralString, LiteralString]] = {
    # relationship type, label of the shared node, its key property
    Link.HAS_SKILL: ("HAS_SKILL", "Skill", "key"),
    Link.OFFERS_SKILL: ("OFFERS_SKILL", "Skill", "key"),
    Link.INTERESTED_IN: ("INTERESTED_IN", "Sector", "key"),
    Link.ACTIVE_IN: ("ACTIVE_IN", "Sector", "key"),
    Link.EXPERT_IN: ("EXPERT_IN", "Sector", "key"),
    Link.NEEDS: ("NEEDS", "Resource", "key"),
    Link.OFFERS: ("OFFERS", "Resource", "key"),
    Link.REQUIRES: ("REQUIRES", "Skill", "key"),
    Link.SPEAKS: ("SPEAKS", "Language", "code"),
    Link.REQUIRES_LANGUAGE: ("REQUIRES_LANGUAGE", "Language", "code"),
}


def _replace_links(rel: LiteralString, label: LiteralString, key: LiteralString) -> LiteralString:
    return (
        "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) \n"
        "CALL (n, row) { WITH n WHERE row.existed MATCH (n)-[old:" + rel + "]->() DELETE old }\n"
        "WITH n, row UNWIND row.terms AS t\n"
        "MATCH (k:" + label + " {" + key + ": t.key})\n"
        "CREATE (n)-[:" + rel + " {raw: t.raw, pos: t.pos}]->(k)"
    )


REPLACE_LINK_QUERIES: dict[Link, LiteralString] = {
    link: _replace_links(*target) for link, target in _LINK_TARGETS.items()
}

REPLACE_LOCATION: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
CALL (n, row) { WITH n WHERE row.existed MATCH (n)-[old:LOCATED_IN]->() DELETE old }
WITH n, row WHERE row.place_key IS NOT NULL
MATCH (p:Place {key: row.place_key})
CREATE (n)-[:LOCATED_IN]->(p)
"""

# The shared nodes a batch links to, created before any relationship. Each list comes sorted,
# so concurrent batches take their index locks in one global order and cannot deadlock.
MERGE_TERMS: LiteralString = """
CALL () { UNWIND $skills AS t MERGE (k:Skill {key: t.key}) ON CREATE SET k.name = t.name }
CALL () { UNWIND $sectors AS t MERGE (k:Sector {key: t.key}) ON CREATE SET k.name = t.name }
CALL () { UNWIND $resources AS t MERGE (k:Resource {key: t.key}) ON CREATE SET k.name = t.name }
CALL () { UNWIND $languages AS t MERGE (k:Language {code: t.key}) }
CALL () {
  UNWIND $places AS t
  MERGE (p:Place {key: t.key})
  ON CREATE SET p.name = t.name, p.kind = 'place', p.lat = t.lat, p.lon = t.lon
}
"""

# Which parameter of MERGE_TERMS holds the nodes each relationship type points to.
TERM_PARAMETER: dict[Link, str] = {
    Link.HAS_SKILL: "skills",
    Link.OFFERS_SKILL: "skills",
    Link.REQUIRES: "skills",
    Link.INTERESTED_IN: "sectors",
    Link.ACTIVE_IN: "sectors",
    Link.EXPERT_IN: "sectors",
    Link.NEEDS: "resources",
    Link.OFFERS: "resources",
    Link.SPEAKS: "languages",
    Link.REQUIRES_LANGUAGE: "languages",
}

# An offer is posted by at most one organisation, which must already exist.
REPLACE_POSTER: LiteralString = """
UNWIND $rows AS row
MATCH (n:JobOffer {id: row.id})
CALL (n) { MATCH (n)<-[old:POSTED]-() DELETE old }
WITH n, row WHERE row.organization_id IS NOT NULL
MATCH (o:Organization {id: row.organization_id})
CREATE (o)-[:POSTED]->(n)
"""
