"""In which sectors each occupation is found: from the offers that name it.

An offer's sectors are its organisation's, and an organisation is often active in several: a
cooperative of pastry makers is in food processing and in the social economy, an association
in inclusion and in tourism. Counting every sector of the organisation for every offer puts
the plasterer an association recruits "in" tourism, and the `occupation_sector` feature then
rewards tourism offers and mentors for a youth who wants to plaster. So each offer's weight
is shared among its organisation's sectors as the offer's occupations are shared among them
elsewhere on the platform: begin with an even share, then give each offer to its sectors in
proportion to how much its occupations are found there, and count again (an
expectation-maximisation of which sector each offer was posted for). Occupations only ever
posted by organisations of the same several sectors stay in all of them: nothing tells
which one they are for.

The same shares say which of its organisation's sectors an offer itself is in (those holding
at least half its largest share): an education centre also active in phosphate services
posts a maths teacher for education, and that offer is then no phosphate offer to a youth
who wants to be an industrial electrician.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

ROUNDS = 10  # the shares settle within a few hundredths after 10 on the demo's 400 offers
NEGLIGIBLE = 1e-3  # a sector weighing less, relative to the occupation's best, is left out
POSTED_IN = 0.5  # an offer is in the sectors holding at least this part of its largest share


@dataclass(frozen=True)
class PostedOffer:
    """One offer: its organisation's sector keys and its occupation links (id, weight)."""

    id: str
    sectors: tuple[str, ...]
    links: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class SectorsFound:
    """Per occupation, its sectors (sorted by key) with their weight relative to the best;
    per offer of an organisation in several sectors, the sectors it is in (sorted)."""

    occupations: dict[str, list[tuple[str, float]]]
    offers: dict[str, tuple[str, ...]]


def occupation_sectors(offers: Sequence[PostedOffer], *, rounds: int = ROUNDS) -> SectorsFound:
    """Where each occupation is found, and in which of its organisation's sectors each offer
    is."""
    offers = [o for o in offers if o.sectors and o.links]
    if not offers:
        return SectorsFound({}, {})
    occ_ids = sorted({occ for o in offers for occ, _ in o.links})
    keys = sorted({key for o in offers for key in o.sectors})
    occ_at = {occ: i for i, occ in enumerate(occ_ids)}
    key_at = {key: i for i, key in enumerate(keys)}
    links = _matrix(
        [[(occ_at[occ], w) for occ, w in o.links] for o in offers], len(occ_ids)
    )  # offers × occupations
    posted = _matrix([[(key_at[k], 1.0) for k in set(o.sectors)] for o in offers], len(keys))
    share = _rows_normalised(posted)  # offers × sectors: first, an even share
    for _ in range(rounds):
        typical = _rows_normalised(sparse.csr_matrix(links.T @ share))  # occupation → sectors
        # An offer's links all have weight > 0 and its occupations are found in its own
        # sectors (it counted there), so no row is empty; the tiny even part only guards.
        share = _rows_normalised(posted.multiply(links @ typical) + posted * 1e-12)
    found = (links.T @ share).toarray()  # occupations × sectors
    result: dict[str, list[tuple[str, float]]] = {}
    for i, occ in enumerate(occ_ids):
        best = found[i].max()
        if best > 0:
            weights = found[i] / best
            result[occ] = [
                (keys[j], float(weights[j])) for j in np.flatnonzero(weights >= NEGLIGIBLE)
            ]
    return SectorsFound(result, _posted_in(offers, share.toarray(), keys))


def _posted_in(
    offers: Sequence[PostedOffer], share: np.ndarray, keys: list[str]
) -> dict[str, tuple[str, ...]]:
    kept = share >= POSTED_IN * share.max(axis=1, keepdims=True)
    return {
        offer.id: tuple(keys[j] for j in np.flatnonzero(kept[i]))
        for i, offer in enumerate(offers)
        if len(set(offer.sectors)) > 1
    }


def _matrix(rows: list[list[tuple[int, float]]], width: int) -> sparse.csr_matrix:
    data = [w for row in rows for _, w in row]
    cols = [j for row in rows for j, _ in row]
    indptr = np.cumsum([0] + [len(row) for row in rows])
    return sparse.csr_matrix((data, cols, indptr), shape=(len(rows), width), dtype=np.float64)


def _rows_normalised(m: sparse.spmatrix) -> sparse.csr_matrix:
    """Each row divided by its sum (an empty row stays empty)."""
    sums = np.asarray(m.sum(axis=1)).ravel()
    scale = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
    return sparse.csr_matrix(sparse.diags(scale) @ m)
