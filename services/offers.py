"""One job offer's page: the whole offer, who posted it, and what the viewer may do with it.

An offer is not private, but it is met through suggestions and introductions, so it follows
their rules: an account awaiting the staff's approval sees no offer but its organisation's
own, and a closed offer stays visible only to its organisation, the staff and the youths who
applied to it or were invited (their history with it), like a suggestion that is no longer
made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from graph import offers as graph_offers
from graph.offers import OfferFacts
from models.introduction import Introduction, IntroductionStatus
from models.job_offer import JobOffer
from models.user import Role
from services import introductions
from services.access import Actor, may_edit
from services.db import Graph
from services.errors import Forbidden, NotFound


class OfferState(StrEnum):
    """Where the viewer stands with the offer: what the page offers to do."""

    POSTER = "poster"  # a member of the organisation that posted it: its candidates
    VIEWER = "viewer"  # a mentor, another organisation, staff, a youth without a profile
    MAY_APPLY = "may_apply"  # a youth, an open offer, nothing open between them
    APPLIED = "applied"  # her application waits for the organisation's answer
    INVITED = "invited"  # the organisation invites her to apply and waits for her answer
    ACCEPTED = "accepted"  # she has applied (APPLIED_TO): the organisation's contact
    DECLINED = "declined"  # declined, either way: neither may ask the other again
    CLOSED = "closed"  # a youth with a closed offer and nothing open with it


@dataclass(frozen=True)
class OfferPage:
    """What the offer's page shows. `introduction` is the youth's latest application or
    invitation (with the organisation's contact while accepted); `youth_id` applies."""

    offer: JobOffer
    poster_name: str | None
    closed: bool
    state: OfferState
    youth_id: str | None = None
    introduction: Introduction | None = None


def is_closed(offer: JobOffer, today: dt.date) -> bool:
    """Past its closing day (the recommender's and the requests' rule: open on that day)."""
    return offer.expires_on is not None and offer.expires_on < today


def offer_page(
    graph: Graph, actor: Actor, offer_id: str, *, today: dt.date | None = None
) -> OfferPage:
    """The offer's page for the actor.

    Raises:
        NotFound: no such offer, or a closed one the actor has no history with.
        Forbidden: the account awaits approval and the offer is not its organisation's.
    """
    today = today or dt.date.today()
    youth_id = actor.profile_id if actor.role is Role.YOUTH else None
    facts = graph.read(graph_offers.offer_facts, offer_id, youth_id=youth_id)
    if facts is None:
        raise NotFound(f"no job offer {offer_id}")
    poster = facts.poster_id is not None and facts.poster_id in actor.organization_ids
    if not actor.approved and not poster:
        raise Forbidden("your account awaits approval by the platform staff")
    closed = is_closed(facts.offer, today)
    history = facts.latest is not None or facts.applied
    if closed and not (may_edit(actor, facts.offer) or history):
        raise NotFound(f"job offer {offer_id} is closed")
    state = OfferState.POSTER if poster else youth_state(facts, closed) if youth_id else None
    intro = facts.latest
    if intro is not None and intro.status is IntroductionStatus.ACCEPTED:
        intro = introductions.get(graph, actor, intro.id)  # with the organisation's contact
    return OfferPage(
        offer=facts.offer,
        poster_name=facts.poster_name,
        closed=closed,
        state=state or OfferState.VIEWER,
        youth_id=youth_id,
        introduction=intro,
    )


def youth_state(facts: OfferFacts, closed: bool) -> OfferState:
    """A youth's state with the offer, from her latest application or invitation."""
    latest = facts.latest
    status = latest.status if latest else None
    if facts.applied or status is IntroductionStatus.ACCEPTED:
        return OfferState.ACCEPTED
    if status is IntroductionStatus.DECLINED:
        return OfferState.DECLINED
    if latest is not None and status is IntroductionStatus.PENDING:
        return OfferState.INVITED if latest.invitation else OfferState.APPLIED
    return OfferState.CLOSED if closed else OfferState.MAY_APPLY
