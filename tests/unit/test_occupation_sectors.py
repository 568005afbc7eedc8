"""Where an occupation is found: an offer of a several-sector organisation counts where its
trade belongs, not in every sector of the organisation."""

from __future__ import annotations

import pytest

from matcher.occupation_sectors import PostedOffer, occupation_sectors


def found(offers: list[PostedOffer]) -> dict[str, dict[str, float]]:
    return {occ: dict(sectors) for occ, sectors in occupation_sectors(offers).items()}


def test_an_association_in_two_sectors_does_not_put_its_plasterer_in_tourism() -> None:
    offers = [
        *[PostedOffer(("craft",), (("plasterer", 1.0),))] * 3,
        *[PostedOffer(("tourism",), (("guide", 1.0),))] * 3,
        PostedOffer(("craft", "tourism"), (("plasterer", 1.0),)),
    ]
    sectors = found(offers)
    assert sectors["plasterer"]["craft"] == 1.0
    assert sectors["plasterer"].get("tourism", 0.0) < 0.05
    assert sectors["guide"] == {"tourism": 1.0}


def test_an_occupation_only_posted_by_the_same_two_sectors_stays_in_both() -> None:
    offers = [PostedOffer(("agri", "ess"), (("cheese maker", 1.0),))] * 2
    assert found(offers)["cheese maker"] == pytest.approx({"agri": 1.0, "ess": 1.0})


def test_an_offer_linking_several_occupations_is_posted_in_the_sector_they_share() -> None:
    # The offer names a bookkeeper and, weakly, a farm worker: it is the cooperative's
    # social-economy offer, so the bookkeeper is found there rather than in farming.
    offers = [
        *[PostedOffer(("ess",), (("bookkeeper", 1.0),))] * 2,
        *[PostedOffer(("agri",), (("farm worker", 1.0),))] * 2,
        PostedOffer(("agri", "ess"), (("bookkeeper", 1.0), ("farm worker", 0.2))),
    ]
    sectors = found(offers)
    assert sectors["bookkeeper"].get("agri", 0.0) < 0.1
    assert sectors["farm worker"]["agri"] == 1.0


def test_offers_without_sectors_or_links_say_nothing() -> None:
    assert found([PostedOffer((), (("baker", 1.0),)), PostedOffer(("agri",), ())]) == {}
