"""The web pages over HTTP (TestClient, real Neo4j): languages, sign-up with the privacy notice,
sign-in, CSRF, escaping, throttling, password reset, profile errors, "not for me", an
offer's invitation to apply."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from graph import users as graph_users
from models.user import Role
from services import accounts, embeddings
from services.db import Graph
from tests import factories

pytestmark = pytest.mark.neo4j
PASSWORD = "page test password 1"


def csrf(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, "no CSRF token in the form"
    return found.group(1)


def described_youth(client: TestClient, graph: Graph, token: str, bio: str) -> str:
    """The signed-in youth describes herself in `bio` (Arabic and French spoken), her record is
    embedded: its id."""
    about = {"csrf_token": token, "name": "Salma", "bio": bio}
    client.post("/me/about", data=about | {"languages": ["ar", "fr"]})
    embeddings.embed_stale_records(graph, client.app.state.encoder)
    return str(
        graph.read(
            lambda tx: tx.run("MATCH (:User)-[:OWNS]->(p:Youth) RETURN p.id").single(strict=True)[0]
        )
    )


def a_member_of_o1(graph: Graph) -> None:
    """coop@example.ma, a member of the organisation o-1 (which must exist)."""
    accounts.create_account(
        graph,
        email="coop@example.ma",
        password=PASSWORD,
        role=Role.ORGANIZATION_MEMBER,
        organization_id="o-1",
    )


def sign_up(client: TestClient, email: str, role: str = "youth") -> None:
    token = csrf(client, "/signup")
    form = {"csrf_token": token, "email": email, "password": PASSWORD, "role": role}
    answer = client.post("/signup", data=form | {"privacy": "yes"}, follow_redirects=False)
    assert answer.status_code == 303, answer.text


def test_home_is_a_page_in_the_browser_language_with_its_direction(client: TestClient) -> None:
    arabic = client.get("/", headers={"Accept-Language": "ar-MA,ar;q=0.9,fr;q=0.8"})
    assert arabic.status_code == 200 and arabic.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in arabic.text and "إنشاء حساب" in arabic.text
    assert '<a class="brand" href="/">ملتقى</a>' in arabic.text  # the name once, not twice
    french = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="fr" dir="ltr">' in french.text and "Créer un compte" in french.text
    assert "default-src 'self'" in french.headers["content-security-policy"]
    scripts = re.findall(r"<script[^>]*>", french.text)
    assert all('src="/static/' in tag for tag in scripts) and "style=" not in french.text


def test_the_language_switch_is_remembered_over_the_browser_language(client: TestClient) -> None:
    switched = client.get("/lang/en?next=/login", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/login"
    page = client.get("/login", headers={"Accept-Language": "ar"})
    assert '<html lang="en" dir="ltr">' in page.text


def test_unknown_pages_are_a_page_and_the_api_keeps_json(client: TestClient) -> None:
    page = client.get("/no-such-page", headers={"Accept-Language": "fr"})
    assert page.status_code == 404 and "Page introuvable" in page.text
    api = client.get("/api/v1/no-such-route")
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


def test_sign_up_records_the_privacy_notice_and_signs_in(client: TestClient, graph: Graph) -> None:
    token = csrf(client, "/signup")
    form = {"csrf_token": token, "email": "Amal@Example.ma", "password": PASSWORD, "role": "youth"}
    refused = client.post("/signup", data=form, headers={"Accept-Language": "fr"})
    assert refused.status_code == 422
    assert "Acceptez la notice de confidentialité" in refused.text
    assert 'href="#privacy"' in refused.text  # the error summary links to the field
    assert graph.read(graph_users.user_by_email, "amal@example.ma") is None

    created = client.post("/signup", data=form | {"privacy": "yes"}, follow_redirects=False)
    assert created.status_code == 303 and created.headers["location"] == "/me"
    stored = graph.read(graph_users.user_by_email, "amal@example.ma")
    assert stored is not None and stored.privacy_accepted_at is not None
    assert stored.privacy_notice_version == client.app.state.settings.privacy_notice_version
    cookie = created.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
    assert client.get("/me/about").status_code == 200


def test_sign_in_with_a_wrong_password_says_so_in_the_page_language(client: TestClient) -> None:
    sign_up(client, "karim@example.ma", "mentor")
    client.cookies.clear()
    token = csrf(client, "/login")
    wrong = client.post(
        "/login",
        data={"csrf_token": token, "email": "karim@example.ma", "password": "not it at all"},
        headers={"Accept-Language": "ar"},
    )
    assert wrong.status_code == 401 and "البريد الإلكتروني أو كلمة المرور غير صحيحة" in wrong.text
    right = client.post(
        "/login",
        data={"csrf_token": token, "email": "karim@example.ma", "password": PASSWORD},
        follow_redirects=False,
    )
    assert right.status_code == 303
    assert client.get("/me/about", follow_redirects=False).status_code == 200


@pytest.mark.parametrize(
    ("role", "landing"), [(Role.STAFF, "/staff"), (Role.YOUTH, "/suggestions")]
)
def test_signing_in_lands_staff_on_the_console_and_others_on_their_suggestions(
    client: TestClient, graph: Graph, role: Role, landing: str
) -> None:
    accounts.create_account(graph, email="someone@example.ma", password=PASSWORD, role=role)
    token = csrf(client, "/login")
    form = {"csrf_token": token, "email": "someone@example.ma", "password": PASSWORD}
    answer = client.post("/login", data=form, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == landing
    assert client.get(landing).status_code == 200


def test_error_pages_keep_the_signed_in_menu_and_lead_back_to_ones_own_page(
    client: TestClient, graph: Graph
) -> None:
    sign_up(client, "salma@example.ma")
    refused = client.get("/staff", headers={"Accept-Language": "fr"})
    assert refused.status_code == 403
    assert "Votre compte ne peut pas ouvrir cette page" in refused.text
    assert 'action="/logout"' in refused.text and 'href="/login"' not in refused.text
    assert 'href="/suggestions">Aller à vos suggestions' in refused.text
    client.cookies.clear()
    accounts.create_account(graph, email="staff@example.ma", password=PASSWORD, role=Role.STAFF)
    token = csrf(client, "/login")
    form = {"csrf_token": token, "email": "staff@example.ma", "password": PASSWORD}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    missing = client.get("/events/ev-nope", headers={"Accept-Language": "fr"})
    assert missing.status_code == 404 and 'action="/logout"' in missing.text
    assert 'href="/staff">Aller à l’espace équipe' in missing.text


def test_pages_need_a_session_and_forms_need_their_csrf_token(client: TestClient) -> None:
    anonymous = client.get("/suggestions", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    sign_up(client, "salma@example.ma")
    refused = client.post("/me/about", data={"name": "Salma"}, headers={"Accept-Language": "fr"})
    assert refused.status_code == 403 and "Ce formulaire a expiré" in refused.text
    forged = client.post("/me/about", data={"name": "Salma", "csrf_token": "forged"})
    assert forged.status_code == 403


def test_a_script_in_a_bio_shows_as_text(client: TestClient) -> None:
    sign_up(client, "salma@example.ma")
    token = csrf(client, "/me/about")
    bio = '<script>alert("x")</script> soudure'
    saved = client.post(
        "/me/about",
        data={"csrf_token": token, "name": "Salma", "bio": bio, "languages": ["ary", "fr"]},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    for path in ("/me", "/me/about"):
        page = client.get(path).text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; soudure" in page
        assert "<script>" not in page


def test_not_for_me_says_what_it_hid_and_undo_brings_the_suggestion_back(
    client: TestClient, graph: Graph
) -> None:
    factories.store(graph, factories.mentor("m-1", name="Karim Alaoui"))
    sign_up(client, "salma@example.ma")
    token = csrf(client, "/me/about")
    viewer = described_youth(client, graph, token, "comptabilité de coopérative")
    pair = {"csrf_token": token, "viewer_id": viewer, "target_id": "m-1", "kind": "mentors"}
    french = {"Accept-Language": "fr"}
    assert "Karim Alaoui" in client.get("/suggestions?tab=mentors", headers=french).text

    hidden = client.post("/suggestions/dismiss", data=pair, headers=french)
    assert hidden.status_code == 200 and hidden.url.path == "/suggestions"
    assert "Karim Alaoui</bdi> n’apparaît plus dans vos suggestions" in hidden.text
    undo = re.search(r'<form method="post" action="/suggestions/undo".*?</form>', hidden.text, re.S)
    assert undo and 'name="csrf_token"' in undo.group(0) and 'value="m-1"' in undo.group(0)
    assert "Not for me" not in hidden.text and hidden.text.count("Karim Alaoui") == 2  # + Undo
    assert dismissed(graph) == 1

    back = client.post("/suggestions/undo", data=pair, headers=french)
    assert back.status_code == 200 and "Karim Alaoui</bdi> est de retour" in back.text
    assert dismissed(graph) == 0
    assert "Pas pour moi : Karim Alaoui" in back.text  # its card again
    assert client.post("/suggestions/undo", data=pair).status_code == 200  # twice: no error
    refused = client.post("/suggestions/undo", data=pair | {"csrf_token": "forged"})
    assert refused.status_code == 403


def dismissed(graph: Graph) -> int:
    query = "MATCH (e:MatchEvent {event: 'dismissed'}) RETURN count(e)"
    return int(graph.read(lambda tx: tx.run(query).single(strict=True)[0]))


def test_profile_errors_are_beside_their_fields_in_the_page_language(client: TestClient) -> None:
    sign_up(client, "salma@example.ma")
    token = csrf(client, "/me/about")
    form = {"csrf_token": token, "name": "", "birth_year": "1950", "phone": "12"}
    answer = client.post("/me/about", data=form, headers={"Accept-Language": "fr"})
    assert answer.status_code == 422
    assert 'id="name-error"' in answer.text and "Renseignez cette information" in answer.text
    assert 'id="phone-error"' in answer.text and 'href="#phone"' in answer.text


def test_sign_in_is_throttled_with_a_429_page(client: TestClient) -> None:
    token = csrf(client, "/login")
    form = {"csrf_token": token, "email": "nobody@example.ma", "password": "wrong password"}
    codes = [client.post("/login", data=form).status_code for _ in range(12)]
    assert codes[:10] == [401] * 10 and codes[-1] == 429
    page = client.post("/login", data=form, headers={"Accept-Language": "fr"})
    assert page.status_code == 429 and "Trop de tentatives" in page.text
    assert page.headers["retry-after"]


def test_a_password_reset_link_works_once(
    client: TestClient, graph: Graph, caplog: pytest.LogCaptureFixture
) -> None:
    sign_up(client, "salma@example.ma")
    client.cookies.clear()
    token = csrf(client, "/password-reset")
    with caplog.at_level("WARNING", logger="multaqa.accounts"):
        sent = client.post(
            "/password-reset", data={"csrf_token": token, "email": "salma@example.ma"}
        )
        unknown = client.post(
            "/password-reset", data={"csrf_token": token, "email": "who@example.ma"}
        )
    assert sent.status_code == unknown.status_code == 200
    assert sent.text.count("panel") == unknown.text.count("panel")  # the same answer
    links = re.findall(r"(/password-reset/[\w.\-]+)", caplog.text)
    assert len(links) == 1
    form = {"csrf_token": csrf(client, links[0]), "password": "a brand new password"}
    assert client.post(links[0], data=form, follow_redirects=False).status_code == 303
    client.cookies.clear()
    form["csrf_token"] = csrf(client, links[0])
    assert client.post(links[0], data=form).status_code == 400  # used: dead
    client.cookies.clear()
    token = csrf(client, "/login")
    signed = client.post(
        "/login",
        data={"csrf_token": token, "email": "salma@example.ma", "password": "a brand new password"},
        follow_redirects=False,
    )
    assert signed.status_code == 303


def test_skill_suggestions_come_from_esco_names_in_the_page_language(
    client: TestClient, graph: Graph
) -> None:
    graph.write(
        lambda tx: tx.run(
            "UNWIND $rows AS row CREATE (s:Skill:EscoSkill) SET s = row",
            rows=[
                {
                    "id": "1",
                    "key": "esco:1",
                    "name_fr": "couture à la main",
                    "name_en": "sew by hand",
                },
                {"id": "2", "key": "esco:2", "name_fr": "coudre", "name_en": "sewing"},
                {"id": "3", "key": "esco:3", "name_fr": "comptabilité", "name_en": "accounting"},
            ],
        ).consume()
    )
    assert client.get("/skills/suggest?q=cou", follow_redirects=False).status_code == 303
    sign_up(client, "salma@example.ma")
    french = client.get(
        "/skills/suggest", params={"q": "soudure, COU"}, headers={"Accept-Language": "fr"}
    )
    assert french.json() == ["coudre", "couture à la main"]
    english = client.get("/skills/suggest", params={"q": "sew"}, headers={"Accept-Language": "en"})
    assert english.json() == ["sewing", "sew by hand"]  # shortest first
    assert client.get("/skills/suggest", params={"q": "c"}).json() == []
    # Typed in Arabic letters: the lexicon's words (ESCO has no Arabic skill names).
    arabic = client.get(
        "/skills/suggest", params={"q": "طبخ، خيا"}, headers={"Accept-Language": "ar"}
    )
    assert arabic.json()[:2] == ["خياط", "خياطة"] and "الخياطة" not in arabic.json()
    # As people write it: ta marbuta as ha, the article typed or not.
    for typed in ("خياطه", "الخيا"):
        found = client.get("/skills/suggest", params={"q": typed}).json()
        assert "خياطة" in found, typed


def sign_in_page(client: TestClient, email: str) -> str:
    """Sign an existing account in on the pages; the new session's CSRF token."""
    client.cookies.clear()
    form = {"csrf_token": csrf(client, "/login"), "email": email, "password": PASSWORD}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    return csrf(client, "/me/about")


def test_an_organisation_invites_a_candidate_to_apply_and_the_youth_sees_the_invitation(
    client: TestClient, graph: Graph
) -> None:
    factories.store(
        graph,
        factories.organization("o-1", name="Coopérative Atlas"),
        factories.job_offer("j-1", title="Développeuse web junior"),
    )
    accounts.create_account(graph, email="salma@example.ma", password=PASSWORD, role=Role.YOUTH)
    a_member_of_o1(graph)
    token = sign_in_page(client, "salma@example.ma")
    youth = described_youth(client, graph, token, "développement web, HTML, stage")

    token = sign_in_page(client, "coop@example.ma")
    french = {"Accept-Language": "fr"}
    candidates = "/suggestions?tab=candidates&offer=j-1"
    page = client.get(candidates, headers=french).text
    assert 'Candidats pour « <bdi dir="auto">Développeuse web junior</bdi> »' in page
    form = re.search(r'<form method="post" action="/introductions".*?</form>', page, re.S)
    assert form and "Inviter Salma à postuler" in form.group(0), page
    assert 'name="from_id" value="j-1"' in form.group(0) and f'value="{youth}"' in form.group(0)
    assert 'value="/suggestions?tab=candidates&amp;offer=j-1"' in form.group(0)
    assert 'maxlength="1000"' in form.group(0)  # the browser stops at what is kept
    invite = {"csrf_token": token, "from_id": "j-1", "to_id": youth, "back": candidates}
    sent = client.post("/introductions", data=invite | {"message": "Venez"}, headers=french)
    assert sent.url.path == "/introductions" and "Votre demande est envoyée" in sent.text
    assert "Invitation à postuler à l’offre" in sent.text and "Salma" in sent.text
    again = client.post("/introductions", data=invite, headers=french)  # asked once is enough
    assert again.url.path == "/suggestions" and again.url.query == b"tab=candidates&offer=j-1"
    assert "La demande n’a pas pu être envoyée" in again.text and "Inviter Salma" not in again.text
    for elsewhere in ("//evil.example/x", "/\\evil.example", "https://evil.example"):
        refused = invite | {"back": elsewhere}
        away = client.post("/introductions", data=refused, follow_redirects=False)
        assert away.headers["location"] == "/suggestions", elsewhere  # never another site

    sign_in_page(client, "salma@example.ma")
    mine = client.get("/introductions", headers={"Accept-Language": "ar"}).text
    assert "Coopérative Atlas" in mine and "Venez" in mine
    title = '<a href="/offers/j-1"><bdi dir="auto">Développeuse web junior</bdi></a>'
    assert f"دعوة لك إلى الترشّح لعرض «{title}»" in mine
    assert re.search(r'action="/introductions/i-[0-9a-f]+/accept"', mine)
