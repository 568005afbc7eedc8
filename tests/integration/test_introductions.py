"""Introductions against the real Neo4j: the double opt-in, limits, capacity and contacts."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph import introductions as graph_intro
from graph import recommend as graph_recommend
from models.introduction import Answer, IntroductionRequest
from models.records import RecordType
from models.user import Role
from services import introductions, notifications, profiles
from services.access import Actor
from services.db import Graph
from services.errors import Conflict, Forbidden, InvalidInput, LimitReached, NotFound
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

YOUTH = Actor(user_id="u-y1", role=Role.YOUTH, profile_id="y-1")
YOUTH_2 = Actor(user_id="u-y2", role=Role.YOUTH, profile_id="y-2")
MENTOR = Actor(user_id="u-m1", role=Role.MENTOR, profile_id="m-1")
OUTSIDER = Actor(user_id="u-y9", role=Role.YOUTH, profile_id="y-9")
ORG = Actor(user_id="u-o1", role=Role.ORGANIZATION_MEMBER, organization_ids=frozenset({"o-1"}))


@pytest.fixture
def people(graph: Graph) -> Graph:
    factories.store(
        graph,
        factories.youth("y-1"),
        factories.youth("y-2", name="Hamza", email="hamza@example.ma"),
        factories.youth("y-3", name="Imane", email="imane@example.ma"),
        factories.youth("y-9", name="Outsider", email="out@example.ma"),
        factories.mentor("m-1", capacity=1),
        factories.organization("o-1", email="coop@example.ma"),
        factories.job_offer("j-1", organization_id="o-1"),
    )
    return graph


def ask(graph: Graph, actor: Actor, from_id: str, to_id: str, settings: Settings, **kw: object):
    return introductions.request(
        graph, actor, IntroductionRequest(from_id=from_id, to_id=to_id), settings, **kw
    )


def contact_seen(graph: Graph, actor: Actor, kind: RecordType, record_id: str) -> bool:
    view = profiles.get_view(graph, actor, kind, record_id)
    return getattr(view, "contact", None) is not None or hasattr(view, "email")


def test_an_accepted_request_shows_contacts_to_both_sides_and_to_nobody_else(
    people: Graph, settings: Settings
) -> None:
    intro = ask(people, YOUTH, "y-1", "m-1", settings)
    assert intro.status == "pending" and intro.kind == "mentoring" and intro.contact is None
    assert not contact_seen(people, YOUTH, RecordType.MENTOR, "m-1")
    accepted = introductions.answer(people, MENTOR, intro.id, Answer.ACCEPT)
    assert accepted.status == "accepted"
    assert contact_seen(people, YOUTH, RecordType.MENTOR, "m-1")
    assert contact_seen(people, MENTOR, RecordType.YOUTH, "y-1")
    assert not contact_seen(people, OUTSIDER, RecordType.MENTOR, "m-1")
    assert not contact_seen(people, OUTSIDER, RecordType.YOUTH, "y-1")
    mine = introductions.get(people, YOUTH, intro.id)
    assert mine.contact is not None and mine.contact.email == "karim@example.ma"
    facts = people.read(graph_recommend.viewer_facts, "m-1")
    assert facts is not None
    assert facts.profile.active_mentees == 1 and "y-1" in facts.profile.excluded


def test_withdrawing_an_accepted_introduction_hides_contacts_and_frees_the_place(
    people: Graph, settings: Settings
) -> None:
    intro = ask(people, YOUTH, "y-1", "m-1", settings)
    introductions.answer(people, MENTOR, intro.id, Answer.ACCEPT)
    introductions.withdraw(people, YOUTH, intro.id)
    assert not contact_seen(people, YOUTH, RecordType.MENTOR, "m-1")
    assert not contact_seen(people, MENTOR, RecordType.YOUTH, "y-1")
    load = people.read(graph_intro.mentor_load, "m-1")
    assert load is not None and load.active == 0


def test_ending_a_connection_hides_contacts_again(people: Graph, settings: Settings) -> None:
    intro = ask(people, YOUTH, "y-1", "y-2", settings)
    assert intro.kind == "peer"
    introductions.answer(people, YOUTH_2, intro.id, Answer.ACCEPT)
    assert contact_seen(people, YOUTH, RecordType.YOUTH, "y-2")
    introductions.end(people, YOUTH_2, intro.id)
    assert not contact_seen(people, YOUTH, RecordType.YOUTH, "y-2")


def test_the_first_acceptance_takes_the_last_place_and_closes_the_other_requests(
    people: Graph, settings: Settings
) -> None:
    first = ask(people, YOUTH, "y-1", "m-1", settings)
    second = ask(people, YOUTH_2, "y-2", "m-1", settings)
    introductions.answer(people, MENTOR, second.id, Answer.ACCEPT)
    closed = introductions.get(people, YOUTH, first.id)
    assert closed.status == "declined" and closed.reason == "mentor_full"
    with pytest.raises(Conflict):
        introductions.answer(people, MENTOR, first.id, Answer.ACCEPT)
    events = {
        n.event
        for n in notifications.list_for(people, YOUTH, unread=True, lang="en", limit=20, offset=0)
    }
    assert "mentor_full" in events
    with pytest.raises(Conflict):  # a full mentor cannot be asked any more
        ask(people, Actor(user_id="u3", role=Role.YOUTH, profile_id="y-3"), "y-3", "m-1", settings)


def test_each_notification_is_emailed_once_to_an_address_the_record_has(
    people: Graph, settings: Settings
) -> None:
    ask(people, YOUTH_2, "y-2", "m-1", settings)  # to the mentor, who has an address
    ask(people, YOUTH, "y-1", "y-9", settings)  # to a youth with an address too
    unsent = notifications.unsent_ids(people)
    assert len(unsent) == 2
    assert all(notifications.send_email(people, settings, i) for i in unsent)
    assert not any(notifications.send_email(people, settings, i) for i in unsent)  # sent once
    assert notifications.unsent_ids(people) == []


def test_concurrent_acceptances_never_exceed_a_mentors_capacity(
    people: Graph, settings: Settings
) -> None:
    asks = [
        ask(people, Actor(user_id=f"u{i}", role=Role.YOUTH, profile_id=y), y, "m-1", settings)
        for i, y in enumerate(("y-1", "y-2", "y-3"))
    ]

    def accept(intro_id: str) -> str:
        try:
            return introductions.answer(people, MENTOR, intro_id, Answer.ACCEPT).status
        except Conflict:
            return "refused"

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(accept, [a.id for a in asks]))
    assert results.count("accepted") == 1
    load = people.read(graph_intro.mentor_load, "m-1")
    assert load is not None and load.active == 1


def test_a_paused_mentor_cannot_be_asked_nor_accept(people: Graph, settings: Settings) -> None:
    intro = ask(people, YOUTH, "y-1", "m-1", settings)
    people.write(graph_intro.set_paused, "m-1", True)
    with pytest.raises(Conflict):
        introductions.answer(people, MENTOR, intro.id, Answer.ACCEPT)
    with pytest.raises(Conflict):
        ask(people, YOUTH_2, "y-2", "m-1", settings)


def test_pending_and_daily_limits_are_enforced(people: Graph, settings: Settings) -> None:
    strict = settings.model_copy(update={"intro_max_pending": 1, "intro_max_per_day": 2})
    first = ask(people, YOUTH, "y-1", "y-2", strict)
    with pytest.raises(LimitReached):
        ask(people, YOUTH, "y-1", "y-3", strict)
    introductions.withdraw(people, YOUTH, first.id)
    ask(people, YOUTH, "y-1", "y-3", strict)
    introductions.withdraw(
        people,
        YOUTH,
        introductions.list_mine(people, YOUTH, status=None, limit=1, offset=0).items[0].id,
    )
    with pytest.raises(LimitReached):  # two new requests today already
        ask(people, YOUTH, "y-1", "m-1", strict)


def test_requests_expire_and_cannot_be_accepted_afterwards(
    people: Graph, settings: Settings
) -> None:
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=settings.intro_expiry_days + 1)
    intro = ask(people, YOUTH, "y-1", "m-1", settings, now=past)
    with pytest.raises(Conflict):
        introductions.answer(people, MENTOR, intro.id, Answer.ACCEPT)
    assert introductions.expire_due(people) == 1
    assert introductions.expire_due(people) == 0
    assert introductions.get(people, YOUTH, intro.id).status == "expired"


def test_only_the_right_side_may_act(people: Graph, settings: Settings) -> None:
    with pytest.raises(Forbidden):
        ask(people, OUTSIDER, "y-1", "m-1", settings)
    intro = ask(people, YOUTH, "y-1", "m-1", settings)
    with pytest.raises(Forbidden):
        introductions.answer(people, YOUTH, intro.id, Answer.ACCEPT)
    with pytest.raises(NotFound):  # outsiders may not even learn that it exists
        introductions.get(people, OUTSIDER, intro.id)
    with pytest.raises(Forbidden):
        introductions.withdraw(people, MENTOR, intro.id)


def test_a_pair_can_be_asked_once_and_a_decline_is_final(people: Graph, settings: Settings) -> None:
    intro = ask(people, YOUTH, "y-1", "m-1", settings)
    with pytest.raises(Conflict):
        ask(people, YOUTH, "y-1", "m-1", settings)
    introductions.answer(people, MENTOR, intro.id, Answer.DECLINE)
    with pytest.raises(Conflict):
        ask(people, YOUTH, "y-1", "m-1", settings)
    facts = people.read(graph_recommend.viewer_facts, "y-1")
    assert facts is not None and "m-1" in facts.profile.excluded


def test_an_application_is_answered_by_the_offers_organisation(
    people: Graph, settings: Settings
) -> None:
    intro = ask(people, YOUTH, "y-1", "j-1", settings)
    assert intro.kind == "application" and intro.to_party == "o-1"
    # The organisation sees who applied and to which of its offers; the youth, the offer.
    (received,) = introductions.list_cards(people, ORG)
    assert (received.other_id, received.offer_id) == ("y-1", "j-1") and received.offer_title
    (sent,) = introductions.list_cards(people, YOUTH)
    assert sent.other_id == "j-1" and sent.offer_id is None
    # Its notification, and the youth's answer, name the offer.
    title = f"“\u2068{received.offer_title}\u2069”"
    (note,) = notifications.read_all(people, ORG, lang="en")
    assert note.text.endswith(f"applies to your offer {title}"), note.text
    introductions.answer(people, ORG, intro.id, Answer.ACCEPT)
    (note,) = notifications.read_all(people, YOUTH, lang="en")
    assert f"accepted your application to {title}" in note.text, note.text
    assert contact_seen(people, ORG, RecordType.YOUTH, "y-1")
    assert contact_seen(people, YOUTH, RecordType.ORGANIZATION, "o-1")
    assert not contact_seen(people, YOUTH_2, RecordType.ORGANIZATION, "o-1")


def test_pairs_that_cannot_be_introduced_are_refused_with_the_field(
    people: Graph, settings: Settings
) -> None:
    with pytest.raises(InvalidInput) as error:
        ask(people, MENTOR, "m-1", "j-1", settings)
    assert error.value.errors[0].field == "to_id"
    with pytest.raises(NotFound):
        ask(people, YOUTH, "y-1", "nobody", settings)


def test_deleting_a_record_deletes_its_introductions_and_notifications(
    people: Graph, settings: Settings
) -> None:
    intro = ask(people, YOUTH, "y-1", "m-1", settings)
    introductions.answer(people, MENTOR, intro.id, Answer.ACCEPT)
    profiles.delete(people, YOUTH, RecordType.YOUTH, "y-1")
    rows, _, _ = people.driver.execute_query(
        "MATCH (n) WHERE n:Introduction OR n:Notification OR n:MatchEvent RETURN count(n) AS n",
        database_=people.database,
    )
    assert rows[0]["n"] == 0
    # The id used again by someone else inherits nothing: no contact shown to the mentor.
    factories.store(people, factories.youth("y-1", name="Someone else"))
    assert not contact_seen(people, MENTOR, RecordType.YOUTH, "y-1")
    load = people.read(graph_intro.mentor_load, "m-1")
    assert load is not None and load.active == 0


def test_a_pair_with_a_request_waiting_is_not_suggested_to_each_other(
    people: Graph, settings: Settings
) -> None:
    ask(people, YOUTH, "y-1", "m-1", settings)
    facts = people.read(graph_recommend.viewer_facts, "y-1")
    assert facts is not None and "m-1" in facts.profile.excluded
    mentor = people.read(graph_recommend.viewer_facts, "m-1")
    assert mentor is not None and "y-1" in mentor.profile.excluded


def test_an_offer_invites_a_youth_who_accepts_and_becomes_its_applicant(
    people: Graph, settings: Settings
) -> None:
    intro = ask(people, ORG, "j-1", "y-2", settings)
    assert intro.kind == "application" and (intro.from_party, intro.to_party) == ("o-1", "y-2")
    assert intro.suggestion == "candidates"
    # Waiting: the youth is not the offer's candidate again, nor the offer the youth's job.
    offer = people.read(graph_recommend.viewer_facts, "j-1")
    assert offer is not None and "y-2" in offer.profile.excluded
    youth = people.read(graph_recommend.viewer_facts, "y-2")
    assert youth is not None and "j-1" in youth.profile.excluded
    # The youth sees the organisation inviting, for its offer; the organisation, whom it invited.
    (received,) = introductions.list_cards(people, YOUTH_2)
    assert received.received and (received.other_id, received.offer_id) == ("o-1", "j-1")
    (sent,) = introductions.list_cards(people, ORG)
    assert not sent.received and (sent.other_id, sent.offer_id) == ("y-2", "j-1")
    title = f"“\u2068{received.offer_title}\u2069”"
    (note,) = notifications.read_all(people, YOUTH_2, lang="en")
    assert note.text.endswith(f"invites you to apply to {title}"), note.text

    introductions.answer(people, YOUTH_2, intro.id, Answer.ACCEPT)
    arrow = "MATCH (:Youth {id: 'y-2'})-[r:APPLIED_TO]->(:Entity {id: 'j-1'}) RETURN count(r)"
    assert people.read(lambda tx: tx.run(arrow).single(strict=True)[0]) == 1
    (note,) = notifications.read_all(people, ORG, lang="en")
    assert note.text.startswith("\u2068Hamza\u2069 accepted your invitation to apply to " + title)
    assert contact_seen(people, ORG, RecordType.YOUTH, "y-2")
    assert contact_seen(people, YOUTH_2, RecordType.ORGANIZATION, "o-1")
    mine = introductions.get(people, YOUTH_2, intro.id)
    assert mine.contact is not None and mine.contact.email == "coop@example.ma"
    theirs = introductions.get(people, ORG, intro.id)
    assert theirs.contact is not None and theirs.contact.email == "hamza@example.ma"


def test_only_the_offers_organisation_invites_for_it_withdraws_it_and_spends_its_limit(
    people: Graph, settings: Settings
) -> None:
    factories.store(
        people,
        factories.organization("o-2", name="Autre coopérative"),
        factories.job_offer("j-old", published_on="2026-01-01", expires_on="2026-02-01"),
    )
    other = Actor(
        user_id="u-o2", role=Role.ORGANIZATION_MEMBER, organization_ids=frozenset({"o-2"})
    )
    for stranger in (other, YOUTH):
        with pytest.raises(Forbidden):
            ask(people, stranger, "j-1", "y-2", settings)
    with pytest.raises(Conflict, match="expired"):
        ask(people, ORG, "j-old", "y-2", settings)
    with pytest.raises(InvalidInput) as error:
        ask(people, ORG, "j-1", "m-1", settings)
    assert error.value.errors[0].field == "to_id"

    intro = ask(people, ORG, "j-1", "y-2", settings)
    with pytest.raises(Forbidden):  # the youth answers it; only the organisation withdraws it
        introductions.withdraw(people, YOUTH_2, intro.id)
    assert introductions.withdraw(people, ORG, intro.id).status == "withdrawn"
    withdrawn, _requested = notifications.read_all(people, YOUTH_2, lang="en")
    assert "withdrew the invitation to apply to" in withdrawn.text, withdrawn.text
    # The organisation's waiting requests count together, for itself and for its offers.
    strict = settings.model_copy(update={"intro_max_pending": 2})
    ask(people, ORG, "j-1", "y-2", strict)
    ask(people, ORG, "j-1", "y-3", strict)
    with pytest.raises(LimitReached):
        ask(people, ORG, "o-1", "o-2", strict)
