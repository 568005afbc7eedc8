"""The candidates' content kept in the process, completed with their state at every request.

Reading some hundred candidates' facts was the dearest part of a request at 100,000 profiles
(issue 14), and their content (what they wrote, its links to skills, sectors, places and
ESCO, their occupations) changes far less often than they are suggested. Each record's
content is kept by its key (`graph.recommend._CONTENT_KEY`), which every write of that
content changes, whichever process made it; the state that introductions change (capacity,
mentees, what was met, asked or dismissed) is read with every request, with the keys, in one
light query. The occupations' names and sectors are completed from
`graph.occupation_details`, under its own stamp.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph import occupation_details
from graph import recommend as graph_recommend
from graph.driver import ManagedTransaction
from graph.recommend import HashedFacts
from matcher.profiles import Profile
from services import heap

CAPACITY = 100_000  # the default of MULTAQA_KEPT_FACTS: about 4 KB each
# A kept profile is some 40 objects the collector would walk in each full pass, for as long
# as it is kept: every so many records kept, they are settled out of its reach
# (services.heap) in one short pass over what is new.
SETTLE_EVERY = 2_000

ContentKey = tuple[Any, ...]


@dataclass(frozen=True)
class _Kept:
    """A record's profile, its content as it was under `key` and its occupations' details
    under the stamp `details` (they change together for every record: read again)."""

    key: ContentKey | None  # None: no content hash, never kept
    profile: Profile
    details: str | None


class CandidateFacts:
    """The most recently used candidates' content, at most `capacity` records."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._lock = threading.Lock()
        self._unsettled = 0

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def hashed(self, tx: ManagedTransaction, ids: Sequence[str]) -> list[HashedFacts]:
        """What `graph.recommend.candidate_facts_hashed` reads for `ids`, the content from
        memory where its key has not changed."""
        states = graph_recommend.candidate_states(tx, ids)
        profiles = self._profiles(tx, states)
        return [
            HashedFacts(
                graph_recommend.with_state(profiles[row["id"]], row),
                row["model"],
                row["vectors_hash"],
            )
            for row in states
            if row["id"] in profiles  # not deleted between the two reads
        ]

    def _profiles(self, tx: ManagedTransaction, states: list[dict[str, Any]]) -> dict[str, Profile]:
        """Each record's profile with its current content (state not applied yet)."""
        found: dict[str, Profile] = {}
        missing: list[str] = []
        with self._lock:
            for row in states:
                kept = self._kept.get(row["id"])
                if kept is None or kept.key != _key(row) or kept.details != row["details"]:
                    missing.append(row["id"])
                    continue
                self._kept.move_to_end(row["id"])
                found[row["id"]] = kept.profile
        if missing:
            details = states[0]["details"]
            entries = _built(tx, graph_recommend.candidate_contents(tx, missing), details)
            found.update({entry.profile.id: entry.profile for entry in entries})
            self._keep([entry for entry in entries if entry.key is not None])
        return found

    def _keep(self, entries: list[_Kept]) -> None:
        with self._lock:
            for entry in entries:
                self._kept[entry.profile.id] = entry
                self._kept.move_to_end(entry.profile.id)
            while len(self._kept) > self.capacity:
                self._kept.popitem(last=False)
            self._unsettled += len(entries)
            settle = self._unsettled >= SETTLE_EVERY
            if settle:
                self._unsettled = 0
        if settle:
            heap.settle()


def _key(row: dict[str, Any]) -> ContentKey | None:
    found = row["content_key"]
    return tuple(found) if found is not None else None


def _built(tx: ManagedTransaction, rows: list[dict[str, Any]], details: str | None) -> list[_Kept]:
    """Profiles of content rows, their occupations completed under the stamp `details`."""
    keys = [_key(row) for row in rows]
    occupation_details.fill(tx, rows)
    return [
        _Kept(key, graph_recommend.profile_of_row({**row, **_NO_STATE}), details)
        for key, row in zip(keys, rows, strict=True)
    ]


# The state of a profile before `with_state` completes it.
_NO_STATE: dict[str, Any] = {
    "capacity": None,
    "active_mentees": 0,
    "paused": False,
    "mentored_kinds": [],
    "excluded": [],
    "neighbours": [],
}

KEPT = CandidateFacts()


def kept(capacity: int) -> CandidateFacts | None:
    """The process's kept content holding at most `capacity` records (MULTAQA_KEPT_FACTS),
    or None where every request reads it (0)."""
    if capacity <= 0:
        return None
    KEPT.capacity = capacity
    return KEPT
