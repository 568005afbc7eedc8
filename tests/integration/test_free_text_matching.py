"""Free text meets offers on the real Neo4j: occupation links, lexical candidates, reasons."""

from __future__ import annotations

from typing import Any

import pytest

from graph import occupation_details, schema
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


def bio_only(record_id: str, bio: str, **overrides: Any) -> dict[str, Any]:
    """A youth who wrote a sentence about herself and nothing else, as most do."""
    return factories.youth(record_id, bio=bio, skills=[], interests=[], project=None, **overrides)


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
    youth = bio_only(
        "y-da", "بغيت نخدم سودور، عندي التجربة ف الورشة", location={"commune": "Khouribga"}
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


def a_welder_and_a_welding_offer(graph: Graph, settings: Settings, encoder: Any) -> None:
    """y-da writes "I want to work as a welder"; a metalworks (o-1) posts a welder's offer."""
    esco.load_esco(graph)
    youth = bio_only("y-da", "بغيت نخدم سودور")
    welding = factories.organization("o-1", sectors=["métallurgie"])
    load(graph, settings, encoder, [welding, youth, offer("j-weld", "Soudeur qualifié", "")])
    skill_links.link_new_occupations(graph, encoder)


# A database from before issue 14: youths' links were LIKELY_OCCUPATION like everyone's, and
# where an occupation is found was FOUND_IN relationships.
OLD_SHAPE = """
MATCH (n:Youth)-[new:SEEKS_OCCUPATION]->(o)
CREATE (n)-[old:LIKELY_OCCUPATION]->(o) SET old = properties(new) DELETE new
WITH count(*) AS retyped
MATCH (o:Occupation) WHERE o.found_in_keys IS NOT NULL
UNWIND range(0, size(o.found_in_keys) - 1) AS i
MATCH (s:Sector {key: o.found_in_keys[i]})
CREATE (o)-[:FOUND_IN {weight: o.found_in_weights[i]}]->(s)
REMOVE o.found_in_keys, o.found_in_names, o.found_in_weights
WITH count(*) AS moved
MATCH (v:OccupationDetails) DELETE v
"""


def test_a_youth_meets_the_sectors_and_offers_of_the_occupation_it_names_also_in_old_data(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    a_welder_and_a_welding_offer(graph, settings, encoder)

    def seen() -> tuple[Any, ...]:
        viewer = graph.read(graph_recommend.viewer_facts, "y-da")
        assert viewer is not None
        found = graph.read(graph_recommend.occupation_candidates, K.JOBS, "y-da", 10)
        return viewer.profile.linked_occupations, viewer.profile.occupation_sectors, found

    linked, sectors, found = seen()
    assert linked[0].id == WELDER
    # Where welders are found, and the sector the lexicon places the welder's trade in.
    assert [(s.key, s.weight) for s in sectors] == [("métallurgie", 1.0), ("sector:phosphate", 1.0)]
    assert [record_id for record_id, _ in found] == ["j-weld"]

    graph.driver.execute_query(OLD_SHAPE, database_=graph.database)
    assert [s.key for s in seen()[1]] == ["sector:phosphate"]  # the old shape is not read...
    schema.migrate(graph.driver, database=graph.database)
    assert seen() == (linked, sectors, found)  # ...until migrated
    # The occupation source walks LIKELY_OCCUPATION back to offers and mentors only.
    records, _, _ = graph.driver.execute_query(
        "MATCH (:Youth)-[r:LIKELY_OCCUPATION]->() RETURN count(r) AS n", database_=graph.database
    )
    assert records[0]["n"] == 0


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


def test_a_youth_who_names_a_sector_gets_its_offers_first_when_no_offer_names_her_trade(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    esco.load_esco(graph)
    bio = "bghit ndkhol l ocp wla chi charika kbira, 3ndi bac+2 f mecanique"
    youth = bio_only("y-ocp", bio, location={"commune": "Khouribga"})
    mining = factories.organization("o-mine", sectors=["services liés au phosphate"])
    digital = factories.organization("o-web", sectors=["numérique"])
    records = [
        mining,
        digital,
        youth,
        offer("j-guard", "Agent de sécurité", "Surveillance d'un site de la région.")
        | {"organization_id": "o-mine"},
        offer("j-web", "Technicien informatique", "Maintenance du parc de l'agence.")
        | {"organization_id": "o-web"},
    ]
    load(graph, settings, encoder, records)
    skill_links.link_new_occupations(graph, encoder)

    viewer = graph.read(graph_recommend.viewer_facts, "y-ocp")
    assert viewer is not None
    assert ("sector:phosphate", 1.0) in [
        (s.key, s.weight) for s in viewer.profile.occupation_sectors
    ]
    result = recommendations.recommend(
        graph, SYSTEM, K.JOBS, "y-ocp", rankers=default_rankers(), settings=settings, lang="fr"
    )
    assert result.items[0].id == "j-guard"
    assert "secteur du métier que vous décrivez : services liés au phosphate" in " ".join(
        result.items[0].reasons
    )


def test_where_an_occupation_is_found_is_kept_in_the_process_until_it_changes(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    a_welder_and_a_welding_offer(graph, settings, encoder)

    def found_in() -> list[str]:
        viewer = graph.read(graph_recommend.viewer_facts, "y-da")
        assert viewer is not None
        return sorted(s.key for s in viewer.profile.occupation_sectors)

    assert found_in() == ["métallurgie", "sector:phosphate"]
    assert found_in() == ["métallurgie", "sector:phosphate"]  # kept, as read

    # A shipyard posts welders too: welders are now found in its sector as well.
    shipyard = factories.organization("o-2", sectors=["chantier naval"])
    second = offer("j-ship", "Soudeur", "") | {"organization_id": "o-2"}
    load(graph, settings, encoder, [shipyard, second])
    skill_links.link_new_occupations(graph, encoder)
    now = ["chantier naval", "métallurgie", "sector:phosphate"]
    assert found_in() == now
    occupation_details.KEEP = False
    try:
        assert found_in() == now  # the same as the store's
    finally:
        occupation_details.KEEP = True
