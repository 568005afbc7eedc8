"""The audit's findings (issue 13), each kept fixed by a test that failed before the fix."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jwt
import pytest
import redis
from fastapi.testclient import TestClient

from api.main import create_app
from graph import records as graph_records
from graph import users as graph_users
from graph.driver import IdInUse
from models.records import RECORD_ADAPTER, Record, RecordType
from models.user import Role
from services import accounts, importer
from services.db import Graph
from services.settings import RateLimits, Settings
from tests import factories
from tests.conftest import TEST_JWT_SECRET
from tests.processes import redis_server

pytestmark = pytest.mark.neo4j

PASSWORD = "a long enough passphrase"
OLD_CODE_SECRET = "change-me-this-secret-is-for-development-only"
CONSENT = {"privacy_notice_version": "2026-12"}


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    return factories.sign_in(client, email, password)


def sign_in_new(client: TestClient, email: str, role: str = "youth") -> dict[str, str]:
    return factories.register(client, email, role, PASSWORD)


def youth_record(record_id: str) -> Record:
    return RECORD_ADAPTER.validate_python({"type": "youth", "id": record_id, "name": "A"})


def account(graph: Graph, email: str, role: Role = Role.YOUTH) -> str:
    return accounts.create_account(graph, email=email, password=PASSWORD, role=role).id


# Finding 6: secrets and revocation.


def test_a_development_server_refuses_a_token_signed_with_a_secret_from_the_code(
    settings: Settings, graph: Graph, tmp_path: Path
) -> None:
    admin_id = account(graph, "admin@multaqa.ma", Role.ADMIN)
    development = Settings(
        env="development",
        neo4j_uri=settings.neo4j_uri,
        neo4j_password=settings.neo4j_password,
        state_dir=tmp_path,
    )
    now = dt.datetime.now(dt.UTC)
    claims = {"sub": admin_id, "role": "admin", "ver": 0, "iat": now,
              "exp": now + dt.timedelta(days=3650)}  # fmt: skip
    with TestClient(create_app(development, graph)) as client:
        for secret in (OLD_CODE_SECRET, TEST_JWT_SECRET):
            forged = jwt.encode(claims, secret, algorithm="HS256")
            me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {forged}"})
            assert me.status_code == 401
        assert client.get("/api/v1/auth/me", headers=sign_in(client, "admin@multaqa.ma")).is_success


def test_sign_out_revokes_every_token_of_the_account(client: TestClient, graph: Graph) -> None:
    account(graph, "youth@example.ma")
    first, second = sign_in(client, "youth@example.ma"), sign_in(client, "youth@example.ma")
    assert client.post("/api/v1/auth/logout", headers=first).status_code == 204
    assert client.get("/api/v1/auth/me", headers=second).status_code == 401
    fresh = sign_in(client, "youth@example.ma")
    assert client.get("/api/v1/auth/me", headers=fresh).status_code == 200


def test_staff_revoke_the_tokens_of_an_account(client: TestClient, graph: Graph) -> None:
    youth_id = account(graph, "youth@example.ma")
    account(graph, "staff@multaqa.ma", Role.STAFF)
    youth, staff = sign_in(client, "youth@example.ma"), sign_in(client, "staff@multaqa.ma")
    assert client.post(f"/api/v1/auth/users/{youth_id}/revoke", headers=youth).status_code == 403
    assert client.post(f"/api/v1/auth/users/{youth_id}/revoke", headers=staff).status_code == 204
    assert client.get("/api/v1/auth/me", headers=youth).status_code == 401


# Finding 2: body caps before parsing; a 422 never echoes the input.


def test_a_body_past_the_cap_is_refused_before_it_is_parsed(client: TestClient) -> None:
    keys = {f"k{i}": "v" for i in range(300_000)}  # about 6.5 MB
    response = client.post("/api/v1/auth/register", json=keys)
    assert response.status_code == 413 and len(response.content) < 200


def test_a_chunked_body_past_the_cap_is_refused_too(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"email": "a@example.ma", "password": "'
        for _ in range(2000):
            yield b"x" * 1000
        yield b'"}'

    response = client.post(
        "/api/v1/auth/register", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_a_validation_error_echoes_at_most_a_short_excerpt(client: TestClient) -> None:
    keys = {f"unknown-key-{i}": "v" * 5 for i in range(30_000)}  # under the cap, 30,000 errors
    many = client.post("/api/v1/auth/register", json=keys)
    assert many.status_code == 422 and len(many.content) < 5000
    assert len(many.json()["detail"]) <= 20
    bio = "b" * 900_000
    headers = sign_in_new(client, "bio@example.ma")
    long_bio = client.post("/api/v1/youths", json={"name": "Amina", "bio": bio}, headers=headers)
    assert long_bio.status_code == 422 and len(long_bio.content) < 2000


# Finding 8: input hygiene through the API (the rules themselves: tests/unit/test_hygiene.py).


def test_a_lone_surrogate_is_a_422_naming_the_field_not_a_500(client: TestClient) -> None:
    body = json.dumps({"email": "a\ud800@x.org", "password": PASSWORD} | CONSENT)  # "\\ud800"
    refused = client.post(
        "/api/v1/auth/register", content=body, headers={"content-type": "application/json"}
    )
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "email"]


def test_invisible_names_are_refused_and_look_alikes_lose_their_invisible_characters(
    client: TestClient,
) -> None:
    headers = sign_in_new(client, "youth@example.ma")
    for name in ("\u200b\u200b", "Amina\x00", "\u202eanimA"):
        refused = client.post("/api/v1/youths", json={"name": name}, headers=headers)
        assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "name"
    created = client.post("/api/v1/youths", json={"name": "Mentor AuditA\u200b"}, headers=headers)
    assert created.status_code == 201 and created.json()["name"] == "Mentor AuditA"


# Finding 9: exposure by design.


def test_anonymous_health_shows_no_record_counts(client: TestClient, graph: Graph) -> None:
    assert client.get("/health").json() == {"status": "ok", "neo4j": "up", "schema_version": 1}


@pytest.mark.parametrize(
    "path", ["/health", "/api/v1/youths", "/api/v1/nowhere", "/docs", "/", "/login"]
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp or path == "/docs"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in headers  # HTTPS only, in production
    assert "server" not in headers


def test_production_serves_no_docs_and_sends_hsts(settings: Settings, graph: Graph) -> None:
    production = settings.model_copy(update={"env": "production"})
    client = TestClient(create_app(production, graph))  # no lifespan needed for these
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404
    assert "max-age" in client.get("/docs").headers["strict-transport-security"]


def test_only_staff_list_every_youth(client: TestClient, graph: Graph) -> None:
    account(graph, "staff@multaqa.ma", Role.STAFF)
    staff = sign_in(client, "staff@multaqa.ma")
    for number in range(3):
        body = {"name": f"Youth {number}", "email": f"y{number}@example.ma"}
        assert client.post("/api/v1/youths", json=body, headers=staff).status_code == 201
    youth = sign_in_new(client, "youth@example.ma")
    own = client.post("/api/v1/youths", json={"name": "Own"}, headers=youth).json()
    mentor = sign_in_new(client, "mentor@example.ma", role="mentor")
    assert client.get("/api/v1/youths", headers=staff).json()["total"] == 4
    assert client.get("/api/v1/youths", headers=mentor).json()["total"] == 0
    listed = client.get("/api/v1/youths", headers=sign_in(client, "youth@example.ma")).json()
    assert [item["id"] for item in listed["items"]] == [own["id"]]


# Finding 1: ownership an import cannot hand over.


def test_a_self_service_profile_gets_a_server_chosen_id(client: TestClient) -> None:
    youth = sign_in_new(client, "youth@example.ma")
    squat = client.post("/api/v1/youths", json={"id": "y-900001", "name": "A"}, headers=youth)
    assert squat.status_code == 422 and squat.json()["detail"][0]["loc"][-1] == "id"
    created = client.post("/api/v1/youths", json={"name": "Amina"}, headers=youth).json()
    assert re.fullmatch(r"y-[0-9a-f]{32}", created["id"])


def test_an_import_refuses_a_line_whose_id_an_account_owns(
    client: TestClient, graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    youth = sign_in_new(client, "youth@example.ma")
    own_id = client.post("/api/v1/youths", json={"name": "Amina"}, headers=youth).json()["id"]
    path = tmp_path / "youths.jsonl"
    line = {"type": "youth", "id": own_id, "name": "Real Person", "email": "real@example.ma"}
    path.write_text(json.dumps(line) + "\n", "utf-8")
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_files(graph, [path], settings)
    [error] = rejected.value.errors
    assert (error.line, error.field) == (1, "id") and "account" in error.message
    mine = client.get(f"/api/v1/youths/{own_id}", headers=youth).json()
    assert mine["name"] == "Amina" and mine.get("email") is None


def test_the_graph_refuses_a_second_profile_for_one_account(graph: Graph) -> None:
    user_id = account(graph, "youth@example.ma")
    for profile_id in ("y-a", "y-b"):
        graph.write(graph_records.write_rows, [graph_records.to_row(youth_record(profile_id))])
    graph.write(graph_users.link_owner, user_id=user_id, profile_id="y-a")
    with pytest.raises(IdInUse):  # the driver's ConstraintError, as services.db names it
        graph.write(graph_users.link_owner, user_id=user_id, profile_id="y-b")


# Finding 7: six parallel POST /youths with one new youth's token make one profile.


def test_six_parallel_creates_with_one_token_make_one_profile(
    client: TestClient, graph: Graph
) -> None:
    headers = sign_in_new(client, "youth@example.ma")

    def create(number: int) -> int:
        body = {"name": f"Amina {number}"}
        return client.post("/api/v1/youths", json=body, headers=headers).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = sorted(pool.map(create, range(6)))
    assert codes.count(201) == 1 and set(codes) <= {201, 403, 409}, codes
    youths = graph.read(graph_records.list_ids, RecordType.YOUTH, limit=10, offset=0)
    assert youths[0] == 1


# Finding 3: throttling, sign-up that tells nothing, weak passwords.


def test_repeated_wrong_passwords_are_throttled_with_retry_after(
    client: TestClient, graph: Graph
) -> None:
    account(graph, "youth@example.ma")
    form = {"username": "youth@example.ma", "password": "wrong password 123"}
    codes = [client.post("/api/v1/auth/token", data=form).status_code for _ in range(12)]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]
    throttled = client.post("/api/v1/auth/token", data=form | {"password": PASSWORD})
    assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) > 0


def test_sign_ups_from_one_address_are_throttled(client: TestClient) -> None:
    codes = []
    for number in range(11):
        body = {"email": f"y{number}@example.ma", "password": PASSWORD} | CONSENT
        codes.append(client.post("/api/v1/auth/register", json=body).status_code)
    assert codes == [201] * 10 + [429]


def test_sign_up_does_not_tell_whether_an_email_has_an_account(client: TestClient) -> None:
    body = {"email": "taken@example.ma", "password": PASSWORD} | CONSENT
    first = client.post("/api/v1/auth/register", json=body)
    again = client.post("/api/v1/auth/register", json=body | {"password": "another passphrase"})
    assert first.status_code == again.status_code == 201
    assert first.json().keys() == again.json().keys()
    assert again.json()["email"] == "taken@example.ma" and again.json()["id"] != first.json()["id"]
    assert sign_in(client, "taken@example.ma")  # the first password still holds


@pytest.mark.parametrize("password", ["aaaaaaaaaa", "azertyuiop", "Password123!", "1234567890"])
def test_short_repetitive_or_common_passwords_are_refused(
    client: TestClient, password: str
) -> None:
    body = {"email": "y@example.ma", "password": password} | CONSENT
    refused = client.post("/api/v1/auth/register", json=body)
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "password"]


def test_introduction_requests_and_recommendations_are_throttled_per_account(
    settings: Settings, graph: Graph
) -> None:
    tight = RateLimits(introductions_per_account="2/hour", recommendations_per_account="2/minute")
    with TestClient(create_app(settings.model_copy(update={"rate_limits": tight}), graph)) as c:
        headers = sign_in_new(c, "youth@example.ma")
        codes = [c.post("/api/v1/introductions", json={}, headers=headers) for _ in range(3)]
        assert [r.status_code for r in codes] == [422, 422, 429]
        assert int(codes[-1].headers["retry-after"]) > 0
        asks = [c.get("/api/v1/recommendations/mentors?for=y-x", headers=headers) for _ in range(3)]
        assert asks[-1].status_code == 429 and asks[0].status_code != 429
        other = sign_in_new(c, "other@example.ma")  # another account is not slowed down
        assert c.post("/api/v1/introductions", json={}, headers=other).status_code == 422


def test_the_api_keeps_serving_and_throttling_when_redis_stops(
    settings: Settings, graph: Graph, tmp_path: Path
) -> None:
    account(graph, "youth@example.ma")
    with redis_server(tmp_path) as url:
        with_redis = settings.model_copy(update={"redis_url": url})
        client = TestClient(create_app(with_redis, graph))
        with client:
            assert client.get("/api/v1/auth/me", headers=sign_in(client, "youth@example.ma"))
            keys = redis.Redis.from_url(url).keys("*multaqa-limits*")
            assert keys  # the counts live in Redis while it runs
    # Redis is stopped now: sign-in still answers, and wrong passwords are still counted.
    with client:
        assert client.get("/api/v1/auth/me", headers=sign_in(client, "youth@example.ma"))
        form = {"username": "youth@example.ma", "password": "wrong password 123"}
        codes = [client.post("/api/v1/auth/token", data=form).status_code for _ in range(11)]
        assert codes[-1] == 429 and set(codes[:10]) == {401}
