"""Occupations from free text: the ESCO occupations a profile or an offer most likely names.

Every ESCO occupation is known by all its labels — preferred and alternative, English and
French, the Arabic preferred label in both genders — and by the lexicon's words for it (MSA,
Darija in both scripts); the lexicon's words for a skill count, a little less, for the
occupations that skill is essential to (when it is essential to few). A text is scored against
every label two ways, and the best label of each occupation counts:

- dense: cosine of the multilingual encoder's vectors (meaning across languages);
- lexical: TF-IDF cosine of lexical keys (`matcher.lexical`: exact words, Darija in both
  scripts meeting through consonant skeletons).

  The lexical score of a label is the larger of that cosine and how much of the label the
  text contains (`LexicalIndex.containment`): an occupation named in the middle of a long
  sentence is not diluted by the rest of it.

score = dense_weight · dense + lexical_weight · lexical, the weights chosen by hand and
checked on MELO and on the hand-written profiles (`services.occupation_links.LINKER_WEIGHTS`).
A record is scored on its whole text (`WHOLE_TEXT_WEIGHT`) and on the best of its parts: its
short fields (project title, skills) and the clauses of its whole text ("... ، وأرغب في
العمل مرشدا سياحيا ..."), each of which may name the occupation more plainly than the whole.
Pure numpy and scikit-learn: the label vectors are given, the encoder is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from matcher.encoders import Encoder
from matcher.lexical import LexicalIndex, linking_keys
from matcher.lexicon import LexiconEntry

SKILL_LABEL_WEIGHT = 0.85  # a skill's word names its occupations less surely than a trade's
# A skill's word counts SKILL_LABEL_WEIGHT · n^-SKILL_SPECIFICITY for each of the n
# occupations it is essential to (n = 18 for the driving licence: 0.63). On the linking of (a)
# 0.1, 0.2 and 0.3 all gain on both halves (MELO unchanged); in ranking 0.2 lifts MSA most but
# costs Darija in Arabic letters 4-5 P@5 ("الزراعة", essential to 10 crop occupations, is
# evidence of the sector), 0.1 keeps most of both (README, "Ideas tried").
SKILL_SPECIFICITY = 0.1
MAX_OCCUPATIONS_PER_SKILL = 25  # a skill essential to more says little about the occupation
TOP = 5
RELATIVE_FLOOR = 0.05  # links weighing less than this relative to the best are dropped
TEMPERATURE = 0.04  # relative weight exp((score - best) / T): 0.1 at 0.09 below the best
# Chosen on the linking of evaluation (a)'s profiles (MRR of the wanted occupation, each half
# of the profiles apart) and MELO's titles: `multaqa evaluate` prints both.
WHOLE_TEXT_WEIGHT = 0.75
CONTAINMENT_MASS = 10.0  # a contained label of IDF mass 10 counts 63%: one common word, little
MAX_CLAUSES = 4
MIN_CLAUSE_WORDS = 2
# Clause boundaries: punctuation, and "and"/"or" between words in the four languages.
_CLAUSE_BREAK = re.compile(r"[.،,;:!?؟\n]+|\s+(?:و|او|أو|et|ou|and|or|w)\s+")
# What a youth asks the platform for is not a trade she wants: in "أبحث عن مرشد" (I am looking
# for a mentor) مرشد is not the tourist guide. A request noun right after a verb of seeking or
# needing (at most two small words between) is left out of a youth's text before it is scored
# (services.occupation_links.record_fields); the same noun elsewhere ("أرغب في العمل مرشدا
# سياحيا") stays. Not in an offer's text, where "cherche coach sportif" names the trade; nor
# "aide", the first word of French trades ("aide-soignante", "aide cuisinier").
_SEEKING = (
    r"[أا]بحث|نبحث|[أا]حتاج|نحتاج|محتاج|محتاجة|[أا]ريد|نريد|بغيت|بغينا|خاصني|خصني|كنقلب|كنقل[بق]"
    r"|cherche|recherche|besoin|veux|voudrais|want|need|needs|looking|seeking|seek"
    r"|bghit|bghina|khasni|5asni|kan9leb|kan9elleb|kanqleb|m7taj|mehtaj|mhtaj"
)
_FILLER = (
    r"عن|على|3la|3ala|الى|إلى|ل|لشي|شي|واحد"
    r"|un|une|d'un|d'une|de|du|des|a|an|for|some|chi|shi|wa7d|wahed"
)
_REQUESTED = (
    r"مرشد|مرشدة|مؤطر|مؤطرة|مواكبة|مواكب|مساعدة|معاونة|نصائح|توجيه"
    r"|mentor|mentore|mentors|mentoring|coach|coaching|accompagnement|encadrant|encadrante"
    r"|encadrement|parrain|marraine|conseils|advice|guidance|help|m3awna|mo3awana|tawjih"
)
_REQUEST = re.compile(
    rf"(?<!\w)((?:{_SEEKING})(?:\s+(?:{_FILLER}))*)\s+(?:{_REQUESTED})(?![\w-])", re.IGNORECASE
)


@dataclass(frozen=True)
class OccupationLabel:
    """One way of naming an occupation."""

    occupation_id: str
    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class LinkedOccupation:
    """An occupation a text likely names: its raw score and its weight relative to the best."""

    id: str
    score: float
    weight: float


def occupation_labels(
    occupations: Sequence[Mapping[str, Any]],
    lexicon: Sequence[LexiconEntry],
    essential: Mapping[str, Sequence[str]],
) -> list[OccupationLabel]:
    """Every label of every occupation, then the lexicon's words.

    Args:
        occupations: rows of data/esco/occupations.csv.gz (id, label_en, label_fr, label_ar,
            label_ar_full, alt_en, alt_fr).
        lexicon: lexicon entries; occupation entries name their occupation, skill entries the
            occupations the skill is essential to.
        essential: skill id -> ids of the occupations it is essential to.
    """
    labels: list[OccupationLabel] = []
    known = set()
    for row in occupations:
        texts = [row.get("label_en") or "", *(row.get("label_fr") or "").split("/")]
        texts += (row.get("label_ar_full") or "").split(" / ")
        texts += _listed(row.get("alt_en")) + _listed(row.get("alt_fr"))
        for text in dict.fromkeys(t.strip() for t in texts if t and t.strip()):
            labels.append(OccupationLabel(row["id"], text))
        known.add(row["id"])
    for entry in lexicon:
        if entry.kind == "occupation" and entry.concept_id in known:
            targets, weight = [entry.concept_id], 1.0
        elif entry.kind == "skill":
            targets = [o for o in essential.get(entry.concept_id, ()) if o in known]
            if len(targets) > MAX_OCCUPATIONS_PER_SKILL:
                continue
            weight = skill_label_weight(len(targets))
        else:
            continue
        for occupation_id in targets:
            labels += [OccupationLabel(occupation_id, v, weight) for v in entry.all_variants()]
    return labels


def without_requests(text: str) -> str:
    """The text without the nouns of what it asks the platform for (see `_REQUEST`)."""
    return _REQUEST.sub(r"\1", text)


def skill_label_weight(occupations: int) -> float:
    """How surely a skill's word names each of the `occupations` it is essential to: the
    driving licence, essential to 18, says less of any one of them than drip irrigation."""
    return float(SKILL_LABEL_WEIGHT * max(occupations, 1) ** -SKILL_SPECIFICITY)


def clauses(text: str) -> list[str]:
    """The clauses of a text of at least `MIN_CLAUSE_WORDS` words (none when it has one)."""
    found = [c.strip() for c in _CLAUSE_BREAK.split(text)]
    found = [c for c in found if len(c.split()) >= MIN_CLAUSE_WORDS]
    return found if len(found) > 1 else []


def _parts(fields: Sequence[str]) -> list[str]:
    """A record's whole text, then its other fields and the whole text's clauses, once each."""
    fields = [f for f in fields if f.strip()]
    if not fields:
        return []
    whole, others = fields[0], fields[1:]
    extra = [c for c in clauses(whole)[:MAX_CLAUSES] if c not in others]
    return [whole, *dict.fromkeys(f for f in [*others, *extra] if f != whole)]


def _listed(value: str | Sequence[str] | None) -> list[str]:
    if not value:
        return []
    return value.split("|") if isinstance(value, str) else list(value)


class OccupationLinker:
    """Scores texts against occupation labels; `link` gives each text's top occupations.

    Args:
        labels: the labels (see `occupation_labels`).
        vectors: the encoder's vector of each label, L2-normalised, same order.
        dense_weight, lexical_weight: the mix of the two scores.
    """

    def __init__(
        self,
        labels: Sequence[OccupationLabel],
        vectors: np.ndarray,
        *,
        dense_weight: float,
        lexical_weight: float,
    ) -> None:
        self.occupation_ids = list(dict.fromkeys(label.occupation_id for label in labels))
        column = {occupation_id: n for n, occupation_id in enumerate(self.occupation_ids)}
        # Labels grouped by occupation, so that the best label of each is one reduceat.
        order = sorted(range(len(labels)), key=lambda i: column[labels[i].occupation_id])
        columns = np.array([column[labels[i].occupation_id] for i in order])
        self._starts = np.flatnonzero(np.r_[True, columns[1:] != columns[:-1]])
        self._label_weight = np.array([labels[i].weight for i in order], dtype=np.float32)
        self._vectors = np.asarray(vectors, dtype=np.float32)[order]
        self._lexical = LexicalIndex(
            [labels[i].text for i in order],
            analyzer=linking_keys,
        )
        self.dense_weight, self.lexical_weight = dense_weight, lexical_weight

    def _best_per_occupation(self, label_scores: np.ndarray) -> np.ndarray:
        """(texts, labels) -> (texts, occupations): the best label of each occupation."""
        weighted = label_scores * self._label_weight
        return np.maximum.reduceat(weighted, self._starts, axis=1)

    def components(self, texts: Sequence[str], encoder: Encoder) -> tuple[np.ndarray, np.ndarray]:
        """Dense and lexical scores of each text for each occupation (texts × occupations)."""
        dense = self._best_per_occupation(encoder.encode(list(texts)) @ self._vectors.T)
        lexical = np.maximum(
            self._lexical.scores(texts),
            self._lexical.containment(texts, mass_scale=CONTAINMENT_MASS),
        )
        return dense, self._best_per_occupation(lexical)

    def scores(self, records: Sequence[Sequence[str]], encoder: Encoder) -> np.ndarray:
        """One row per record (its fields, whole text first): records × occupations."""
        flat = [(i, text) for i, fields in enumerate(records) for text in _parts(fields)]
        mixed = self._text_scores([text for _, text in flat], encoder)
        whole = np.zeros((len(records), len(self.occupation_ids)), dtype=np.float32)
        best_field = np.zeros_like(whole)
        fields = np.zeros(len(records), dtype=np.int32)
        for record, text in flat:
            if fields[record] == 0:
                whole[record] = mixed[text]
            else:
                best_field[record] = np.maximum(best_field[record], mixed[text])
            fields[record] += 1
        combined = WHOLE_TEXT_WEIGHT * whole + (1 - WHOLE_TEXT_WEIGHT) * best_field
        return np.where(fields[:, None] > 1, combined, whole)

    def _text_scores(self, texts: Sequence[str], encoder: Encoder) -> dict[str, np.ndarray]:
        """The mixed score row of each different text: records share skills and titles, and
        scoring a text against every label costs about 1 ms (issue 14)."""
        unique = list(dict.fromkeys(texts))
        rows: dict[str, np.ndarray] = {}
        for start in range(0, len(unique), 256):
            chunk = unique[start : start + 256]
            dense, lexical = self.components(chunk, encoder)
            mixed = self.dense_weight * dense + self.lexical_weight * lexical
            rows.update(zip(chunk, mixed, strict=True))
        return rows

    def link(
        self, records: Sequence[Sequence[str]], encoder: Encoder, *, top: int = TOP
    ) -> list[list[LinkedOccupation]]:
        """Each record's top occupations, best first, with relative weights in (0, 1]."""
        return [self.top_of(row, top=top) for row in self.scores(records, encoder)]

    def top_of(self, row: np.ndarray, *, top: int = TOP) -> list[LinkedOccupation]:
        """The best `top` occupations of one score row (none when the row is empty)."""
        if not np.any(row > 0):
            return []
        order = np.argsort(-row, kind="stable")[:top]
        best = float(row[order[0]])
        found = []
        for column in order:
            weight = float(np.exp((float(row[column]) - best) / TEMPERATURE))
            if weight >= RELATIVE_FLOOR:
                found.append(
                    LinkedOccupation(self.occupation_ids[column], float(row[column]), weight)
                )
        return found
