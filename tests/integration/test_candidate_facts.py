"""The candidates' content kept in the process is what the store holds, after every change."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from graph import recommend as graph_recommend
from graph import records as graph_records
from graph import skill_links as graph_links
from graph.recommend import HashedFacts
from matcher.kinds import SuggestionKind
from services import candidate_facts, candidate_preload, esco, outcomes, privacy, skill_links
from services.access import SYSTEM
from services.candidate_facts import CandidateFacts
from services.db import Graph
from services.settings import Settings
from tests import factories
from tests.integration.test_free_text_matching import a_welder_and_a_welding_offer, encoder, load
from tests.integration.test_skill_occupations import OCCUPATIONS, write, write_taxonomy

pytestmark = pytest.mark.neo4j

__all__ = ["encoder"]  # the module fixture, shared

IDS = ["y-1", "m-1", "o-1", "j-1"]


@pytest.fixture
def contents_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids whose content is read from the store, as they are read."""
    read: list[str] = []
    original = graph_recommend.candidate_contents

    def counted(tx: Any, ids: list[str]) -> list[dict[str, Any]]:
        read.extend(ids)
        return original(tx, ids)

    monkeypatch.setattr(graph_recommend, "candidate_contents", counted)
    yield read


def as_read(graph: Graph, kept: CandidateFacts, ids: list[str]) -> dict[str, HashedFacts]:
    """The kept facts of `ids`, checked equal to the store's whole facts, by id."""
    found = graph.read(kept.hashed, ids)
    assert found == graph.read(graph_recommend.candidate_facts_hashed, ids)
    return {f.profile.id: f for f in found}


def records(graph: Graph, settings: Settings) -> None:
    write_taxonomy(graph, OCCUPATIONS)
    write(
        graph,
        settings,
        factories.youth("y-1", skills=["sqi", "taqlim"]),
        factories.mentor("m-1", skills=["taqlim"]),
        factories.organization("o-1", sectors=["agriculture"]),
        factories.job_offer("j-1", organization_id="o-1", required_skills=["sqi"]),
    )


def all_kept(graph: Graph, settings: Settings, contents_read: list[str]) -> CandidateFacts:
    """The records, each read once into a new `CandidateFacts`; the reads forgotten."""
    records(graph, settings)
    kept = CandidateFacts()
    as_read(graph, kept, IDS)
    assert sorted(contents_read) == sorted(IDS)
    contents_read.clear()
    return kept


def test_kept_content_is_read_once_and_again_after_each_change_of_it(
    graph: Graph, settings: Settings, contents_read: list[str]
) -> None:
    kept = all_kept(graph, settings, contents_read)
    as_read(graph, kept, IDS)
    assert contents_read == []  # all kept

    # A record's own content changes.
    write(graph, settings, factories.youth("y-1", skills=["sqi"], name="Salma B."))
    assert as_read(graph, kept, IDS)["y-1"].profile.name == "Salma B."
    assert contents_read == ["y-1"]

    # A written skill is linked to ESCO: the records with that skill change.
    contents_read.clear()
    graph.write(graph_links.link_terms_by_lexicon, [{"key": "sqi", "skills": ["s-irrigate"]}])
    found = as_read(graph, kept, IDS)
    assert sorted(contents_read) == ["j-1", "y-1"]
    assert [o.id for o in found["y-1"].profile.occupations] == ["o-farmer"]

    # The taxonomy changes which skills an occupation needs: every record.
    contents_read.clear()
    write_taxonomy(graph, {**OCCUPATIONS, "o-farmer": {"s-irrigate": False}})
    assert as_read(graph, kept, IDS)["y-1"].profile.occupations == ()
    assert sorted(contents_read) == sorted(IDS)

    # The organisation changes its sectors: its offer is in the new ones.
    contents_read.clear()
    write(graph, settings, factories.organization("o-1", sectors=["artisanat"]))
    offer = as_read(graph, kept, IDS)["j-1"].profile
    assert [s.key for s in offer.sectors] == ["artisanat"]
    assert sorted(contents_read) == ["j-1", "o-1"]


def test_a_candidates_state_is_read_with_every_request(
    graph: Graph, settings: Settings, contents_read: list[str]
) -> None:
    kept = all_kept(graph, settings, contents_read)
    graph.write(
        lambda tx: tx.run(
            "MATCH (m:Mentor {id: 'm-1'}), (y:Youth {id: 'y-1'}) "
            "CREATE (m)-[:MENTORS]->(y) SET m.paused = true"
        ).consume()
    )
    mentor = as_read(graph, kept, IDS)["m-1"].profile
    assert (mentor.active_mentees, mentor.paused, "y-1" in mentor.excluded) == (1, True, True)
    assert contents_read == []

    # A record whose account awaits approval is no candidate, kept or not.
    graph.write(lambda tx: tx.run("MATCH (m:Mentor {id: 'm-1'}) SET m.awaiting_approval = true"))
    assert "m-1" not in as_read(graph, kept, IDS)


def test_a_candidates_state_reads_its_dismissals_not_every_suggestion_it_was_shown(
    graph: Graph, settings: Settings
) -> None:
    """Each list a youth sees leaves a `shown` event per pair, hundreds over months; the state
    of a candidate reads its dismissals only (the (viewer_id, event) index), however many."""
    records(graph, settings)

    def state_of_youth() -> tuple[list[str], int]:
        def profiled(tx: Any) -> tuple[list[str], int]:
            result = tx.run("PROFILE " + graph_recommend.CANDIDATE_STATES, ids=["y-1"])
            [row] = list(result)
            return row["excluded"], _db_hits(result.consume().profile)

        return graph.read(profiled)

    _, alone = state_of_youth()
    assert alone > 0  # the runtime reports its hits: the comparison below means something
    shown = [(f"m-{n}", np.zeros(3)) for n in range(300)]
    outcomes.record_shown(graph, "y-1", SuggestionKind.MENTORS, shown)
    outcomes.dismiss(graph, SYSTEM, viewer_id="y-1", target_id="m-1", kind=SuggestionKind.MENTORS)
    excluded, hits = state_of_youth()
    assert excluded == ["m-1"]
    assert hits - alone < 30  # 300 shown events read: some 900 more


def _db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_db_hits(child) for child in plan.get("children", []))


def test_kept_occupations_follow_the_links_of_texts_and_where_occupations_are_found(
    graph: Graph, settings: Settings, encoder: Any, contents_read: list[str]
) -> None:
    a_welder_and_a_welding_offer(graph, settings, encoder)
    ids = ["y-da", "j-weld"]
    kept = CandidateFacts()
    found = as_read(graph, kept, ids)
    assert "métallurgie" in {s.key for s in found["y-da"].profile.occupation_sectors}

    # A shipyard posts welders too: where welders are found changes, no text does.
    contents_read.clear()
    shipyard = factories.organization("o-2", sectors=["chantier naval"])
    second = factories.job_offer(
        "j-ship", title="Soudeur", organization_id="o-2", required_skills=[], languages=[]
    )
    load(graph, settings, encoder, [shipyard, second])
    skill_links.link_new_occupations(graph, encoder)
    found = as_read(graph, kept, ids)
    assert "chantier naval" in {s.key for s in found["y-da"].profile.occupation_sectors}
    assert sorted(contents_read) == sorted(ids)  # the details' stamp changed: read again

    # The youth writes another trade: her text is linked again.
    load(graph, settings, encoder, [factories.youth("y-da", bio="بغيت نخدم فلاح", skills=[])])
    skill_links.link_new_occupations(graph, encoder)
    before = found["y-da"].profile.linked_occupations
    assert as_read(graph, kept, ids)["y-da"].profile.linked_occupations != before
    assert "y-da" in contents_read


def test_an_erasure_has_the_records_that_named_the_erased_one_read_again(
    graph: Graph, settings: Settings, contents_read: list[str]
) -> None:
    """Erasing an organisation clears its id from its offers (graph.privacy): the offer kept
    in a process is read again, and no longer in the organisation's sectors."""
    kept = all_kept(graph, settings, contents_read)
    assert [s.key for s in as_read(graph, kept, IDS)["j-1"].profile.sectors] == ["agriculture"]

    privacy.erase_on_request(graph, SYSTEM, settings, reference="letter n° 7", record_id="o-1")
    found = as_read(graph, kept, IDS)
    assert "o-1" not in found and found["j-1"].profile.sectors == ()
    assert contents_read == ["j-1"]
    assert graph.read(graph_records.read_records, ["j-1"])[0].organization_id is None


def test_a_new_load_of_esco_reads_every_kept_record_again(
    graph: Graph, settings: Settings, contents_read: list[str]
) -> None:
    kept = all_kept(graph, settings, contents_read)
    esco.load_esco(graph)
    as_read(graph, kept, IDS)
    assert sorted(contents_read) == sorted(IDS)


def test_kept_profiles_are_settled_out_of_the_collectors_passes_every_so_many(
    graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    records(graph, settings)
    monkeypatch.setattr(candidate_facts, "SETTLE_EVERY", 3)
    kept = CandidateFacts()
    gc.unfreeze()
    try:
        graph.read(kept.hashed, IDS[:2])
        assert gc.get_freeze_count() == 0  # two kept: not yet
        graph.read(kept.hashed, IDS[2:])
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_start_keeps_the_candidates_so_that_requests_read_no_content(
    graph: Graph, settings: Settings, contents_read: list[str]
) -> None:
    records(graph, settings)
    graph.write(lambda tx: tx.run("MATCH (m:Mentor {id: 'm-1'}) SET m.awaiting_approval = true"))
    assert candidate_preload.preload(graph, settings=settings) == 3  # all but the unapproved
    contents_read.clear()
    as_read(graph, candidate_facts.KEPT, IDS)
    assert contents_read == []
