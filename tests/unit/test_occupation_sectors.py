"""Where an occupation is found: an offer of a several-sector organisation counts where its
trade belongs, not in every sector of the organisation."""

from __future__ import annotations

import pytest

from matcher.occupation_sectors import PostedOffer, occupation_sectors


def found(offers: list[PostedOffer]) -> dict[str, dict[str, float]]:
    return {occ: dict(sectors) for occ, sectors in occupation_sectors(offers).occupations.items()}


def test_an_association_in_two_sectors_does_not_put_its_plasterer_in_tourism() -> None:
    offers = [
        *[PostedOffer("o", ("craft",), (("plasterer", 1.0),))] * 3,
        *[PostedOffer("o", ("tourism",), (("guide", 1.0),))] * 3,
        PostedOffer("o", ("craft", "tourism"), (("plasterer", 1.0),)),
    ]
    sectors = found(offers)
    assert sectors["plasterer"]["craft"] == 1.0
    assert sectors["plasterer"].get("tourism", 0.0) < 0.05
    assert sectors["guide"] == {"tourism": 1.0}


def test_an_occupation_only_posted_by_the_same_two_sectors_stays_in_both() -> None:
    offers = [PostedOffer("o", ("agri", "ess"), (("cheese maker", 1.0),))] * 2
    assert found(offers)["cheese maker"] == pytest.approx({"agri": 1.0, "ess": 1.0})


def test_an_offer_linking_several_occupations_is_posted_in_the_sector_they_share() -> None:
    # The offer names a bookkeeper and, weakly, a farm worker: it is the cooperative's
    # social-economy offer, so the bookkeeper is found there rather than in farming.
    offers = [
        *[PostedOffer("o", ("ess",), (("bookkeeper", 1.0),))] * 2,
        *[PostedOffer("o", ("agri",), (("farm worker", 1.0),))] * 2,
        PostedOffer("o", ("agri", "ess"), (("bookkeeper", 1.0), ("farm worker", 0.2))),
    ]
    sectors = found(offers)
    assert sectors["bookkeeper"].get("agri", 0.0) < 0.1
    assert sectors["farm worker"]["agri"] == 1.0


def test_offers_without_sectors_or_links_say_nothing() -> None:
    assert found([PostedOffer("o", (), (("baker", 1.0),)), PostedOffer("o", ("agri",), ())]) == {}


def test_an_offer_of_a_several_sector_organisation_is_in_the_sector_of_its_trade() -> None:
    offers = [
        *[PostedOffer("craft", ("craft",), (("plasterer", 1.0),))] * 3,
        *[PostedOffer("tourism", ("tourism",), (("guide", 1.0),))] * 3,
        PostedOffer("association's", ("craft", "tourism"), (("plasterer", 1.0),)),
        PostedOffer("cooperative's", ("agri", "ess"), (("cheese maker", 1.0),)),
    ]
    posted = occupation_sectors(offers).offers
    assert posted["association's"] == ("craft",)
    assert posted["cooperative's"] == ("agri", "ess")  # nothing tells which
    assert "craft" not in posted  # one sector: nothing to choose
