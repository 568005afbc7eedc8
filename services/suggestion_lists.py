"""Use case: the suggestions of one kind for many viewers at once (the weekly refresh).

What `services.recommendations.recommend` gives one viewer, made for blocks of viewers: the
candidates' facts are read once per run, each block's viewers, candidate sources and cosines
in one query each, and the lists are ranked together by `matcher.recommender.rank_lists`, the
code `recommend` ranks with. tests/integration/test_suggestion_lists.py checks that every list
equals the one `recommend` makes (ids, order, scores, reasons).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from graph import candidates as graph_candidates
from graph import records as graph_records
from graph.candidates import Sources
from graph.recommend import ViewerFacts
from matcher.feature_matrix import Similarities
from matcher.kinds import SuggestionKind
from matcher.lexical import keys_text
from matcher.profile_table import ProfileTable, Vocabulary
from matcher.profile_text import profile_text
from matcher.profiles import Profile
from matcher.ranker import MatchRanker
from matcher.reasons import Lang
from matcher.recommender import Ask, Suggestion, rank_lists
from matcher.rules import AgeBounds
from services import recommendations as single
from services.db import Graph
from services.list_cosines import ListCosines
from services.settings import Settings

BLOCK = 500  # viewers per block: a few queries per block, features of ~50,000 pairs at once
SOURCE_READS = 2  # queries reading a block's candidate sources at once (one core each)


class ListMaker:
    """Makes the lists of one kind; the candidates' facts are read once, when it is made."""

    def __init__(
        self,
        graph: Graph,
        kind: SuggestionKind,
        *,
        rankers: Mapping[SuggestionKind, MatchRanker],
        settings: Settings,
        k: int = 10,
        lang: Lang = "fr",
        today: dt.date | None = None,
    ) -> None:
        self.graph, self.kind, self.rankers, self.k, self.lang = graph, kind, rankers, k, lang
        self.today = today or dt.date.today()
        self.ages = AgeBounds(settings.youth_min_age, settings.youth_max_age)
        self.words = Vocabulary()
        profiles = graph.read(graph_candidates.profiles_of_type, kind.target_type)
        self.table = ProfileTable.of(profiles, self.words)
        self.rows = {p.id: row for row, p in enumerate(profiles)}
        self.cosines = ListCosines(graph, kind.target_type, self.rows)

    def lists(self, viewer_ids: Sequence[str]) -> dict[str, list[Suggestion]]:
        """The list of each viewer of `viewer_ids` that may receive this kind."""
        facts = [
            f
            for f in self.graph.read(graph_candidates.viewers_facts, viewer_ids)
            if f.profile.kind in self.kind.viewer_types
        ]
        if not facts:
            return {}
        viewers = [f.profile for f in facts]
        queries = self._lexical_queries(facts)
        sources = self._sources([single.source_query(self.kind, v, queries[v.id]) for v in viewers])
        pools = {s.id: single.merged(s, s.id) for s in sources}
        asks = self._asks(viewers, pools)
        found = rank_lists(
            ProfileTable.of(viewers, self.words),
            self.table,
            asks,
            self.kind,
            self.rankers,
            k=self.k,
            today=self.today,
            ages=self.ages,
            lang=self.lang,
        )
        return {v.id: suggestions for v, suggestions in zip(viewers, found, strict=True)}

    def _sources(self, queries: list[graph_candidates.SourceQuery]) -> list[Sources]:
        """Each viewer's candidate sources, in order, read by `SOURCE_READS` queries at once:
        Neo4j runs each query on one core, and the sources are most of a block's time."""
        size = max(1, -(-len(queries) // SOURCE_READS))
        parts = [queries[start : start + size] for start in range(0, len(queries), size)]
        limits = single.source_limits(self.kind, self.k)

        def read(part: list[graph_candidates.SourceQuery]) -> list[Sources]:
            return self.graph.read(graph_candidates.candidate_sources, self.kind, part, **limits)

        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            return [found for part in pool.map(read, parts) for found in part]

    def _asks(
        self, viewers: Sequence[Profile], pools: Mapping[str, tuple[list[str], dict[str, float]]]
    ) -> list[Ask]:
        """Each viewer's candidates found, in the sources' order (ties keep it, as in
        `recommend`), with their cosines and lexical scores."""
        known = [[i for i in pools[v.id][0] if i in self.rows] for v in viewers]
        if self.cosines.fma is None:
            return self._asked_of_neo4j(viewers, pools, known)
        sizes = [len(ids) for ids in known]
        candidate = np.array([self.rows[i] for ids in known for i in ids], dtype=np.int64)
        viewer = np.repeat(np.arange(len(viewers)), sizes)
        found = self.cosines.pairs(viewers, viewer, candidate)
        asks, start = [], 0
        for row, (v, ids) in enumerate(zip(viewers, known, strict=True)):
            part = slice(start, start + len(ids))
            start += len(ids)
            lexical = pools[v.id][1]
            sims = Similarities(
                semantic=found.semantic[part],
                needs_offers=found.needs_offers[part],
                offers_needs=found.offers_needs[part],
                lexical=np.array([lexical.get(i, 0.0) for i in ids], dtype=np.float64),
            )
            asks.append(Ask(viewer=row, candidates=candidate[part], sims=sims))
        return asks

    def _asked_of_neo4j(
        self,
        viewers: Sequence[Profile],
        pools: Mapping[str, tuple[list[str], dict[str, float]]],
        known: Sequence[list[str]],
    ) -> list[Ask]:
        """As `_asks`, with the cosines computed by Neo4j (where numpy cannot match it)."""
        cosines = self.graph.read(
            graph_candidates.pair_cosines,
            [
                {
                    "id": v.id,
                    "ids": ids,
                    "vector": single.listed(v.embedding),
                    "needs": single.listed(v.needs_embedding),
                    "offers": single.listed(v.offers_embedding),
                }
                for v, ids in zip(viewers, known, strict=True)
            ],
        )
        asks = []
        for row, (v, ids) in enumerate(zip(viewers, known, strict=True)):
            sims = cosines.get(v.id, {})
            found = [sims[i] for i in ids if i in sims]
            present = [i for i in ids if i in sims]
            lexical = pools[v.id][1]
            asks.append(
                Ask(
                    viewer=row,
                    candidates=np.array([self.rows[i] for i in present], dtype=np.int64),
                    sims=Similarities(
                        semantic=np.array([s.semantic for s in found], dtype=np.float64),
                        needs_offers=np.array([s.needs_offers for s in found], dtype=np.float64),
                        offers_needs=np.array([s.offers_needs for s in found], dtype=np.float64),
                        lexical=np.array([lexical.get(i, 0.0) for i in present], dtype=np.float64),
                    ),
                )
            )
        return asks

    def _lexical_queries(self, facts: Sequence[ViewerFacts]) -> dict[str, str]:
        """Each viewer's full-text query: its stored lexical keys, or its text's (as
        `recommend` does for a record not refreshed yet)."""
        missing = [f.profile.id for f in facts if f.lexical is None]
        texts = {
            r.id: keys_text(profile_text(r.model_dump(mode="json")))
            for r in (self.graph.read(graph_records.read_records, missing) if missing else [])
        }
        return {
            f.profile.id: single.full_text_query(f.lexical or texts.get(f.profile.id, ""))
            for f in facts
        }


def blocks(ids: Sequence[str], size: int = BLOCK) -> Iterator[Sequence[str]]:
    """`ids` in consecutive blocks of `size`."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
