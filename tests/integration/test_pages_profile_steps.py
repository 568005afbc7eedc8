"""/me in steps (TestClient, real Neo4j): each step saves its own fields, the summary lists the
answers with a "change" link per section, and a change made from it comes back to it."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from graph import records as graph_records
from models.user import Role
from services.db import Graph
from tests import factories
from tests.integration.test_pages import csrf, sign_up

pytestmark = pytest.mark.neo4j


def own_profile(graph: Graph, email: str) -> dict[str, object]:
    profile_id = graph.read(
        lambda tx: tx.run(
            "MATCH (:User {email: $email})-[:OWNS]->(p) RETURN p.id AS id", email=email
        ).single()["id"]
    )
    return graph.read(graph_records.read_records, [profile_id])[0].model_dump()


def test_a_youth_fills_the_profile_in_steps_and_changes_an_answer_from_the_summary(
    client: TestClient, graph: Graph
) -> None:
    sign_up(client, "salma@example.ma")
    assert client.get("/me", follow_redirects=False).headers["location"] == "/me/about"
    # Nothing before the first step, which creates the profile.
    assert client.get("/me/skills", follow_redirects=False).headers["location"] == "/me/about"
    token = csrf(client, "/me/about")
    about = {
        "csrf_token": token,
        "name": "Salma",
        "birth_year": "2001",
        "bio": "بغيت نتعلم الخياطة",
        "commune": "Khouribga",
        "languages": ["ary", "fr"],
        "phone": "0612345678",
    }
    steps = [
        ("/me/about", about, "/me/skills"),
        ("/me/skills", {"skills": "couture، broderie", "interests": "artisanat"}, "/me/seeking"),
        ("/me/seeking", {"seeking": ["mentor", "job"]}, "/me/project"),
        ("/me/project", {"project-title": "", "project-description": ""}, "/me?saved=1"),
    ]
    for path, form, then in steps:
        answer = client.post(path, data={"csrf_token": token} | form, follow_redirects=False)
        assert (answer.status_code, answer.headers.get("location")) == (303, then), answer.text
    stored = own_profile(graph, "salma@example.ma")
    assert stored["skills"] == ["couture", "broderie"] and stored["seeking"] == ["mentor", "job"]
    assert stored["phone"] == "+212612345678" and stored["project"] is None

    summary = client.get("/me", headers={"Accept-Language": "fr"}).text
    for slug in ("about", "skills", "seeking", "project"):
        assert f'href="/me/{slug}?back=check"' in summary
    assert "couture et broderie" in summary and "Un mentor, Un emploi ou un stage" not in summary
    assert "Un mentor et un emploi ou un stage" in summary  # Babel’s list, one sentence

    changed = client.post(
        "/me/about", data=about | {"phone": "", "back": "check"}, follow_redirects=False
    )
    assert changed.headers["location"] == "/me?saved=1"
    stored = own_profile(graph, "salma@example.ma")
    assert stored["phone"] is None  # emptied on its step: cleared, not kept
    assert stored["skills"] == ["couture", "broderie"]  # the other steps' answers are kept


def test_a_step_shows_its_errors_beside_the_fields_in_the_page_language(
    client: TestClient,
) -> None:
    sign_up(client, "salma@example.ma")
    token = csrf(client, "/me/about")
    client.post("/me/about", data={"csrf_token": token, "name": "Salma"})
    answer = client.post(
        "/me/project",
        data={"csrf_token": token, "project-title": "", "project-description": "مشغل خياطة"},
        headers={"Accept-Language": "ar"},
    )
    assert answer.status_code == 422
    assert 'id="project-title-error"' in answer.text and 'href="#project-title"' in answer.text
    assert "أدخل هذه المعلومة" in answer.text
    assert "مشغل خياطة" in answer.text  # what was typed is shown again
    # A number out of bounds says the bound.
    answer = client.post(
        "/me/about",
        data={"csrf_token": token, "name": "Salma", "birth_year": "1800"},
        headers={"Accept-Language": "ar"},
    )
    assert answer.status_code == 422 and 'id="birth_year-error"' in answer.text
    assert "أدخل عدداً لا يقل عن 1900" in answer.text
    # Numbers and phone numbers read left to right on an Arabic page ("-3", not "3-").
    assert re.search(r'<input id="birth_year" [^>]*dir="ltr"', answer.text)
    assert re.search(r'<input id="phone" [^>]*dir="ltr"', answer.text)
    assert re.search(r'<input id="name" [^>]*dir="auto"', answer.text)
    # Every error at once: the age bounds beside a wrong phone number, not one after the other.
    answer = client.post(
        "/me/about",
        data={
            "csrf_token": token,
            "name": "Salma",
            "birth_year": str(factories.THIS_YEAR - 11),  # too young
            "phone": "12",
        },
        headers={"Accept-Language": "fr"},
    )
    assert answer.status_code == 422
    assert 'id="phone-error"' in answer.text and 'id="birth_year-error"' in answer.text
    summary = answer.text.index('href="#birth_year"'), answer.text.index('href="#phone"')
    assert summary[0] < summary[1]  # in the order of the fields on the page


def test_a_mentor_has_two_steps_and_an_organisation_member_describes_the_organisation(
    client: TestClient, graph: Graph
) -> None:
    sign_up(client, "karim@example.ma", "mentor")
    token = csrf(client, "/me/about")
    first = client.post(
        "/me/about",
        data={"csrf_token": token, "name": "Karim", "skills": "couture", "languages": "fr"},
        follow_redirects=False,
    )
    assert first.headers["location"] == "/me/mentoring"
    last = client.post(
        "/me/mentoring",
        data={"csrf_token": token, "sectors": "artisanat", "capacity": "4"},
        follow_redirects=False,
    )
    assert last.headers["location"] == "/me?saved=1"
    assert own_profile(graph, "karim@example.ma")["capacity"] == 4
    assert "/me/availability" in client.get("/me").text  # pause or resume

    client.cookies.clear()
    sign_up(client, "nour@example.ma", "organization_member")
    token = csrf(client, "/me/about")
    first = client.post(
        "/me/about",
        data={"csrf_token": token, "name": "Coopérative Nour", "kind": "cooperative"},
        follow_redirects=False,
    )
    assert first.headers["location"] == "/me/needs"
    assert "Coopérative Nour" in client.get("/me").text


def test_a_youth_who_gave_only_a_name_sees_a_suggestions_page(client: TestClient) -> None:
    sign_up(client, "salma@example.ma")
    token = csrf(client, "/me/about")
    client.post("/me/about", data={"csrf_token": token, "name": "سلمى"})
    page = client.get("/suggestions?tab=mentors", headers={"Accept-Language": "ar"})
    assert page.status_code == 200  # a profile with no words has no vector, not an error


def test_a_paused_mentor_is_told_why_no_one_is_suggested(client: TestClient, graph: Graph) -> None:
    token = factories.page_session(client, graph, "karim@example.ma", Role.MENTOR)  # approved
    about = {"csrf_token": token, "name": "Karim", "skills": "couture", "languages": "fr"}
    client.post("/me/about", data=about)
    client.post(
        "/me/mentoring", data={"csrf_token": token, "sectors": "artisanat", "capacity": "2"}
    )
    client.post("/me/availability", data={"csrf_token": token, "paused": "yes"})
    page = client.get("/suggestions", headers={"Accept-Language": "fr"}).text
    assert "Votre mentorat est en pause : personne ne vous est suggéré" in page
    assert 'href="/me">Reprendre le mentorat depuis mon profil</a>' in page
    assert "Ajoutez des compétences et des langues à votre profil" not in page
