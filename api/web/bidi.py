"""Text people wrote, in whatever script, shown inside pages of either direction.

`dir="auto"` takes a paragraph's direction from its first strong letter: a Darija bio ending
with an English sentence then puts that sentence's full stop at its other end
(".online or in person"), and an English description that begins with an Arabic name is laid
out right to left ("is hiring :تعاونية"). Here a text's direction is the one most of its
letters read in, and each sentence written mostly in the other direction is isolated with its
own, so that its punctuation stays with it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from markupsafe import Markup, escape

Direction = Literal["rtl", "ltr"]
# A sentence ends after . ! ? ؟ … (and any closing quote or bracket), before white space.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'”»)\]]*\s+")


def direction(text: str) -> Direction | None:
    """The direction most strong letters of `text` read in; None when it has none (digits,
    punctuation) or as many of each."""
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    if rtl == ltr:
        return None
    return "rtl" if rtl > ltr else "ltr"


def text_dir(text: str | None, fallback: Direction) -> Direction:
    """The `dir` of an element holding `text`: its letters' direction, else the page's."""
    return direction(text or "") or fallback


def sentences(text: str | None, fallback: Direction) -> Markup:
    """`text` escaped, each sentence written in the other direction than the whole isolated in
    a `<bdi>` with its own `dir` (use with `dir="{{ text_dir(text) }}"` on the element)."""
    if not text:
        return Markup("")
    whole = text_dir(text, fallback)
    parts: list[str] = []
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        start = end
        body = piece.rstrip()
        own = direction(body)
        if own and own != whole:
            parts.append(Markup('<bdi dir="{}">{}</bdi>').format(own, body))
            parts.append(escape(piece[len(body) :]))
        else:
            parts.append(escape(piece))
    return Markup("").join(parts)


_WORD = re.compile(r"\S+")


def _core(word: str) -> tuple[int, int] | None:
    """Where a word's letters start and end (its punctuation left out), or None."""
    strong = [i for i, c in enumerate(word) if unicodedata.bidirectional(c) in ("L", "R", "AL")]
    return (strong[0], strong[-1] + 1) if strong else None


def foreign_runs(text: str, page: Direction) -> Markup:
    """A sentence in the page's language with terms of the other direction inside it (a
    reason: "1 من 3 مهارات يطلبها هذا العرض: sewing — تنقص: cutting، alterations"): each run
    of such words isolated in a `<bdi>`, so that the separators between them stay the page's.
    """
    parts: list[Markup] = []
    run_start = run_end = -1
    at = 0

    def close() -> None:
        nonlocal run_start
        if run_start >= 0:
            parts.append(Markup("<bdi>{}</bdi>").format(text[run_start:run_end]))
            run_start = -1

    for match in _WORD.finditer(text):
        core = _core(match.group())
        start = match.start() + core[0] if core else match.start()
        end = match.start() + core[1] if core else match.end()
        foreign = core is not None and direction(text[start:end]) not in (page, None)
        joins = run_start >= 0 and foreign and not text[run_end:start].strip()
        if not joins:
            close()
            parts.append(escape(text[at:start]))
            if foreign:
                run_start = start
        run_end = end if foreign else run_end
        if not foreign:
            parts.append(escape(text[start:end]))
        at = end
    close()
    parts.append(escape(text[at:]))
    return Markup("").join(parts)
