"""Use case: link every youth, mentor and offer to the ESCO occupations its text names.

The linker (`matcher.occupation_linker`) is built once per process and encoder from the ESCO
product data and the lexicon; the label vectors are cached on disk (`MULTAQA_CACHE_DIR`, by
default ~/.cache/multaqa), keyed by the encoder and the labels, so that only the first build
encodes them. Records are linked when new or changed (content hash), or when the linker or
the encoder changed (`LINKER_VERSION`).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from graph import occupation_links as graph_links
from graph import recommend as graph_recommend
from graph import records as graph_records
from matcher.encoders import Encoder
from matcher.lexicon import load_lexicon, sectors_named
from matcher.occupation_linker import (
    LinkedOccupation,
    OccupationLinker,
    occupation_labels,
    without_requests,
)
from models.records import Record
from services import batches
from services.db import Graph
from services.esco import read_esco

# Chosen by hand, then checked on two sets (not fitted). MELO's 300 training queries alone
# prefer dense 0.15 (`multaqa evaluate --only b --sample 300` prints it): French job titles
# against ESCO's French labels are a lexical task. On the 180 hand-written profiles of
# evaluation (a) (MSA, Darija in both scripts, French, English, mixed) the weight barely
# matters (`multaqa evaluate --only a` prints their linking; MRR of the wanted occupation
# in the top 5 links: dense 0.45 75.4, 0.55 74.6, 0.65 74.0): the encoder carries the Arabic
# and Darija texts that share no word with a label.
LINKER_WEIGHTS = {"dense": 0.55, "lexical": 0.45}
# 3: clauses, containment, the whole text weighing 0.75 (matcher.occupation_linker), an
# offer's title as its whole text.
# 4: request nouns left out ("أبحث عن مرشد"), skill words weighed by their specificity, the
# MSA accusative alif, the Darija letters گ ڭ ڤ پ in words, more MSA words in the lexicon.
# 5: request nouns left out of youths' texts only ("cherche coach sportif" in an offer names
# the trade), and never "aide" (aide-soignante).
# 6: a proclitic fused with the article dropped ("فالطريسيتي" → "الطريسيتي"); Darija words
# for jam, electricity, phone repair, founding a cooperative and nature tourism in the lexicon.
# 7: the sectors a text names in the lexicon's words stored beside the links.
LINKER_VERSION = "7"
BATCH = 2000  # records per read and write; their repeated short fields are scored once
MAX_SHORT_FIELDS = 4


def cache_dir() -> Path:
    """Where the label vectors are kept between processes."""
    return Path(os.environ.get("MULTAQA_CACHE_DIR") or Path.home() / ".cache" / "multaqa")


_LINKERS: dict[str, OccupationLinker] = {}
_LOCK = threading.Lock()


def linker_for(encoder: Encoder) -> OccupationLinker:
    """The occupation linker of this encoder (built once per process)."""
    with _LOCK:
        if encoder.name not in _LINKERS:
            _LINKERS[encoder.name] = _build_linker(encoder)
        return _LINKERS[encoder.name]


def _build_linker(encoder: Encoder) -> OccupationLinker:
    data = read_esco()
    essential: dict[str, list[str]] = {}
    for relation in data.relations:
        if relation["essential"]:
            essential.setdefault(relation["skill_id"], []).append(relation["occupation_id"])
    esco_labels = occupation_labels(data.occupations, (), essential)
    labels = occupation_labels(data.occupations, load_lexicon(), essential)
    # ESCO's labels come first and change with ESCO only: cached apart from the lexicon's.
    extra = list(dict.fromkeys(label.text for label in labels[len(esco_labels) :]))
    esco_vectors = _label_vectors(encoder, [label.text for label in esco_labels])
    extra_vectors = _label_vectors(encoder, extra) if extra else np.zeros((0, encoder.dim))
    row = {text: n for n, text in enumerate(extra)}
    vectors = np.concatenate(
        [esco_vectors, extra_vectors[[row[label.text] for label in labels[len(esco_labels) :]]]]
    )
    return OccupationLinker(
        labels,
        vectors,
        dense_weight=LINKER_WEIGHTS["dense"],
        lexical_weight=LINKER_WEIGHTS["lexical"],
    )


def _label_vectors(encoder: Encoder, texts: list[str]) -> np.ndarray:
    digest = hashlib.sha256("\n".join([encoder.name, *texts]).encode()).hexdigest()[:16]
    path = cache_dir() / f"occupation-labels-{digest}.npy"
    if path.is_file():
        cached: np.ndarray = np.load(path)
        return cached.astype(np.float32)
    vectors = np.concatenate(
        [encoder.encode(texts[i : i + 2000]) for i in range(0, len(texts), 2000)]
    ).astype(np.float16)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
    np.save(tmp, vectors)
    tmp.replace(path)
    return vectors.astype(np.float32)


def record_fields(record: dict[str, Any]) -> list[str]:
    """What names a record's occupation: its whole text first, then each short field."""
    kind = record["type"]
    project = record.get("project") or {}
    if kind == "youth":
        short = [project.get("title"), *record.get("skills", []), *record.get("interests", [])]
        whole = [record.get("bio"), project.get("title"), project.get("description")]
        whole += record.get("skills", [])
    elif kind == "mentor":
        short = list(record.get("skills", []))
        whole = [record.get("bio"), *record.get("skills", [])]
    elif kind == "job_offer":
        # An offer's title names its occupation; its description is about the employer too
        # ("Atelier de chaudronnerie" under "Soudeur qualifié"): the title is its whole text.
        short = [record.get("description"), *record.get("required_skills", [])]
        whole = [record.get("title") or record.get("description")]
    else:
        return []
    if kind == "youth":  # what she asks the platform for ("a mentor") is not her trade
        whole, short = (
            [without_requests(t) for t in whole if t],
            [without_requests(t) for t in short if t],
        )
    text = ". ".join(t for t in whole if t)
    # The short fields that differ from the whole text, at most MAX_SHORT_FIELDS: each costs
    # one pass over every label.
    fields = [s for s in dict.fromkeys(s for s in short if s) if s != text][:MAX_SHORT_FIELDS]
    return [text, *fields] if text else []


def link_records(
    records: Sequence[dict[str, Any]], encoder: Encoder
) -> list[list[LinkedOccupation]]:
    """The top occupations of each record (records as import-contract dicts)."""
    return linker_for(encoder).link([record_fields(r) for r in records], encoder)


def link_new_records(graph: Graph, encoder: Encoder) -> int:
    """Link every youth, mentor and offer new or changed since its last link (its occupations
    and the sectors its text names), then recompute
    in which sectors each occupation is found; returns how many records were linked."""
    stamp = f"{encoder.name}|{LINKER_VERSION}"
    ids = graph.read(graph_links.unlinked_record_ids, stamp)
    kinds: set[str] = set()

    def rows_of(records: list[Record]) -> list[dict[str, Any]]:
        kinds.update(record.type for record in records)
        dicts = [record.model_dump(mode="json") for record in records]
        links = link_records(dicts, encoder)
        rows = []
        for record, fields, found in zip(records, dicts, links, strict=True):
            named = sectors_named(record_fields(fields))
            rows.append(
                {
                    "id": record.id,
                    "hash": graph_records.content_hash(record),
                    "links": [{"id": o.id, "score": o.score, "weight": o.weight} for o in found],
                    "sector_keys": list(named),
                    "sector_weights": list(named.values()),
                }
            )
        return rows

    batches.each_batch(
        graph,
        ids,
        batch_size=BATCH,
        compute=rows_of,
        write=lambda rows: graph.write(graph_links.write_links, rows, stamp=stamp),
    )
    if "job_offer" in kinds:  # only offers' links say where an occupation is found
        graph.write(graph_recommend.refresh_occupation_sectors)
    return len(ids)
