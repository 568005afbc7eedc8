"""Free text meets offers on the real Neo4j: occupation links, lexical candidates, reasons."""

from __future__ import annotations

from typing import Any

import pytest

from graph import occupation_links as graph_links
from graph import recommend as graph_recommend
from matcher.encoders import load_encoder
from matcher.kinds import SuggestionKind as K
from matcher.lexical import keys_text
from matcher.weights import default_rankers
from services import embeddings, esco, importer, recommendations, skill_links
from services.access import SYSTEM
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

WELDER = "7aedaa07-3884-4c5b-88f9-80997b2aa54b"


@pytest.fixture(scope="module")
def encoder():  # noqa: ANN201 - the Encoder protocol
    return load_encoder("use-multilingual-v3")


def load(graph: Graph, settings: Settings, encoder: Any, records: list[dict[str, Any]]) -> None:
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors, errors
    importer.write_records([v.record for v in valid], graph, settings)
    embeddings.embed_stale_records(graph, encoder)


def offer(record_id: str, title: str, description: str) -> dict[str, Any]:
    return factories.job_offer(
        record_id,
        title=title,
        description=description,
        required_skills=[],
        languages=[],
        location={"commune": "Khouribga"},
    )


def test_a_darija_profile_is_linked_to_its_occupation_and_gets_that_offer_first_with_it_said(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    esco.load_esco(graph)
    youth = factories.youth(
        "y-da",
        bio="بغيت نخدم سودور، عندي التجربة ف الورشة",
        skills=[],
        interests=[],
        project=None,
        location={"commune": "Khouribga"},
    )
    records = [
        factories.organization("o-1"),
        youth,
        offer("j-weld", "Soudeur qualifié", "Atelier de chaudronnerie à Khouribga."),
        offer("j-care", "Aide-soignante", "Clinique de Khouribga, soins aux patients."),
        offer("j-web", "Développeur web junior", "Agence numérique, sites et applications."),
        offer("j-cook", "Commis de cuisine", "Restaurant du centre, préparation des plats."),
    ]
    load(graph, settings, encoder, records)
    assert skill_links.link_new_occupations(graph, encoder) == 5
    assert skill_links.link_new_occupations(graph, encoder) == 0  # only what changed

    links = graph.read(graph_links.links_of, "y-da")
    assert links[0].occupation_id == WELDER and links[0].weight == 1.0
    assert graph.read(graph_links.links_of, "j-weld")[0].occupation_id == WELDER

    result = recommendations.recommend(
        graph, SYSTEM, K.JOBS, "y-da", rankers=default_rankers(), settings=settings, lang="fr"
    )
    assert result.items[0].id == "j-weld"
    assert result.items[0].reasons[0].startswith("le métier que vous décrivez : soudeur")


def test_darija_in_latin_letters_finds_an_offer_written_in_arabic_letters_by_its_words(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    records = [
        factories.organization("o-1"),
        offer("j-ar", "مطلوب سودور", "ورشة ف خريبكة"),
        offer("j-fr", "Couturière qualifiée", "Atelier de couture"),
    ]
    load(graph, settings, encoder, records)
    query = keys_text("bghit nkhdem soudor")
    found = graph.read(graph_recommend.lexical_candidates, "job_offer", query, 10)
    assert [record_id for record_id, _ in found] == ["j-ar"]
