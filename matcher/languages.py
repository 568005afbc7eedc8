"""In which languages two people can talk.

Moroccan Darija and Arabic are understood together: the province's Arabic speakers speak
Darija, and Darija speakers hear and read Arabic every day. A youth who ticked only "الدارجة"
shared no language code with the 147 demo mentors who list "العربية", so the hard rule of
mentoring (a common language) left her with no mentor at all (a new-user review, issue 14's
session). Every comparison of two people's languages goes through `talk_in`.
"""

from __future__ import annotations

from collections.abc import Iterable

UNDERSTOOD_TOGETHER: tuple[frozenset[str], ...] = (frozenset({"ar", "ary"}),)


def understood(codes: Iterable[str]) -> frozenset[str]:
    """The languages someone who lists `codes` can talk in."""
    listed = frozenset(codes)
    return listed.union(*(group for group in UNDERSTOOD_TOGETHER if group & listed))


def talk_in(mine: Iterable[str], theirs: Iterable[str]) -> tuple[str, ...]:
    """The languages two people can talk in, as the other listed them: those both listed,
    else those of theirs that mine understands (a Darija speaker and an Arabic speaker talk
    in Arabic); empty when none."""
    mine, theirs = frozenset(mine), frozenset(theirs)
    return tuple(sorted((mine & theirs) or (understood(mine) & theirs)))
