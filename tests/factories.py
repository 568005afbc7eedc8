"""Valid records of each kind, with overrides: the one place tests build their data."""

from __future__ import annotations

import datetime as dt
from typing import Any

THIS_YEAR = dt.date.today().year


def youth(record_id: str = "y-1", **overrides: Any) -> dict[str, Any]:
    data = {
        "type": "youth",
        "id": record_id,
        "name": "Salma Bennani",
        "birth_year": THIS_YEAR - 24,
        "bio": "Je veux créer une coopérative de couscous à Oued Zem. بغيت ندير مشروع.",
        "skills": ["comptabilité", "تصميم مواقع الويب"],
        "interests": ["agroalimentaire et produits du terroir"],
        "languages": ["ar", "fr"],
        "location": {"commune": "Oued Zem"},
        "seeking": ["mentor", "partner"],
        "project": {"title": "Couscous bio", "description": "Coopérative", "stage": "idea"},
        "email": "salma@example.ma",
        "phone": "06 12 34 56 78",
        "gender": "female",
    }
    return data | overrides


def mentor(record_id: str = "m-1", **overrides: Any) -> dict[str, Any]:
    data = {
        "type": "mentor",
        "id": record_id,
        "name": "Karim Alaoui",
        "bio": "Expert-comptable, 15 ans d'accompagnement de coopératives.",
        "skills": ["comptabilité", "gestion de coopérative"],
        "sectors": ["économie sociale et solidaire"],
        "languages": ["ar", "fr"],
        "location": {"commune": "Khouribga"},
        "capacity": 3,
        "email": "karim@example.ma",
        "phone": "+212661234567",
    }
    return data | overrides


def organization(record_id: str = "o-1", **overrides: Any) -> dict[str, Any]:
    data = {
        "type": "organization",
        "id": record_id,
        "name": "Coopérative Nour",
        "kind": "cooperative",
        "description": "تعاونية نسائية لإنتاج الكسكس",
        "sectors": ["agroalimentaire et produits du terroir"],
        "needs": ["financement", "formation en marketing digital"],
        "offers": ["produits du terroir"],
        "languages": ["ar"],
        "location": {"commune": "Boujniba"},
    }
    return data | overrides


def job_offer(record_id: str = "j-1", **overrides: Any) -> dict[str, Any]:
    today = dt.date.today()
    data = {
        "type": "job_offer",
        "id": record_id,
        "title": "Développeur web junior",
        "description": "Stage de 6 mois dans une agence numérique.",
        "organization_id": "o-1",
        "required_skills": ["développement web", "HTML"],
        "location": {"commune": "Casablanca", "lat": 33.5731, "lon": -7.5898},
        "contract": "internship",
        "languages": ["fr"],
        "published_on": (today - dt.timedelta(days=3)).isoformat(),
        "expires_on": (today + dt.timedelta(days=30)).isoformat(),
    }
    return data | overrides


def without_type(record: dict[str, Any]) -> dict[str, Any]:
    """The API body for a record (the route gives the type)."""
    return {k: v for k, v in record.items() if k != "type"}


def store(graph: Any, *records: dict[str, Any]) -> None:
    """Write records straight into the graph (no account, no embedding)."""
    from graph import records as graph_records
    from models.records import RECORD_ADAPTER

    rows = [graph_records.to_row(RECORD_ADAPTER.validate_python(r)) for r in records]
    graph.write(graph_records.write_rows, rows)


# --- accounts ---------------------------------------------------------------------------------

PASSWORD = "correct horse battery"


def sign_in(client: Any, email: str, password: str = PASSWORD) -> dict[str, str]:
    """The bearer header of an existing account, through `/auth/token` (the one sign-in helper).

    `client` is anything with httpx's `post`: the in-process TestClient or an `httpx.Client` on
    a running server.
    """
    response = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def account(
    client: Any, graph: Any, email: str, role: Any, password: str = PASSWORD
) -> dict[str, str]:
    """A new account of `role`, signed in: its bearer header."""
    from services import accounts

    accounts.create_account(graph, email=email, password=password, role=role)
    return sign_in(client, email, password)


def register(
    client: Any, email: str, role: str = "youth", password: str = PASSWORD
) -> dict[str, str]:
    """Sign up through `/auth/register` (accepting the privacy notice in force), then sign in:
    the new account's bearer header."""
    version = client.get("/api/v1/auth/privacy-notice").json()["version"]
    body = {"email": email, "password": password, "role": role, "privacy_notice_version": version}
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.text
    return sign_in(client, email, password)


def create_own(client: Any, path: str, record: dict[str, Any], headers: dict[str, str]) -> str:
    """Create a record through the API as its own account (without an id: the server chooses
    it); the new record's id."""
    body = {k: v for k, v in record.items() if k not in ("type", "id")}
    response = client.post(f"/api/v1/{path}", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def page_session(client: Any, graph: Any, email: str, role: Any) -> str:
    """A new account of `role` signed in on the web pages (the client keeps the session
    cookie); returns the session's CSRF token for the forms."""
    import re

    from services import accounts

    accounts.create_account(graph, email=email, password=PASSWORD, role=role)
    client.cookies.clear()
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the sign-in page"
    form = {"csrf_token": token.group(1), "email": email, "password": PASSWORD}
    answer = client.post("/login", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    # Signing in starts a fresh session, with a new token.
    fresh = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert fresh, "no CSRF token on the home page"
    return fresh.group(1)


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """An .xlsx file as staff's Excel saves it (openpyxl): one sheet per name, rows of cells."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
