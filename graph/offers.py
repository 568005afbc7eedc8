"""One job offer as its page shows it: the organisation that posted it, and what one youth has
done with it (her latest application or invitation, and whether she has applied)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph import records as graph_records
from graph.driver import ManagedTransaction, typed
from models.introduction import Introduction
from models.job_offer import JobOffer

# The poster, and the youth's latest application to or invitation from the offer (one indexed
# lookup per direction: an OR across both would scan every introduction).
OFFER_FACTS: LiteralString = """
MATCH (o:JobOffer {id: $offer_id})
OPTIONAL CALL (o) {
  MATCH (i:Introduction {from_id: $youth_id}) WHERE i.to_id = o.id RETURN i
  UNION
  MATCH (i:Introduction {from_id: o.id}) WHERE i.to_id = $youth_id RETURN i
}
WITH o, i ORDER BY i.created_at DESC, i.id
WITH o, collect(i {.*}) AS found
RETURN [(org:Organization)-[:POSTED]->(o) | org {.id, .name}][0] AS poster, found[0] AS latest,
       EXISTS { (:Youth {id: $youth_id})-[:APPLIED_TO]->(o) } AS applied
"""


@dataclass(frozen=True)
class OfferFacts:
    """An offer, its poster, and one youth's relation to it (none without a youth)."""

    offer: JobOffer
    poster_id: str | None
    poster_name: str | None
    latest: Introduction | None  # the youth's newest application or invitation, any status
    applied: bool  # (youth)-[:APPLIED_TO]->(offer): an accepted application


def offer_facts(
    tx: ManagedTransaction, offer_id: str, *, youth_id: str | None
) -> OfferFacts | None:
    """The offer with its poster and the youth's relation to it; None for no such offer."""
    found = graph_records.read_records(tx, [offer_id])
    if not found or not isinstance(found[0], JobOffer):
        return None
    row = tx.run(OFFER_FACTS, offer_id=offer_id, youth_id=youth_id or "").single()
    if row is None:
        return None
    poster = row["poster"]
    return OfferFacts(
        offer=found[0],
        poster_id=poster["id"] if poster else None,
        poster_name=poster["name"] if poster else None,
        latest=typed(Introduction, row["latest"]) if row["latest"] else None,
        applied=bool(row["applied"]),
    )
