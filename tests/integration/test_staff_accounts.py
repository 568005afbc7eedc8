"""/staff/accounts (approving self-registered mentors and organisation members) and
/staff/audit (the audit log), for staff only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph import users as graph_users
from models.user import Role
from services.db import Graph
from tests import factories

pytestmark = pytest.mark.neo4j

FR = {"Accept-Language": "fr"}


def test_staff_approve_a_mentor_who_signed_up_and_read_it_in_the_audit_log(
    client: TestClient, graph: Graph
) -> None:
    factories.register(
        TestClient(client.app, base_url="https://testserver"), "karim@x.ma", "mentor"
    )
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)
    waiting = client.get("/staff/accounts", headers=FR)
    assert waiting.status_code == 200 and "karim@x.ma" in waiting.text
    karim = graph.read(graph_users.user_by_email, "karim@x.ma")
    assert karim is not None and not karim.approved

    answer = client.post(
        f"/staff/accounts/{karim.id}/approve", data={"csrf_token": token}, headers=FR
    )
    assert answer.status_code == 200 and "Validé : karim@x.ma" in answer.text
    assert "Aucun compte n’attend de validation." in answer.text
    assert graph.read(graph_users.user_by_email, "karim@x.ma").approved

    log = client.get("/staff/audit", params={"action": "approve_account"}, headers=FR).text
    signed_in = "<td>S’est connecté</td>"
    assert "<td>Compte validé</td>" in log and karim.id in log  # the account approved
    assert '<bdi dir="ltr">staff@example.ma</bdi>' in log  # who did it, by e-mail
    assert signed_in not in log  # the filter keeps one kind of entry
    assert signed_in in client.get("/staff/audit", headers=FR).text


def test_the_accounts_and_audit_pages_are_for_staff_only(client: TestClient, graph: Graph) -> None:
    token = factories.page_session(client, graph, "mentor@example.ma", Role.MENTOR)
    me = graph.read(graph_users.user_by_email, "mentor@example.ma")
    assert client.get("/staff/accounts").status_code == 403
    assert client.get("/staff/audit").status_code == 403
    refused = client.post(f"/staff/accounts/{me.id}/approve", data={"csrf_token": token})
    assert refused.status_code == 403
