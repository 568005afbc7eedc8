"""The ESCO taxonomy: read from the product data (data/esco/), loaded into the graph.

`read_esco` gives the taxonomy as plain Python data to code that does not need the graph;
`load_esco` writes it to the graph idempotently: loading the same data again writes nothing
and creates no duplicates. The files are built by `benchmarks/build_esco_data.py`.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, TypeVar

from graph import esco as graph_esco
from graph.driver import ManagedTransaction
from matcher.lexical import has_arabic_letters
from matcher.lexicon import arabic_skills_starting
from services.db import Graph

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "esco"
SKILLS_FILE = "skills.csv.gz"
OCCUPATIONS_FILE = "occupations.csv.gz"
RELATIONS_FILE = "occupation_skills.csv.gz"
LIST_SEPARATOR = "|"

# Called after each written batch with (phase, rows done in the phase, rows in the phase);
# the phases are "skills", "occupations" and "relations", in that order.
ProgressCallback = Callable[[str, int, int], None]
T = TypeVar("T")


class EscoSkill(TypedDict):
    """One ESCO skill (knowledge or skill/competence)."""

    id: str
    skill_type: str
    reuse_level: str
    label_en: str
    label_fr: str | None
    alt_en: list[str]
    alt_fr: list[str]


class Occupation(TypedDict):
    """One ESCO occupation; `label_ar` is the first form of `label_ar_full`."""

    id: str
    isco_group: str
    label_en: str
    label_fr: str | None
    label_ar: str | None
    label_ar_full: str | None
    alt_en: list[str]
    alt_fr: list[str]


class Relation(TypedDict):
    """An occupation needs a skill, essentially or optionally."""

    occupation_id: str
    skill_id: str
    essential: bool


@dataclass
class EscoData:
    """The taxonomy as plain lists of dicts, each sorted by id."""

    skills: list[EscoSkill] = field(default_factory=list)
    occupations: list[Occupation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def occupation_skills(self) -> dict[str, list[tuple[str, bool]]]:
        """Occupation id → [(skill id, essential)] (every occupation, even without skills)."""
        found: dict[str, list[tuple[str, bool]]] = {o["id"]: [] for o in self.occupations}
        for relation in self.relations:
            found[relation["occupation_id"]].append((relation["skill_id"], relation["essential"]))
        return found

    def subset(self, occupation_limit: int) -> EscoData:
        """The first `occupation_limit` occupations by id, with their skills and links only."""
        occupations = self.occupations[:occupation_limit]
        kept = {o["id"] for o in occupations}
        relations = [r for r in self.relations if r["occupation_id"] in kept]
        needed = {r["skill_id"] for r in relations}
        skills = [s for s in self.skills if s["id"] in needed]
        return EscoData(skills=skills, occupations=occupations, relations=relations)


def read_esco(data_dir: Path = DATA_DIR) -> EscoData:
    """Read the product data files.

    Args:
        data_dir: The folder holding skills.csv.gz, occupations.csv.gz and
            occupation_skills.csv.gz.

    Returns:
        The skills, occupations and relations, in file order (sorted by id).
    """
    return EscoData(
        skills=[_skill(row) for row in _rows(data_dir / SKILLS_FILE)],
        occupations=[_occupation(row) for row in _rows(data_dir / OCCUPATIONS_FILE)],
        relations=[_relation(row) for row in _rows(data_dir / RELATIONS_FILE)],
    )


def load_esco(
    graph: Graph,
    *,
    data_dir: Path = DATA_DIR,
    batch_size: int = 2000,
    on_progress: ProgressCallback | None = None,
    occupation_limit: int | None = None,
) -> dict[str, int]:
    """Write the taxonomy to the graph: skills, then occupations, then their links.

    The ESCO schema (graph.esco.apply_schema) must have been applied. Only what differs from
    the graph is written, so a second load of the same data changes nothing.

    Args:
        graph: The graph to write to.
        data_dir: Where the product data files are.
        batch_size: Rows per transaction (links, for the relations).
        on_progress: Called after each batch with (phase, rows done, rows in phase).
        occupation_limit: Load only this many occupations (the first by id) and their skills,
            e.g. for fast tests.

    Returns:
        The rows in the data (`skills`, `occupations`, `relations`) and how many of each were
        created or changed (`skills_written`, ...).
    """
    data = read_esco(data_dir)
    if occupation_limit is not None:
        data = data.subset(occupation_limit)
    data_counts = {
        "skills": len(data.skills),
        "occupations": len(data.occupations),
        "relations": len(data.relations),
    }
    counts = dict(data_counts)
    skill_rows = [_skill_row(s) for s in data.skills]
    occupation_rows = [_occupation_row(o) for o in data.occupations]
    counts["skills_written"] = _write_batches(
        graph, "skills", graph_esco.write_skills, skill_rows, batch_size, on_progress
    )
    counts["occupations_written"] = _write_batches(
        graph, "occupations", graph_esco.write_occupations, occupation_rows, batch_size, on_progress
    )
    counts["relations_written"] = _write_relations(graph, data, batch_size, on_progress)
    graph.write(graph_esco.record_taxonomy, counts=data_counts)
    return counts


def skill_node_properties(skill: EscoSkill) -> dict[str, Any]:
    """The properties of an ESCO skill node (besides `key`, set by the query)."""
    return {
        "id": skill["id"],
        "uri": graph_esco.SKILL_URI_PREFIX + skill["id"],
        "name": skill["label_en"],
        "name_en": skill["label_en"],
        "name_fr": skill["label_fr"],
        "skill_type": skill["skill_type"],
        "reuse_level": skill["reuse_level"],
        "alt_en": skill["alt_en"],
        "alt_fr": skill["alt_fr"],
    }


def occupation_node_properties(occupation: Occupation) -> dict[str, Any]:
    """The properties of an :Occupation node."""
    return {
        "id": occupation["id"],
        "uri": graph_esco.OCCUPATION_URI_PREFIX + occupation["id"],
        "isco_group": occupation["isco_group"],
        "name_en": occupation["label_en"],
        "name_fr": occupation["label_fr"],
        "name_ar": occupation["label_ar"],
        "name_ar_full": occupation["label_ar_full"],
        "alt_en": occupation["alt_en"],
        "alt_fr": occupation["alt_fr"],
    }


def _write_batches(
    graph: Graph,
    phase: str,
    work: Callable[[ManagedTransaction, Sequence[dict[str, Any]]], int],
    rows: list[dict[str, Any]],
    batch_size: int,
    on_progress: ProgressCallback | None,
) -> int:
    written = done = 0
    for batch in _chunks(rows, batch_size):
        written += graph.write(work, batch)
        done += len(batch)
        if on_progress is not None:
            on_progress(phase, done, len(rows))
    return written


def _write_relations(
    graph: Graph, data: EscoData, batch_size: int, on_progress: ProgressCallback | None
) -> int:
    """One row per occupation with all its links, batched to about `batch_size` links.

    An occupation is never split across batches: its row replaces its whole link set.
    """
    groups = [
        {"id": occupation_id, "skills": [{"id": s, "essential": e} for s, e in skills]}
        for occupation_id, skills in data.occupation_skills().items()
    ]
    written = done = 0
    for batch in _groups_of_links(groups, batch_size):
        written += graph.write(graph_esco.write_occupation_skills, batch)
        done += sum(len(group["skills"]) for group in batch)
        if on_progress is not None:
            on_progress("relations", done, len(data.relations))
    return written


def _groups_of_links(
    groups: list[dict[str, Any]], batch_size: int
) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    links = 0
    for group in groups:
        batch.append(group)
        links += len(group["skills"])
        if links >= batch_size:
            yield batch
            batch, links = [], 0
    if batch:
        yield batch


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), max(size, 1)):
        yield items[start : start + size]


def _skill_row(skill: EscoSkill) -> dict[str, Any]:
    return _hashed(skill["id"], skill_node_properties(skill))


def _occupation_row(occupation: Occupation) -> dict[str, Any]:
    return _hashed(occupation["id"], occupation_node_properties(occupation))


def _hashed(node_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """A write row whose hash lets the query skip nodes whose properties did not change."""
    digest = hashlib.sha256(json.dumps(props, sort_keys=True).encode()).hexdigest()
    return {"id": node_id, "hash": digest, "props": props}


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _split(text: str) -> list[str]:
    return text.split(LIST_SEPARATOR) if text else []


def _skill(row: dict[str, str]) -> EscoSkill:
    return EscoSkill(
        id=row["id"],
        skill_type=row["skill_type"],
        reuse_level=row["reuse_level"],
        label_en=row["label_en"],
        label_fr=row["label_fr"] or None,
        alt_en=_split(row["alt_en"]),
        alt_fr=_split(row["alt_fr"]),
    )


def _occupation(row: dict[str, str]) -> Occupation:
    return Occupation(
        id=row["id"],
        isco_group=row["isco_group"],
        label_en=row["label_en"],
        label_fr=row["label_fr"] or None,
        label_ar=row["label_ar"] or None,
        label_ar_full=row["label_ar_full"] or None,
        alt_en=_split(row["alt_en"]),
        alt_fr=_split(row["alt_fr"]),
    )


def _relation(row: dict[str, str]) -> Relation:
    return Relation(
        occupation_id=row["occupation_id"],
        skill_id=row["skill_id"],
        essential=row["relation"] == "essential",
    )


def is_loaded(graph: Graph) -> bool:
    """Whether this version of ESCO is already in the graph."""
    taxonomy = graph.read(graph_esco.read_taxonomy)
    return taxonomy is not None and taxonomy.version == graph_esco.ESCO_VERSION


MIN_PREFIX = 2


def suggest_skill_names(graph: Graph, typed: str, lang: str, *, limit: int = 8) -> list[str]:
    """ESCO skill names for what a person is typing in a skills field (the last item of a
    comma-separated list), in the page's language (French on Arabic pages); typed in Arabic
    letters, the lexicon's Arabic words for skills and trades (ESCO has no Arabic skill
    labels)."""
    prefix = typed.replace("،", ",").split(",")[-1].strip().lower()
    if len(prefix) < MIN_PREFIX:
        return []
    if has_arabic_letters(prefix):  # ESCO has no Arabic skill labels: the lexicon's words
        return arabic_skills_starting(prefix, limit=limit)
    return graph.read(graph_esco.suggest_skills, prefix[:60], english=lang == "en", limit=limit)
