"""An offer's own page over HTTP (TestClient, real Neo4j): a youth opens it from her jobs tab
and applies there; an invited youth opens it from her introductions and answers there; its
organisation sees its candidates; unknown, closed and unvetted cases."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from graph import records as graph_records
from models.user import Role
from services import accounts
from services.db import Graph
from tests import factories
from tests.integration.test_pages import (
    PASSWORD,
    a_member_of_o1,
    described_youth,
    sign_in_page,
    sign_up,
)

pytestmark = pytest.mark.neo4j
FRENCH = {"Accept-Language": "fr"}
ARABIC = {"Accept-Language": "ar"}


def a_youth_and_an_offer(client: TestClient, graph: Graph) -> tuple[str, str]:
    """Coopérative Atlas's open web offer j-1, its member coop@, and Salma (salma@), signed
    in, whose profile matches it: her record id and her session's CSRF token."""
    factories.store(
        graph,
        factories.organization("o-1", name="Coopérative Atlas", phone="0522 11 22 33"),
        factories.job_offer(
            "j-1",
            title="Développeuse web junior",
            location={"commune": "Oued Zem"},
            languages=["fr", "ary"],
        ),
    )
    a_member_of_o1(graph)
    accounts.create_account(graph, email="salma@example.ma", password=PASSWORD, role=Role.YOUTH)
    token = sign_in_page(client, "salma@example.ma")
    youth = described_youth(client, graph, token, "développement web, HTML, stage")
    return youth, token


def form_of(page: str, action: str) -> str:
    found = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S)
    assert found, f"no form to {action}"
    return found.group(0)


def test_a_youth_opens_an_offer_from_her_jobs_tab_applies_there_and_sees_she_applied(
    client: TestClient, graph: Graph
) -> None:
    youth, token = a_youth_and_an_offer(client, graph)
    jobs = client.get("/suggestions?tab=jobs", headers=FRENCH).text
    assert '<a href="/offers/j-1">Développeuse web junior</a>' in jobs

    page = client.get("/offers/j-1", headers=FRENCH)
    assert page.status_code == 200
    text = page.text
    assert '<h1 dir="auto">Développeuse web junior</h1>' in text
    assert 'Publiée par <bdi dir="auto">Coopérative Atlas</bdi>' in text
    assert "Stage de 6 mois dans une agence numérique." in text
    skills = '<bdi dir="auto">développement web</bdi> et <bdi dir="auto">HTML</bdi>'
    assert skills in text  # listed as French lists them, each isolated
    assert "français et darija" in text and "Oued Zem" in text and "Stage" in text
    published = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    assert f'<time datetime="{published}">' in text and "Dernier jour pour postuler" in text
    apply = form_of(text, "/introductions")
    assert f'name="from_id" value="{youth}"' in apply and 'name="to_id" value="j-1"' in apply
    assert 'name="back" value="/offers/j-1"' in apply and 'name="csrf_token"' in apply
    assert "Postuler : Développeuse web junior" in apply

    body = {"csrf_token": token, "from_id": youth, "to_id": "j-1", "message": "Motivée"}
    sent = client.post("/introductions", data=body | {"back": "/offers/j-1", "done": "/offers/j-1"})
    assert sent.url.path == "/offers/j-1"
    assert "Votre demande est envoyée" in sent.text
    assert "Vous avez postulé le" in sent.text and 'action="/introductions"' not in sent.text
    withdraw = re.search(r'action="/introductions/(i-[0-9a-f]+)/withdraw"', sent.text)
    assert withdraw and 'name="back" value="/offers/j-1"' in sent.text
    arabic = client.get("/offers/j-1", headers=ARABIC).text
    assert 'dir="rtl"' in arabic and "تاريخ ترشّحك" in arabic and "الفرنسية" in arabic
    mine = client.get("/introductions", headers=FRENCH).text
    assert '<a href="/offers/j-1">Développeuse web junior</a>' in mine  # her application
    # The organisation sees who applies before answering: what she wrote, her skills.
    client.post("/me/skills", data={"csrf_token": token, "skills": "HTML, CSS"})
    sign_in_page(client, "coop@example.ma")
    received = client.get("/introductions", headers=FRENCH).text
    assert 'class="summary" dir="ltr">développement web, HTML, stage</p>' in received
    skills = 'Compétences : <bdi dir="auto">HTML</bdi> et <bdi dir="auto">CSS</bdi>'
    assert skills in received
    sign_in_page(client, "salma@example.ma")

    factories.page_session(client, graph, "karim@example.ma", Role.MENTOR)  # approved by staff
    seen = client.get("/offers/j-1", headers=FRENCH).text
    assert "Développeuse web junior" in seen and "Votre candidature" not in seen
    assert 'action="/introductions' not in seen and "tab=candidates" not in seen  # no action
    missing = client.get("/offers/j-404", headers=FRENCH)
    assert missing.status_code == 404 and "Page introuvable" in missing.text


def test_an_invited_youth_answers_on_the_offer_page_and_its_organisation_sees_candidates(
    client: TestClient, graph: Graph
) -> None:
    youth, _ = a_youth_and_an_offer(client, graph)
    token = sign_in_page(client, "coop@example.ma")
    invite = {"csrf_token": token, "from_id": "j-1", "to_id": youth, "message": "Venez"}
    assert client.post("/introductions", data=invite).url.path == "/introductions"
    own = client.get("/offers/j-1", headers=FRENCH).text
    assert 'href="/suggestions?tab=candidates&amp;offer=j-1"' in own
    assert "Votre candidature" not in own and 'action="/introductions"' not in own

    token = sign_in_page(client, "salma@example.ma")
    mine = client.get("/introductions", headers=FRENCH).text
    assert '<a href="/offers/j-1"><bdi dir="auto">Développeuse web junior</bdi></a>' in mine
    told = client.get("/notifications", headers=FRENCH).text
    assert '<a href="/offers/j-1">Voir l’offre</a>' in told
    page = client.get("/offers/j-1", headers=FRENCH).text
    assert '<bdi dir="auto">Coopérative Atlas</bdi> vous invite à postuler.' in page
    assert "Venez" in page and 'action="/introductions"' not in page  # no second application
    intro_id = re.findall(r'action="/introductions/(i-[0-9a-f]+)/accept"', page)[0]
    assert 'name="back" value="/offers/j-1"' in form_of(page, f"/introductions/{intro_id}/accept")
    assert f'action="/introductions/{intro_id}/decline"' in page
    back = {"csrf_token": token, "back": "/offers/j-1"}
    answered = client.post(f"/introductions/{intro_id}/accept", data=back, headers=FRENCH)
    assert answered.url.path == "/offers/j-1"
    assert (
        "Vous avez postulé." in answered.text and "tel:+212522112233" in answered.text
    )  # as /introductions

    # Its organisation closes it: closed at once, not at the end of the day.
    token = sign_in_page(client, "coop@example.ma")
    closing = client.post("/offers/j-1/close", data={"csrf_token": token}, headers=FRENCH)
    assert "Cette offre est close" in closing.text
    assert 'action="/offers/j-1/close"' not in closing.text
    sign_in_page(client, "salma@example.ma")
    closed = client.get("/offers/j-1", headers=FRENCH).text
    assert "Cette offre est close" in closed and "Vous avez postulé." in closed
    # She ends the connection from the offer's page, and comes back to it.
    end = form_of(closed, f"/introductions/{intro_id}/end")
    assert 'name="back" value="/offers/j-1"' in end and "Mettre fin à la relation" in end
    token = re.findall(r'name="csrf_token" value="([^"]+)"', closed)[0]
    ended = client.post(f"/introductions/{intro_id}/end", data=back | {"csrf_token": token})
    assert ended.url.path == "/offers/j-1"
    assert "Vous ne pouvez plus postuler à cette offre." in ended.text
    assert "tel:+212522112233" not in ended.text and "/end" not in ended.text
    factories.page_session(client, graph, "amine@example.ma", Role.YOUTH)
    assert client.get("/offers/j-1").status_code == 404  # closed, and nothing to do with him


def test_an_account_awaiting_approval_cannot_open_an_offer(
    client: TestClient, graph: Graph
) -> None:
    factories.store(graph, factories.organization("o-1"), factories.job_offer("j-1"))
    sign_up(client, "karim@example.ma", role="mentor")  # a mentor waits for the staff
    refused = client.get("/offers/j-1", headers=FRENCH)
    assert (
        refused.status_code == 403 and "Votre compte ne peut pas ouvrir cette page" in refused.text
    )


def test_an_organisation_posts_an_offer_edits_it_and_closes_it_after_saying_so(
    client: TestClient, graph: Graph
) -> None:
    factories.store(graph, factories.organization("o-1", name="Coopérative Atlas"))
    a_member_of_o1(graph)
    token = sign_in_page(client, "coop@example.ma")
    offer = {"csrf_token": token, "title": "Couturière", "contract": "job", "commune": "Khouribga"}
    posted = client.post("/offers", data=offer, headers=FRENCH)
    assert posted.url.path == "/offers" and "Enregistré" in posted.text
    offer_id = re.findall(r'href="/offers/(j-[0-9a-f]+)/close"', posted.text)[0]
    today = dt.date.today()
    page = client.get(f"/offers/{offer_id}", headers=FRENCH).text
    assert f'<time datetime="{today.isoformat()}">' in page  # published on the day it is posted

    # No youth yet: the advice is about the offer, not the member's own profile.
    none = client.get(f"/suggestions?tab=candidates&offer={offer_id}", headers=FRENCH).text
    assert "Aucun candidat pour l’instant. Ajoutez à l’offre les compétences" in none
    assert f'href="/offers?edit={offer_id}#offer-form"' in none

    # Edit leads to the form itself, far below the list on a phone.
    assert f'href="/offers?edit={offer_id}#offer-form"' in posted.text
    editing = client.get(f"/offers?edit={offer_id}", headers=FRENCH).text
    assert '<h2 id="offer-form">Modifier l’offre</h2>' in editing

    # Closing says what it does first, and cannot be undone.
    asked = client.get(f"/offers/{offer_id}/close", headers=FRENCH)
    assert asked.status_code == 200 and "ne peut pas être rouverte" in asked.text
    assert form_of(asked.text, f"/offers/{offer_id}/close")
    closed = client.post(f"/offers/{offer_id}/close", data={"csrf_token": token}, headers=FRENCH)
    assert "L’offre est close : elle ne reçoit plus de candidatures." in closed.text
    assert f'href="/offers/{offer_id}/close"' not in closed.text
    page = client.get(f"/offers/{offer_id}", headers=FRENCH).text
    yesterday = today - dt.timedelta(days=1)
    assert f'<time datetime="{today.isoformat()}">' in page  # its publication stays
    assert f'<time datetime="{yesterday.isoformat()}">' in page  # its last day to apply
    assert client.get(f"/offers/{offer_id}/close").url.path == "/offers"  # closed already
    none = client.get(f"/suggestions?tab=candidates&offer={offer_id}", headers=FRENCH).text
    assert "Cette offre est close : aucun candidat ne lui est suggéré." in none
    assert client.get("/offers/j-404/close", headers=FRENCH).status_code == 404


def test_closing_an_offer_not_published_yet_closes_it_today(
    client: TestClient, graph: Graph
) -> None:
    today = dt.date.today()
    later = today + dt.timedelta(days=5)
    offer = factories.job_offer(
        "j-9",
        published_on=later.isoformat(),
        expires_on=(later + dt.timedelta(days=30)).isoformat(),
    )
    factories.store(graph, factories.organization("o-1"), offer)
    a_member_of_o1(graph)
    token = sign_in_page(client, "coop@example.ma")
    closed = client.post("/offers/j-9/close", data={"csrf_token": token}, headers=FRENCH)
    assert closed.status_code == 200 and "L’offre est close" in closed.text
    stored = graph.read(graph_records.read_records, ["j-9"])[0]
    assert (stored.published_on, stored.expires_on) == (today, today - dt.timedelta(days=1))
