"""/staff/people (TestClient, real Neo4j): search by name, commune, skill, sector, language and
axis; one person in full; a suspended account signs in neither on the pages nor by token."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from graph import users as graph_users
from models.user import Role
from services import accounts
from services.db import Graph
from tests import factories

pytestmark = pytest.mark.neo4j
FR = {"Accept-Language": "fr"}
AR = {"Accept-Language": "ar"}


def names_found(client: TestClient, **filters: str) -> list[str]:
    page = client.get("/staff/people", params=filters, headers=FR)
    assert page.status_code == 200, page.text
    return re.findall(r'<a href="/staff/people/[^"]+" dir="auto">([^<]+)</a>', page.text)


@pytest.fixture
def people(graph: Graph) -> Graph:
    factories.store(
        graph,
        factories.youth("y-1", name="Salma Bennani", axis="employability", skills=["couture"]),
        factories.youth(
            "y-2",
            name="Youssef Amrani",
            location={"commune": "Khouribga"},
            skills=["soudure"],
            languages=["ary", "fr"],
            axis="entrepreneurship",
            email="y2@example.ma",
        ),
        factories.mentor("m-1", name="Karim Alaoui"),
        factories.organization("o-1"),
    )
    return graph


def test_staff_find_people_by_each_filter(people: Graph, client: TestClient) -> None:
    factories.page_session(client, people, "staff@example.ma", Role.STAFF)
    assert names_found(client) == [
        "Coopérative Nour",
        "Karim Alaoui",
        "Salma Bennani",
        "Youssef Amrani",
    ]
    assert names_found(client, name="sAlMa") == ["Salma Bennani"]
    assert names_found(client, name="m-1") == ["Karim Alaoui"]
    assert names_found(client, commune="Khouribga") == ["Karim Alaoui", "Youssef Amrani"]
    assert names_found(client, skill="Soudure") == ["Youssef Amrani"]
    assert names_found(client, sector="économie sociale et solidaire") == ["Karim Alaoui"]
    assert names_found(client, language="ary") == ["Youssef Amrani"]
    assert names_found(client, axis="employability") == ["Salma Bennani"]
    assert names_found(client, type="mentor", commune="Khouribga") == ["Karim Alaoui"]
    arabic = client.get("/staff/people", params={"commune": "Khouribga"}, headers=AR).text
    assert "<td>خريبكة</td>" in arabic and "<td>Khouribga</td>" not in arabic  # as each page
    bad = client.get("/staff/people", params={"axis": "farming"}, headers=FR)
    assert bad.status_code == 422 and 'id="axis-error"' in bad.text


def record_rows(html: str) -> dict[str, str]:
    """The (label -> value) rows of the person page's record, tags left out."""
    part = html.split('<dl class="record">', 1)[1].split("</dl>", 1)[0]
    rows = re.findall(r"<dt>([^<]+)</dt>\s*<dd[^>]*>(.*?)</dd>", part, re.S)
    return {label.strip(): re.sub(r"<[^>]+>", "", value).strip() for label, value in rows}


def test_staff_see_a_person_in_full_with_the_fields_named_in_their_language(
    people: Graph, client: TestClient
) -> None:
    factories.page_session(client, people, "staff@example.ma", Role.STAFF)
    page = client.get("/staff/people/y-1", headers=FR)
    assert page.status_code == 200
    rows = record_rows(page.text)
    assert rows["Adresse e-mail"] == "salma@example.ma"
    assert rows["Numéro de téléphone"] == "+212612345678"
    assert rows["Axe d’accompagnement"] == "Employabilité"
    assert rows["Compétences"] == "couture"
    assert not {"birth_year", "email", "phone", "axis", "location"} & set(rows)
    arabic = record_rows(client.get("/staff/people/y-2", headers={"Accept-Language": "ar"}).text)
    assert arabic["الجماعة"] == "خريبكة"  # the commune's Arabic name
    assert arabic["اللغات المتحدث بها"] == "الدارجة والفرنسية"
    assert client.get("/staff/people/no-such-id").status_code == 404


def test_a_suspended_account_signs_in_neither_on_the_pages_nor_by_token(
    people: Graph, client: TestClient
) -> None:
    accounts.create_account(
        people, email="salma@example.ma", password=factories.PASSWORD, role=Role.YOUTH
    )
    user = people.read(graph_users.user_by_email, "salma@example.ma")
    people.write(graph_users.link_owner, user_id=user.id, profile_id="y-1")
    bearer = factories.sign_in(client, "salma@example.ma")
    youth_pages = TestClient(client.app, base_url="https://testserver")  # Secure cookie
    factories_login(youth_pages, "salma@example.ma")
    assert youth_pages.get("/me", follow_redirects=False).status_code == 200

    token = factories.page_session(client, people, "staff@example.ma", Role.STAFF)
    suspend = f"/staff/people/y-1/accounts/{user.id}/suspend"
    assert (
        client.post(suspend, data={"csrf_token": token}, follow_redirects=False).status_code == 303
    )
    assert "Suspendu" in client.get("/staff/people/y-1", headers=FR).text

    assert client.get("/api/v1/auth/me", headers=bearer).status_code == 401  # the old token
    refused = client.post(
        "/api/v1/auth/token", data={"username": "salma@example.ma", "password": factories.PASSWORD}
    )
    assert refused.status_code == 401 and "suspended" in refused.text
    assert youth_pages.get("/me", follow_redirects=False).status_code == 303  # session ended
    login = factories_login(youth_pages, "salma@example.ma", expect=401)
    assert "Ce compte est suspendu" in login

    restore = f"/staff/people/y-1/accounts/{user.id}/restore"
    assert (
        client.post(restore, data={"csrf_token": token}, follow_redirects=False).status_code == 303
    )
    assert (
        client.get(
            "/api/v1/auth/me", headers=factories.sign_in(client, "salma@example.ma")
        ).status_code
        == 200
    )


def test_staff_accounts_cannot_be_suspended_from_the_console(
    people: Graph, client: TestClient
) -> None:
    token = factories.page_session(client, people, "staff@example.ma", Role.STAFF)
    staff = people.read(graph_users.user_by_email, "staff@example.ma")
    answer = client.post(
        f"/staff/people/y-1/accounts/{staff.id}/suspend", data={"csrf_token": token}
    )
    assert answer.status_code == 403


def test_the_people_pages_are_for_staff_only(people: Graph, client: TestClient) -> None:
    token = factories.page_session(client, people, "mentor@example.ma", Role.MENTOR)
    assert client.get("/staff/people").status_code == 403
    assert client.get("/staff/people/y-1").status_code == 403
    staff = people.read(graph_users.user_by_email, "mentor@example.ma")
    answer = client.post(
        f"/staff/people/y-1/accounts/{staff.id}/suspend", data={"csrf_token": token}
    )
    assert answer.status_code == 403


def factories_login(client: TestClient, email: str, *, expect: int = 303) -> str:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    form = {"csrf_token": token.group(1), "email": email, "password": factories.PASSWORD}
    answer = client.post("/login", data=form, headers=FR, follow_redirects=False)
    assert answer.status_code == expect, answer.text
    return answer.text
