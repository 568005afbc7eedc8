"""Recommendations end to end on the real Neo4j: embeddings, candidates, rules, API, access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph import embeddings as graph_embeddings
from matcher.encoders import load_encoder
from matcher.kinds import SuggestionKind as K
from matcher.weights import default_rankers
from models.user import Role
from services import embeddings, importer, recommendations
from services.access import SYSTEM
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def encoder():  # noqa: ANN201 - the Encoder protocol
    return load_encoder("use-multilingual-v3")


def imported(graph: Graph, settings: Settings, records: list[dict[str, Any]]) -> None:
    """Import `records` as a file would be (not embedded yet)."""
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors, errors
    importer.write_records([v.record for v in valid], graph, settings)


def load(graph: Graph, settings: Settings, encoder: Any, records: list[dict[str, Any]]) -> None:
    imported(graph, settings, records)
    embeddings.embed_stale_records(graph, encoder)


def offer(
    record_id: str, title: str, skills: list[str], description: str, **extra: Any
) -> dict[str, Any]:
    return factories.job_offer(
        record_id,
        title=title,
        required_skills=skills,
        description=description,
        languages=["fr"],
        location={"commune": "Khouribga"},
        **extra,
    )


def test_an_arabic_profile_gets_the_french_offer_it_matches_above_unrelated_ones(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    youth = factories.youth(
        "y-ar",
        bio="أبحث عن عمل في تصميم وتطوير مواقع الويب، لدي خبرة في البرمجة",
        skills=["تصميم مواقع الويب", "البرمجة"],
        interests=["numérique"],
        languages=["ar", "fr"],
        location={"commune": "Khouribga"},
        project=None,
    )
    records = [
        factories.organization("o-1"),
        youth,
        offer(
            "j-web",
            "Développeur web junior",
            ["développement web", "programmation"],
            "Agence numérique cherche un développeur de sites web.",
        ),
        offer(
            "j-weld",
            "Soudeur qualifié",
            ["soudure", "lecture de plans"],
            "Atelier de maintenance cherche un soudeur.",
        ),
        offer(
            "j-cook",
            "Cuisinier",
            ["cuisine", "hygiène alimentaire"],
            "Restaurant cherche un cuisinier.",
        ),
        offer("j-sheep", "Berger", ["élevage ovin"], "Ferme cherche un berger pour le troupeau."),
    ]
    load(graph, settings, encoder, records)
    result = recommendations.recommend(
        graph,
        SYSTEM,
        K.JOBS,
        "y-ar",
        rankers=default_rankers(),
        settings=settings,
        encoder=encoder,
        k=4,
    )
    assert result.items[0].id == "j-web"


def test_cosines_from_the_kept_vectors_give_the_lists_neo4j_cosines_give(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    records = [
        factories.organization("o-1"),
        factories.youth("y-1", bio="Je cherche un emploi de soudeur ou de mécanicien."),
        offer("j-weld", "Soudeur", ["soudure"], "Atelier cherche un soudeur qualifié."),
        offer("j-cook", "Cuisinier", ["cuisine"], "Restaurant cherche un cuisinier."),
        offer("j-meca", "Mécanicien", ["mécanique"], "Garage cherche un mécanicien."),
        offer("j-web", "Développeur web", ["programmation"], "Agence cherche un développeur."),
    ]
    load(graph, settings, encoder, records)

    def listed(kept_vectors: int) -> list[tuple[str, float, list[str]]]:
        result = recommendations.recommend(
            graph,
            SYSTEM,
            K.JOBS,
            "y-1",
            rankers=default_rankers(),
            settings=settings.model_copy(update={"kept_vectors": kept_vectors}),
            k=4,
        )
        return [(item.id, item.score, item.reasons) for item in result.items]

    by_neo4j = listed(0)  # MULTAQA_KEPT_VECTORS=0: Neo4j computes every cosine
    assert len(by_neo4j) == 4
    assert listed(100) == by_neo4j
    assert listed(100) == by_neo4j  # the second time from the vectors kept


def test_records_not_embedded_yet_get_suggestions_from_the_graph(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    # Just imported, before the first embedding run: no vector index exists yet.
    for index in graph_embeddings.VectorIndex:
        graph.driver.execute_query(
            graph_embeddings.DROP_INDEX, name=index.value, database_=graph.database
        )
    records = [
        factories.organization("o-1"),
        factories.youth("y-1", skills=["soudure"], bio="Je cherche un emploi de soudeur."),
        offer("j-weld", "Soudeur", ["soudure"], "Atelier cherche un soudeur qualifié."),
    ]
    imported(graph, settings, records)
    result = recommendations.recommend(
        graph,
        SYSTEM,
        K.JOBS,
        "y-1",
        rankers=default_rankers(),
        settings=settings,
        encoder=encoder,
        k=4,
    )
    assert [item.id for item in result.items] == ["j-weld"]  # through the shared skill


def test_hard_rules_hold_on_the_real_graph(graph: Graph, settings: Settings, encoder: Any) -> None:
    expired = (TODAY - dt.timedelta(days=1)).isoformat()
    records = [
        factories.organization("o-1"),
        factories.youth("y-1", languages=["ar"]),
        factories.youth("y-old"),
        factories.youth("y-2", languages=["ar"], skills=["comptabilité"]),
        factories.mentor("m-full", capacity=0, languages=["ar"]),
        factories.mentor("m-nolang", languages=["en"]),
        factories.mentor("m-ok", languages=["ar"]),
        factories.job_offer(
            "j-expired",
            expires_on=expired,
            published_on=(TODAY - dt.timedelta(days=40)).isoformat(),
        ),
        factories.job_offer("j-open"),
    ]
    load(graph, settings, encoder, records)
    # Profiles age: one imported at 24 is 40 years later no longer a youth.
    graph.driver.execute_query(
        "MATCH (y:Youth {id: 'y-old'}) SET y.birth_year = $year",
        year=TODAY.year - 40,
        database_=graph.database,
    )
    rankers = default_rankers()

    def ids(kind: K, for_id: str) -> set[str]:
        result = recommendations.recommend(
            graph, SYSTEM, kind, for_id, rankers=rankers, settings=settings, encoder=encoder, k=20
        )
        return {item.id for item in result.items}

    assert ids(K.MENTORS, "y-1") == {"m-ok"}
    assert ids(K.JOBS, "y-1") == {"j-open"}
    assert "y-old" not in ids(K.PEERS, "y-1") and "y-1" not in ids(K.PEERS, "y-1")
    assert ids(K.MENTEES, "m-full") == set()
    assert ids(K.CANDIDATES, "j-expired") == set()


def test_a_declined_or_connected_pair_is_not_suggested_again(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    load(
        graph,
        settings,
        encoder,
        [factories.youth("y-1"), factories.mentor("m-1"), factories.mentor("m-2")],
    )
    graph.driver.execute_query(
        "MATCH (y:Youth {id:'y-1'}), (m:Mentor {id:'m-1'}) CREATE (y)-[:DECLINED]->(m)",
        database_=graph.database,
    )
    result = recommendations.recommend(
        graph,
        SYSTEM,
        K.MENTORS,
        "y-1",
        rankers=default_rankers(),
        settings=settings,
        encoder=encoder,
    )
    assert [item.id for item in result.items] == ["m-2"]


def test_the_api_returns_suggestions_with_reasons_to_their_owner_and_staff_only(
    client: TestClient, graph: Graph
) -> None:
    owner = factories.account(client, graph, "owner@example.ma", Role.YOUTH)
    own = factories.create_own(client, "youths", factories.youth(), owner)
    staff = factories.account(client, graph, "staff@multaqa.ma", Role.STAFF)
    mentor = factories.without_type(factories.mentor("m-1"))
    assert client.post("/api/v1/mentors", json=mentor, headers=staff).status_code == 201

    response = client.get(f"/api/v1/recommendations/mentors?for={own}&k=5&lang=en", headers=owner)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["for"] == own and body["kind"] == "mentors"
    [item] = body["items"]
    assert item["id"] == "m-1" and 1 <= len(item["reasons"]) <= 4
    # A fact of the match, in English (shared language, a hard rule of mentoring, adds nothing
    # to a mentor's score with the fitted weights, so it is not a reason).
    assert "knows your fields: comptabilité" in item["reasons"], item["reasons"]
    assert (
        client.get(f"/api/v1/recommendations/mentors?for={own}", headers=staff).status_code == 200
    )

    other = factories.account(client, graph, "other@example.ma", Role.YOUTH)
    assert (
        client.get(f"/api/v1/recommendations/mentors?for={own}", headers=other).status_code == 403
    )
    assert client.get(f"/api/v1/recommendations/mentors?for={own}").status_code == 401


def test_unknown_ids_and_kinds_are_clear_errors(client: TestClient, graph: Graph) -> None:
    staff = factories.account(client, graph, "staff@multaqa.ma", Role.STAFF)
    missing = client.get("/api/v1/recommendations/jobs?for=y-404", headers=staff)
    assert missing.status_code == 404 and "y-404" in missing.json()["detail"]
    unknown = client.get("/api/v1/recommendations/friends?for=y-1", headers=staff)
    assert unknown.status_code == 404 and "mentors" in unknown.json()["detail"]
    assert client.get("/api/v1/recommendations/jobs?for=y-1&k=51", headers=staff).status_code == 422
