"""Issue 13 on the web pages: one's data from /me (download, delete with a confirmation),
sign-out that ends every session, approval of mentors, and a sign-up that does not tell who
has an account."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from graph import users as graph_users
from services.db import Graph
from tests.integration.test_pages import csrf, sign_up

pytestmark = pytest.mark.neo4j


def save_profile(client: TestClient) -> None:
    form = {"csrf_token": csrf(client, "/me/about"), "name": "Salma", "phone": "0612345678"}
    assert client.post("/me/about", data=form, follow_redirects=False).status_code == 303


def test_a_person_downloads_their_data_then_deletes_their_account_after_confirming(
    client: TestClient, graph: Graph
) -> None:
    sign_up(client, "salma@example.ma")
    save_profile(client)
    me = client.get("/me", headers={"Accept-Language": "fr"}).text
    assert 'href="/me/data"' in me and 'href="/me/delete"' in me
    download = client.get("/me/data")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    data = json.loads(download.text)
    assert data["account"]["email"] == "salma@example.ma"
    assert data["profiles"][0]["phone"] == "+212612345678"
    unconfirmed = client.post(
        "/me/delete",
        data={"csrf_token": csrf(client, "/me/delete")},
        headers={"Accept-Language": "fr"},
    )
    assert unconfirmed.status_code == 422 and 'href="#confirm"' in unconfirmed.text
    assert graph.read(graph_users.user_by_email, "salma@example.ma") is not None
    form = {"csrf_token": csrf(client, "/me/delete"), "confirm": "yes"}
    deleted = client.post("/me/delete", data=form, headers={"Accept-Language": "fr"})
    assert deleted.status_code == 200 and "Votre compte est supprimé" in deleted.text
    assert graph.read(graph_users.user_by_email, "salma@example.ma") is None
    assert client.get("/me", follow_redirects=False).status_code == 303  # signed out


def test_signing_out_ends_the_session_even_for_a_copied_cookie(client: TestClient) -> None:
    sign_up(client, "salma@example.ma")
    copied = dict(client.cookies)
    client.post("/logout", data={"csrf_token": csrf(client, "/me")})
    client.cookies.clear()
    client.cookies.update(copied)
    assert client.get("/me", follow_redirects=False).status_code == 303


def test_a_self_registered_mentor_waits_for_approval_and_sees_no_suggestions(
    client: TestClient,
) -> None:
    sign_up(client, "karim@example.ma", "mentor")
    page = client.get("/suggestions", headers={"Accept-Language": "fr"})
    assert page.status_code == 200 and "attend la validation" in page.text
    assert "attend la validation" in client.get("/me", headers={"Accept-Language": "fr"}).text


def test_sign_up_with_a_taken_address_does_not_say_it_is_taken(client: TestClient) -> None:
    sign_up(client, "salma@example.ma")
    client.cookies.clear()
    form = {"csrf_token": csrf(client, "/signup"), "email": "salma@example.ma"}
    again = client.post(
        "/signup",
        data=form | {"password": "another password 2", "role": "youth", "privacy": "yes"},
        headers={"Accept-Language": "fr"},
    )
    assert again.status_code == 200 and "Consultez vos e-mails" in again.text
    assert "existe déjà" not in again.text
    assert client.get("/me", follow_redirects=False).status_code == 303  # not signed in
