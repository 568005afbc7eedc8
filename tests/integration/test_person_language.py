"""Each person's language, kept on their account (chosen at sign-up or with the switch), and
the notification e-mails written in it."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from graph import introductions as graph_intro
from graph import users as graph_users
from models.introduction import IntroductionRequest
from models.user import Role
from services import accounts, introductions, notifications
from services.access import Actor
from services.db import Graph
from services.settings import Settings
from tests import factories
from tests.integration.test_pages import PASSWORD, csrf

pytestmark = pytest.mark.neo4j


def test_the_language_of_sign_up_and_of_the_switch_is_kept_on_the_account(
    client: TestClient, graph: Graph
) -> None:
    token = csrf(client, "/signup")
    form = {"csrf_token": token, "email": "salma@example.ma", "password": PASSWORD}
    client.post("/signup", data=form | {"privacy": "yes"}, headers={"Accept-Language": "ar"})
    assert graph.read(graph_users.user_by_email, "salma@example.ma").lang == "ar"
    client.get("/lang/en?next=/me")
    assert graph.read(graph_users.user_by_email, "salma@example.ma").lang == "en"
    client.cookies.clear()
    client.get("/lang/fr")  # signed out: only the cookie
    assert graph.read(graph_users.user_by_email, "salma@example.ma").lang == "en"


def test_signing_in_on_a_new_device_brings_back_the_accounts_language(
    client: TestClient, graph: Graph
) -> None:
    token = csrf(client, "/signup")
    form = {"csrf_token": token, "email": "salma@example.ma", "password": PASSWORD}
    client.post("/signup", data=form | {"privacy": "yes"}, headers={"Accept-Language": "ar"})
    client.cookies.clear()  # another phone, set to French
    french = {"Accept-Language": "fr"}
    form = {"csrf_token": csrf(client, "/login"), "email": "salma@example.ma", "password": PASSWORD}
    client.post("/login", data=form, headers=french)
    assert '<html lang="ar" dir="rtl">' in client.get("/me/about", headers=french).text
    client.get("/lang/en")  # chosen on this device: it wins from now on
    client.post("/logout", data={"csrf_token": csrf(client, "/me")})
    form = {"csrf_token": csrf(client, "/login"), "email": "salma@example.ma", "password": PASSWORD}
    client.post("/login", data=form, headers=french)
    assert '<html lang="en" dir="ltr">' in client.get("/me/about", headers=french).text


def test_a_notification_e_mail_is_written_in_its_readers_language(
    graph: Graph, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    factories.store(
        graph,
        factories.youth("y-1"),
        factories.mentor("m-1", email="karim@example.ma"),
        factories.mentor("m-2", name="Driss", email="driss@example.ma"),
        factories.mentor("m-3", name="Amine", email=None),  # made on the pages: no e-mail
    )
    for email, lang, profile in (
        ("karim@example.ma", "ar", "m-1"),
        ("driss@example.ma", None, "m-2"),
        ("amine@example.ma", "en", "m-3"),
    ):
        user = accounts.create_account(
            graph, email=email, password=PASSWORD, role=Role.MENTOR, lang=lang
        )
        graph.write(graph_users.link_owner, user_id=user.id, profile_id=profile)
    youth = Actor(user_id="u-y1", role=Role.YOUTH, profile_id="y-1")
    for mentor in ("m-1", "m-2", "m-3"):
        request = IntroductionRequest(from_id="y-1", to_id=mentor)
        introductions.request(graph, youth, request, settings)
    sent = {}
    with caplog.at_level(logging.INFO, logger="multaqa.mail"):
        for mentor in ("m-1", "m-2", "m-3"):
            row = graph.read(
                graph_intro.list_notifications, [mentor], unread=False, limit=1, offset=0
            )
            caplog.clear()
            assert notifications.send_email(graph, settings, row[0].id)
            sent[mentor] = caplog.text
    # The name is isolated (U+2068 ... U+2069): an Arabic sentence keeps its order around it.
    name = "\u2068Salma Bennani\u2069"
    assert f"طلب تعارف من {name}" in sent["m-1"]  # Arabic, as Karim chose, no gendered verb
    assert f"{name} demande" in sent["m-2"]  # no choice: the default language (fr)
    assert f"{name} asks to be introduced" in sent["m-3"]  # to the account's address
