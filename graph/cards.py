"""What a suggestion card shows of a record: its name (or title) and the text its one-line
summary is cut from. One light read for the whole page, instead of the full records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import LiteralString

from neo4j import ManagedTransaction

CARD_TEXTS: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.type AS type, coalesce(n.name, n.title, n.id) AS name,
       coalesce(n.bio, n.description, '') AS text
"""


@dataclass(frozen=True)
class CardText:
    id: str
    type: str
    name: str
    text: str


def card_texts(tx: ManagedTransaction, ids: Sequence[str]) -> list[CardText]:
    """The name and summary text of each record among `ids` that exists."""
    return [CardText(**row.data()) for row in tx.run(CARD_TEXTS, ids=list(ids))]
