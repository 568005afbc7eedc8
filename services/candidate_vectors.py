"""The candidates' vectors kept in the process, and their cosines with a viewer's vectors.

Reading some hundred candidates' vectors from the store was the dearest part of a request's
candidate facts at 100,000 profiles (p50 61 against 38 ms for mentors without the cosine
columns, README "Issue 14"). A record's vectors change only when it is embedded again, from
new content (a new `embedding_hash`) or by another encoder: kept by (encoder, id, hash), an
entry is never stale, whichever process wrote the record. The cosines are computed by
matcher.neo4j_cosine, as everyone's lists do, to Neo4j's last bit; where numpy cannot match
this server's cosines (`ready` says so), requests ask Neo4j as before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from graph import candidates as graph_candidates
from graph.driver import ManagedTransaction
from graph.recommend import HashedFacts
from matcher import neo4j_cosine
from matcher.features import Similarity
from matcher.profiles import Profile
from services import list_cosines
from services.db import Graph

# About 2 KB per record of 512 dimensions (float32 unit rows): 100,000 take ~200 MB.
CAPACITY = 100_000  # the default of MULTAQA_KEPT_VECTORS
CALIBRATION_SAMPLE = 80

Key = tuple[str | None, str, str | None]  # encoder, record id, embedding hash (None: not kept)


@dataclass(frozen=True)
class _Vectors:
    """One record's vectors as unit rows (None: it has none Neo4j would score)."""

    embedding: np.ndarray | None
    needs: np.ndarray | None
    offers: np.ndarray | None


class CandidateVectors:
    """The most recently used candidates' vectors, at most `capacity` records."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._kept: OrderedDict[Key, _Vectors] = OrderedDict()
        self._lock = threading.Lock()
        self._fma: bool | None = None
        self._checked = False

    def __len__(self) -> int:
        return len(self._kept)

    def ready(self, graph: Graph) -> bool:
        """Whether numpy gives this server's cosines (checked once, on stored vectors; not
        before anything is embedded)."""
        if not self._checked:
            sample = graph.read(graph_candidates.some_vectors, CALIBRATION_SAMPLE)
            if not sample:
                return False
            self._fma = list_cosines.calibrated(graph, sample)
            self._checked = True
        return self._fma is not None

    def similarities(
        self,
        tx: ManagedTransaction,
        viewer: Profile,
        candidates: Sequence[HashedFacts],
    ) -> dict[str, Similarity]:
        """Each candidate's cosines with the viewer's vectors, as
        graph.recommend.candidate_facts reads them (0 at worst); `ready` must be true."""
        assert self._fma is not None
        vectors = self._vectors(tx, candidates)
        ids = [c.profile.id for c in candidates]
        rows = np.arange(len(ids))
        semantic = self._cosines([v.embedding for v in vectors], viewer.embedding, rows)
        needs_offers = self._cosines([v.offers for v in vectors], viewer.needs_embedding, rows)
        offers_needs = self._cosines([v.needs for v in vectors], viewer.offers_embedding, rows)
        return {
            cid: Similarity(
                semantic=float(semantic[n]),
                needs_offers=float(needs_offers[n]),
                offers_needs=float(offers_needs[n]),
            )
            for n, cid in enumerate(ids)
        }

    def keep(self, tx: ManagedTransaction, candidates: Sequence[HashedFacts]) -> None:
        """Keep the vectors of `candidates` not kept yet (a server's start)."""
        self._vectors(tx, candidates)

    def _vectors(self, tx: ManagedTransaction, candidates: Sequence[HashedFacts]) -> list[_Vectors]:
        """Each candidate's vectors, from memory or (those not kept) read and kept."""
        keys = [(c.model, c.profile.id, c.vectors_hash) for c in candidates]
        with self._lock:
            found = {key: self._kept[key] for key in keys if key in self._kept}
            for key in found:
                self._kept.move_to_end(key)
        missing = [key[1] for key in keys if key not in found]
        if missing:
            read = graph_candidates.hashed_vectors(tx, missing)
            as_units = _as_units([stored for _, stored in read])
            by_id = {stored.id: v for (_, stored), v in zip(read, as_units, strict=True)}
            model = candidates[0].model
            self._keep({(model, s.id, h): v for (h, s), v in zip(read, as_units, strict=True) if h})
            # Read now, whatever its hash: a record embedded again between the two reads
            # is scored with its newest vectors.
            found.update({key: by_id[key[1]] for key in keys if key[1] in by_id})
        nothing = _Vectors(None, None, None)
        return [found.get(key, nothing) for key in keys]

    def _keep(self, entries: dict[Key, _Vectors]) -> None:
        with self._lock:
            self._kept.update(entries)
            while len(self._kept) > self.capacity:
                self._kept.popitem(last=False)

    def _cosines(
        self, rows: Sequence[np.ndarray | None], viewer: np.ndarray | None, order: np.ndarray
    ) -> np.ndarray:
        """`2 * coalesce(vector.similarity.cosine(row, viewer), 0.5) - 1`, 0 at worst."""
        if viewer is None or all(row is None for row in rows):
            return np.zeros(len(rows))
        mine = list_cosines.units([viewer])
        dims = mine[0].shape[1]
        matrix = np.zeros((len(rows), dims), dtype=np.float32)
        valid = np.zeros(len(rows), dtype=bool)
        for n, row in enumerate(rows):
            if row is not None and len(row) == dims:
                matrix[n], valid[n] = row, True
        found = neo4j_cosine.cypher_cosines(
            (matrix, valid), order, mine, np.zeros(len(rows), dtype=np.int64), fma=bool(self._fma)
        )
        return np.asarray(np.maximum(found, 0.0))


def _as_units(stored: Sequence[graph_candidates.StoredVectors]) -> list[_Vectors]:
    """Each record's vectors scaled as Neo4j scales them (matcher.neo4j_cosine.unit_rows)."""

    def unit(vectors: list[list[float] | None]) -> list[np.ndarray | None]:
        rows, valid = list_cosines.units(vectors)
        return [rows[n].copy() if valid[n] else None for n in range(len(vectors))]

    embedding = unit([s.embedding for s in stored])
    needs = unit([s.needs for s in stored])
    offers = unit([s.offers for s in stored])
    return [_Vectors(*parts) for parts in zip(embedding, needs, offers, strict=True)]


# One per process: entries are valid in every process, so nothing here needs sharing.
KEPT = CandidateVectors()


def kept(graph: Graph, capacity: int) -> CandidateVectors | None:
    """The process's kept vectors holding at most `capacity` records (MULTAQA_KEPT_VECTORS),
    or None where requests ask Neo4j for their cosines (0, or numpy cannot match it)."""
    if capacity <= 0 or not KEPT.ready(graph):
        return None
    KEPT.capacity = capacity
    return KEPT
