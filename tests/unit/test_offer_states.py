"""Where a youth stands with an offer, from her latest application or invitation (the offer
page's states, without Neo4j; tests/integration/test_pages_offer.py drives them over HTTP)."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.offers import OfferFacts
from models.introduction import Introduction, IntroductionKind, IntroductionStatus
from models.job_offer import JobOffer
from services.offers import OfferState, is_closed, youth_state

TODAY = dt.date(2026, 6, 1)
NOW = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)
OFFER = JobOffer(id="j-1", title="Couturière", organization_id="o-1", expires_on=TODAY)


def facts(
    status: IntroductionStatus | None, *, invitation: bool = False, applied: bool = False
) -> OfferFacts:
    latest = None
    if status is not None:
        youth, offer = ("y-1", "j-1") if not invitation else ("j-1", "y-1")
        latest = Introduction(
            id="i-1",
            kind=IntroductionKind.APPLICATION,
            status=status,
            from_id=youth,
            to_id=offer,
            from_party="o-1" if invitation else "y-1",
            to_party="y-1" if invitation else "o-1",
            created_at=NOW,
            expires_at=NOW + dt.timedelta(days=14),
        )
    return OfferFacts(
        offer=OFFER, poster_id="o-1", poster_name="Atlas", latest=latest, applied=applied
    )


@pytest.mark.parametrize(
    ("status", "invitation", "applied", "closed", "state"),
    [
        (None, False, False, False, OfferState.MAY_APPLY),
        (None, False, False, True, OfferState.CLOSED),
        (IntroductionStatus.PENDING, False, False, False, OfferState.APPLIED),
        (IntroductionStatus.PENDING, True, False, False, OfferState.INVITED),
        (IntroductionStatus.ACCEPTED, True, True, True, OfferState.ACCEPTED),
        (None, False, True, False, OfferState.ACCEPTED),  # imported APPLIED_TO, no request
        (IntroductionStatus.DECLINED, True, False, False, OfferState.DECLINED),
        (IntroductionStatus.WITHDRAWN, False, False, False, OfferState.MAY_APPLY),
        (IntroductionStatus.EXPIRED, True, False, True, OfferState.CLOSED),
    ],
)
def test_a_youths_state_follows_her_latest_application_or_invitation(
    status: IntroductionStatus | None,
    invitation: bool,
    applied: bool,
    closed: bool,
    state: OfferState,
) -> None:
    assert youth_state(facts(status, invitation=invitation, applied=applied), closed) is state


def test_an_offer_is_open_through_its_closing_day_as_the_recommender_reads_it() -> None:
    assert not is_closed(OFFER, TODAY)
    assert is_closed(OFFER, TODAY + dt.timedelta(days=1))
    assert not is_closed(OFFER.model_copy(update={"expires_on": None}), TODAY)
