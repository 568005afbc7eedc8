"""Occupation linking: ESCO labels and the lexicon, dense and lexical parts, relative weights."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from matcher.lexicon import LexiconEntry, parse_lexicon
from matcher.occupation_linker import (
    OccupationLinker,
    clauses,
    occupation_labels,
    skill_label_weight,
    without_requests,
)
from services.occupation_links import record_fields

OCCUPATIONS = [
    {"id": "welder", "label_en": "welder", "label_fr": "soudeur/soudeuse", "alt_en": ["welding"]},
    {"id": "tailor", "label_en": "dressmaker", "label_fr": "couturier / couturière"},
    {
        "id": "irrigation",
        "label_en": "irrigation technician",
        "label_fr": "technicien en irrigation",
    },
]


class HashEncoder:
    """Pure and deterministic: a word's vector is its hash, a text the mean of its words."""

    name, dim = "hash", 32

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                seed = int(hashlib.sha1(word.encode()).hexdigest()[:8], 16)
                rows[i] += np.random.default_rng(seed).standard_normal(self.dim)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def linker(lexicon: Sequence[LexiconEntry] = (), **weights: float) -> OccupationLinker:
    labels = occupation_labels(OCCUPATIONS, lexicon, {"s-irrigate": ["irrigation"]})
    vectors = HashEncoder().encode([label.text for label in labels])
    mix = {"dense_weight": 0.5, "lexical_weight": 0.5} | weights
    return OccupationLinker(labels, vectors, **mix)


LEXICON = parse_lexicon(
    [
        "# a comment line",
        "concept_id\tkind\tsector\tmsa\tdarija_arabic\tdarija_latin\tfrench\tenglish",
        "welder\toccupation\tphosphate\tلحام\tسودور\tsoudor\tsoudeur\twelder",
        "s-irrigate\tskill\tagri\tالسقي\tالسقي|سقي\ts9i\tirrigation\tirrigation",
    ]
)


def test_every_esco_label_names_its_occupation() -> None:
    texts = {(label.occupation_id, label.text) for label in occupation_labels(OCCUPATIONS, (), {})}
    assert ("welder", "soudeuse") in texts and ("tailor", "couturière") in texts
    assert ("welder", "welding") in texts


def test_an_exact_french_word_links_through_the_lexical_part() -> None:
    [links] = linker(dense_weight=0.0, lexical_weight=1.0).link(
        [["je suis soudeuse"]], HashEncoder()
    )
    assert links[0].id == "welder" and links[0].weight == 1.0


def test_darija_words_link_only_with_the_lexicon() -> None:
    text = [["ana سودور 3andi tajriba"]]
    without = linker(dense_weight=0.0, lexical_weight=1.0).link(text, HashEncoder())[0]
    with_lexicon = linker(LEXICON, dense_weight=0.0, lexical_weight=1.0).link(text, HashEncoder())
    assert not without or without[0].id != "welder" or without[0].score < with_lexicon[0][0].score
    assert with_lexicon[0][0].id == "welder"


def test_a_lexicon_skill_names_the_occupations_it_is_essential_to() -> None:
    [links] = linker(LEXICON, dense_weight=0.0, lexical_weight=1.0).link(
        [["عندي دبلوم فالسقي", "السقي"]], HashEncoder()
    )
    assert links[0].id == "irrigation"


def test_what_a_youth_asks_the_platform_for_is_not_a_trade_she_wants() -> None:
    assert without_requests("أبحث عن مرشد له خبرة في الكهرباء") == "أبحث عن له خبرة في الكهرباء"
    assert without_requests("Je cherche un mentor en marketing") == "Je cherche un en marketing"
    assert without_requests("kan9leb 3la mentor f lfla7a") == "kan9leb 3la f lfla7a"
    # the same noun naming the work she wants stays
    assert without_requests("وأرغب في العمل مرشدا سياحيا") == "وأرغب في العمل مرشدا سياحيا"
    assert without_requests("je cherche un poste de guide") == "je cherche un poste de guide"
    assert without_requests("je cherche une aide-soignante") == "je cherche une aide-soignante"


def test_an_offer_that_looks_for_a_coach_keeps_the_trade_a_youth_would_have_asked_for() -> None:
    offer = {"type": "job_offer", "title": "Club sportif cherche coach", "description": ""}
    youth = {"type": "youth", "bio": "Club sportif, je cherche un coach", "skills": []}
    assert record_fields(offer) == ["Club sportif cherche coach"]
    assert record_fields(youth) == ["Club sportif, je cherche un"]


def test_a_request_for_a_mentor_does_not_link_the_guide() -> None:
    occupations = [*OCCUPATIONS, {"id": "guide", "label_en": "guide", "label_fr": "mentor"}]
    labels = occupation_labels(occupations, (), {})
    vectors = HashEncoder().encode([label.text for label in labels])
    lexical = OccupationLinker(labels, vectors, dense_weight=0.0, lexical_weight=1.0)
    youth = {"type": "youth", "bio": "je cherche un mentor soudeur", "skills": []}
    [links] = lexical.link([record_fields(youth)], HashEncoder())
    assert [o.id for o in links] == ["welder"]


def test_a_skill_essential_to_many_occupations_names_each_of_them_less() -> None:
    assert skill_label_weight(1) > skill_label_weight(5) > skill_label_weight(18) > 0
    essential = {"s-irrigate": ["irrigation"], "s-drive": ["welder", "tailor", "irrigation"]}
    lexicon = parse_lexicon(
        [
            "concept_id\tkind\tsector\tmsa\tdarija_arabic\tdarija_latin\tfrench\tenglish",
            "s-irrigate\tskill\tagri\tالسقي\t\t\t\t",
            "s-drive\tskill\tphosphate\tالسياقة\t\t\t\t",
        ]
    )
    weights = {
        label.text: label.weight
        for label in occupation_labels(OCCUPATIONS, lexicon, essential)
        if label.text in {"السقي", "السياقة"}
    }
    assert weights["السقي"] == skill_label_weight(1) > weights["السياقة"] == skill_label_weight(3)


def test_weights_are_relative_to_the_best_and_weak_links_are_dropped() -> None:
    [links] = linker().link([["soudeur welder welding"]], HashEncoder())
    assert links[0].weight == 1.0
    assert all(0 < o.weight <= 1 for o in links)
    assert [o.score for o in links] == sorted((o.score for o in links), reverse=True)
    assert linker().link([[]], HashEncoder()) == [[]]


def test_a_text_is_cut_into_clauses_at_punctuation_and_conjunctions() -> None:
    text = "خياطة تقليدية، أخيط القفطان والجلابة و أبحث عن عمل في ورشة. merci"
    assert clauses(text) == ["خياطة تقليدية", "أخيط القفطان والجلابة", "أبحث عن عمل في ورشة"]
    assert clauses("soudeur qualifié") == []


def test_a_lexicon_line_without_a_kind_is_refused_with_its_line_number() -> None:
    lines = ["concept_id\tkind\tsector\tmsa", "x\tjob\tagri\tشي حاجة"]
    try:
        parse_lexicon(lines)
    except ValueError as error:
        assert "line 2" in str(error)
    else:
        raise AssertionError("an unknown kind was accepted")
