"""Evaluation (a): hand-written free-text youth profiles, scored on the demo offers and mentors.

The profiles (`data/eval/free_text_youths.jsonl`) are short texts written as youths of the
province write — MSA, Darija in Arabic or Latin letters, French, English, mixed — each
labelled with the demo sectors and the ESCO occupations it wants. The items are the demo data
(`demo.data.generate_demo`, scale 1, seed 0, a fixed `today`): 400 offers and 150 mentors,
with their 200 organisations (the demo's youths, never items here, are left out). What each
item is about comes from the demo generator itself, never from its text:

- an offer's sector is its organisation's sector, read back from its title (each demo job
  title belongs to one sector's bank), and its occupation is the ESCO occupation of that title
  in `data/eval/demo_job_occupations.tsv` (chosen by hand);
- a mentor's sectors are its declared sectors, the first being the one its bio is about; its
  occupations are those of the job titles of that first sector.

Metrics per youth, then averaged per language form: precision@5 for the wanted sector (share
of the top 5 in one of the youth's sectors) and nDCG@10 with grades 2 (an offer of a wanted
occupation; a mentor whose first sector holds a wanted occupation) and 1 (an item of a wanted
sector). Pools: offers open on `today`; mentors with a free place who share a language with the
youth (the product's hard rules, so that every system ranks what may be suggested).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from demo import phrases as demo_phrases
from demo.data import generate_demo
from evaluation.sets import EvaluationSet, Task
from matcher.quality import ndcg_at_k
from models.places import find_commune

ROOT = Path(__file__).resolve().parents[1]
PROFILES_PATH = ROOT / "data" / "eval" / "free_text_youths.jsonl"
DEMO_JOBS_PATH = ROOT / "data" / "eval" / "demo_job_occupations.tsv"
DEMO_TODAY = dt.date(2026, 6, 1)
DEMO_SCALE = 1.0
DEMO_SEED = 0
FORMS = ("msa", "darija_arabic", "darija_latin", "french", "english", "mixed")
ALL_FORMS = "all"
TASKS: tuple[Task, ...] = ("jobs", "mentors")
REQUIRED = ("id", "form", "bio", "sectors", "occupations")
YOUTH_AGE = 24


@dataclass(frozen=True)
class FreeTextQuery:
    """One hand-written youth, what it wants, its pools and graded items per task."""

    youth_id: str
    form: str
    sectors: frozenset[str]
    occupations: tuple[str, ...]
    pools: dict[Task, list[str]]
    relevant: dict[Task, dict[str, int]]


@dataclass
class FreeTextSet:
    """Demo records and youths (import contract), queries, and what each item is about."""

    records: list[dict[str, Any]] = field(default_factory=list)
    queries: list[FreeTextQuery] = field(default_factory=list)
    item_sectors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    item_occupations: dict[str, frozenset[str]] = field(default_factory=dict)

    def as_evaluation_set(self) -> EvaluationSet:
        """The records in the shape the baselines of evaluation.metrics read."""
        return EvaluationSet(records=self.records)


def read_profiles(path: Path = PROFILES_PATH) -> list[dict[str, Any]]:
    """The hand-written profiles, one JSON object per line.

    Raises:
        ValueError: a line is not JSON, misses a field or names an unknown form or sector;
            the message gives the line number.
    """
    profiles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            profile = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path.name} line {number}: not JSON ({error})") from error
        missing = [key for key in REQUIRED if not profile.get(key) and key != "bio"]
        missing += [] if isinstance(profile.get("bio"), str) else ["bio"]
        if missing:
            raise ValueError(f"{path.name} line {number}: missing {', '.join(missing)}")
        if profile["form"] not in FORMS:
            raise ValueError(f"{path.name} line {number}: unknown form {profile['form']!r}")
        unknown = [s for s in profile["sectors"] if s not in demo_phrases.SECTORS]
        if unknown:
            raise ValueError(f"{path.name} line {number}: unknown sectors {unknown}")
        profiles.append(profile)
    return profiles


def demo_job_occupations(path: Path = DEMO_JOBS_PATH) -> dict[str, tuple[str, str]]:
    """Demo job title -> (sector key, ESCO occupation id)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter="\t")
    return {row["title"]: (row["sector"], row["occupation_id"]) for row in rows}


def youth_record(profile: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """An import-contract youth from a hand-written profile (labels left out)."""
    languages = list(dict.fromkeys(profile.get("languages") or ["ar"]))
    if "ary" in languages and "ar" not in languages:
        languages.append("ar")  # Darija speakers read Arabic: the mentor rule needs a language
    commune = profile.get("commune") or "Khouribga"
    record: dict[str, Any] = {
        "type": "youth",
        "id": profile["id"],
        "name": f"Youth {profile['id']}",
        "birth_year": today.year - YOUTH_AGE,
        "bio": profile["bio"],
        "skills": list(profile.get("skills") or []),
        "interests": list(profile.get("interests") or []),
        "languages": languages,
        "location": {"commune": commune if find_commune(commune) else "Khouribga"},
        "seeking": list(profile.get("seeking") or ["job"]),
    }
    if profile.get("project"):
        project = profile["project"]
        record["project"] = {
            "title": project.get("title") or project.get("description", "")[:60] or "projet",
            "description": project.get("description") or "",
            "stage": project.get("stage") or "idea",
        }
    return record


def build_free_text_set(
    profiles: Sequence[dict[str, Any]],
    *,
    today: dt.date = DEMO_TODAY,
    jobs_path: Path = DEMO_JOBS_PATH,
) -> FreeTextSet:
    """The demo data, the youths, and each youth's pools and graded items."""
    # The demo's own youths are never items of (a): left out, they cost the import nothing.
    demo = generate_demo(scale=DEMO_SCALE, seed=DEMO_SEED, today=today)
    result = FreeTextSet(records=[r for r in demo if r["type"] != "youth"])
    jobs = demo_job_occupations(jobs_path)
    by_sector: dict[str, set[str]] = defaultdict(set)
    for sector, occupation in jobs.values():
        by_sector[sector].add(occupation)
    sector_of_label = {label: key for key, label in demo_phrases.SECTORS.items()}
    open_offers, mentors = [], []
    for record in result.records:
        if record["type"] == "job_offer":
            sector, occupation = _job_of(record["title"], jobs)
            result.item_sectors[record["id"]] = (sector,)
            result.item_occupations[record["id"]] = frozenset({occupation})
            if dt.date.fromisoformat(record["expires_on"]) >= today:
                open_offers.append(record["id"])
        elif record["type"] == "mentor":
            declared = tuple(sector_of_label[s] for s in record["sectors"])
            result.item_sectors[record["id"]] = declared
            result.item_occupations[record["id"]] = frozenset(by_sector[declared[0]])
            if record.get("capacity"):
                mentors.append(record)
    for profile in profiles:
        youth = youth_record(profile, today)
        result.records.append(youth)
        spoken = set(youth["languages"])
        pools: dict[Task, list[str]] = {
            "jobs": open_offers,
            "mentors": [m["id"] for m in mentors if spoken & set(m["languages"])],
        }
        sectors, wanted = frozenset(profile["sectors"]), tuple(profile["occupations"])
        result.queries.append(
            FreeTextQuery(
                youth_id=youth["id"],
                form=profile["form"],
                sectors=sectors,
                occupations=wanted,
                pools=pools,
                relevant={
                    task: {
                        item: grade
                        for item in pools[task]
                        if (grade := _grade(result, item, task, sectors, wanted))
                    }
                    for task in TASKS
                },
            )
        )
    return result


def _job_of(title: str, jobs: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The demo job a title was made from (contract prefix + job title): the longest match."""
    matches = [job for job in jobs if title.endswith(job)]
    if not matches:
        raise ValueError(f"demo job title {title!r} is not in {DEMO_JOBS_PATH.name}")
    return jobs[max(matches, key=len)]


def _grade(
    result: FreeTextSet, item: str, task: Task, sectors: frozenset[str], wanted: Sequence[str]
) -> int:
    item_sectors = result.item_sectors[item]
    if task == "jobs":
        if result.item_occupations[item] & set(wanted):
            return 2
        return 1 if set(item_sectors) & sectors else 0
    if item_sectors[0] in sectors and result.item_occupations[item] & set(wanted):
        return 2
    return 1 if set(item_sectors) & sectors else 0


# ---------------------------------------------------------------- metrics


@dataclass(frozen=True)
class FreeTextScores:
    """Mean precision@5 (wanted sector) and nDCG@10 (wanted occupations) over queries."""

    precision: float
    ndcg: float
    queries: int


def sector_precision(
    ranked: Sequence[str], result: FreeTextSet, sectors: frozenset[str], k: int = 5
) -> float:
    """Share of the top k in one of the wanted sectors (a short list counts its gaps as misses)."""
    return sum(1 for item in ranked[:k] if set(result.item_sectors[item]) & sectors) / k


def score_rankings(
    result: FreeTextSet, rankings: dict[Task, dict[str, list[str]]]
) -> dict[Task, dict[str, FreeTextScores]]:
    """Scores per task and language form ("all" too) of the rankings of every query."""
    scores: dict[Task, dict[str, FreeTextScores]] = {}
    for task in TASKS:
        groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for query in result.queries:
            ranked = rankings[task][query.youth_id]
            grades = query.relevant[task]
            row = (
                sector_precision(ranked, result, query.sectors),
                ndcg_at_k([grades.get(i, 0) for i in ranked[:10]], list(grades.values()), k=10),
            )
            groups[query.form].append(row)
            groups[ALL_FORMS].append(row)
        scores[task] = {
            form: FreeTextScores(
                precision=float(np.mean([p for p, _ in rows])),
                ndcg=float(np.mean([n for _, n in rows])),
                queries=len(rows),
            )
            for form, rows in groups.items()
        }
    return scores
