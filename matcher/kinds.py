"""The six kinds of suggestion: who asks, what is suggested, and which kind looks back."""

from __future__ import annotations

from enum import StrEnum


class SuggestionKind(StrEnum):
    """What the API calls `kind`: /recommendations/{kind}."""

    MENTORS = "mentors"
    JOBS = "jobs"
    PARTNERS = "partners"
    PEERS = "peers"
    MENTEES = "mentees"
    CANDIDATES = "candidates"

    @property
    def viewer_types(self) -> frozenset[str]:
        """The record types that may ask for this kind."""
        return _VIEWERS[self]

    @property
    def target_type(self) -> str:
        """The record type suggested."""
        return _TARGET[self]

    @property
    def reverse(self) -> SuggestionKind:
        """The same pair seen from the other side (mentors ↔ mentees, jobs ↔ candidates)."""
        return _REVERSE[self]

    @property
    def two_sided(self) -> bool:
        """Both sides must want the match: score both directions (reciprocal recommender)."""
        return self in (
            SuggestionKind.MENTORS,
            SuggestionKind.MENTEES,
            SuggestionKind.PEERS,
            SuggestionKind.PARTNERS,
        )


_VIEWERS = {
    SuggestionKind.MENTORS: frozenset({"youth"}),
    SuggestionKind.JOBS: frozenset({"youth"}),
    SuggestionKind.PARTNERS: frozenset({"organization", "youth"}),
    SuggestionKind.PEERS: frozenset({"youth"}),
    SuggestionKind.MENTEES: frozenset({"mentor"}),
    SuggestionKind.CANDIDATES: frozenset({"job_offer"}),
}
_TARGET = {
    SuggestionKind.MENTORS: "mentor",
    SuggestionKind.JOBS: "job_offer",
    SuggestionKind.PARTNERS: "organization",
    SuggestionKind.PEERS: "youth",
    SuggestionKind.MENTEES: "youth",
    SuggestionKind.CANDIDATES: "youth",
}
_REVERSE = {
    SuggestionKind.MENTORS: SuggestionKind.MENTEES,
    SuggestionKind.MENTEES: SuggestionKind.MENTORS,
    SuggestionKind.JOBS: SuggestionKind.CANDIDATES,
    SuggestionKind.CANDIDATES: SuggestionKind.JOBS,
    SuggestionKind.PEERS: SuggestionKind.PEERS,
    # A youth's project looks for partners; an organisation looks back at it as a partner.
    SuggestionKind.PARTNERS: SuggestionKind.PARTNERS,
}
