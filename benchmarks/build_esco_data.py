"""Build the compact ESCO product data (data/esco/) from the raw ESCO downloads.

The raw taxonomy (../shared/data/esco) is ~45 MB of CSV with descriptions, hidden labels and
concept schemes the product does not use. This script keeps only what the graph and the matcher
need, as three sorted, gzip-compressed CSV files that are byte-identical from one run to the next:

    .venv/bin/python benchmarks/build_esco_data.py [--source ../shared/data/esco] [--out data/esco]

English labels, types and relations come from ESCO v1.1.1; French and Arabic labels from the
v1.0 exports, joined on the concept URI (concepts added in v1.1 have none).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from models.common import term_key

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "esco"
DEFAULT_OUT = REPO / "data" / "esco"

EN_ZIP = "esco-v1.1.1-en.zip"
RELATIONS_ZIP = "esco-v1.1.1-relations.zip"
OCCUPATIONS_AR = "occupations_ar_v1.0.csv"
OCCUPATIONS_FR = "occupations_fr_v1.0.csv"
SKILLS_FR = "skills_fr_v1.0.csv"

KEPT_SKILL_TYPES = ("skill/competence", "knowledge")
RELATION_TYPES = ("essential", "optional")
MAX_ALT_LABELS = 5
LIST_SEPARATOR = "|"

SKILL_COLUMNS = ("id", "skill_type", "reuse_level", "label_en", "label_fr", "alt_en", "alt_fr")
OCCUPATION_COLUMNS = (
    "id",
    "isco_group",
    "label_en",
    "label_fr",
    "label_ar",
    "label_ar_full",
    "alt_en",
    "alt_fr",
)
RELATION_COLUMNS = ("occupation_id", "skill_id", "relation")

Row = dict[str, str]


@dataclass
class BuildReport:
    """Row counts and the data problems met while building, for the README and the console."""

    counts: dict[str, int]
    notes: list[str]
    sizes: dict[str, int]


def concept_id(uri: str) -> str:
    """The UUID at the end of an ESCO concept URI."""
    return uri.rstrip("/").rsplit("/", 1)[-1]


def clean(text: str | None) -> str:
    """One line, single spaces: the source has trailing and non-breaking spaces in labels."""
    return " ".join((text or "").split())


def alt_labels(raw: str | None, preferred: str) -> list[str]:
    """At most MAX_ALT_LABELS alternative labels, in source order, without repeats.

    A label that only differs from the preferred one (or an earlier one) by case or spacing is a
    repeat: it would add nothing to matching. The separator is removed so lists stay parseable.
    """
    seen = {term_key(preferred)}
    kept: list[str] = []
    for line in (raw or "").splitlines():
        label = clean(line).replace(LIST_SEPARATOR, "/")
        key = term_key(label)
        if key and key not in seen:
            seen.add(key)
            kept.append(label)
        if len(kept) == MAX_ALT_LABELS:
            break
    return kept


def first_form(label: str) -> str:
    """The first (masculine) form of an Arabic "masculine / feminine" label."""
    return clean(label.split("/", 1)[0])


def read_csv(source: Path, name: str, *, member: str | None = None) -> list[Row]:
    """Rows of a CSV file, or of a CSV member of a zip file when `member` is given."""
    if member is None:
        with (source / name).open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    with zipfile.ZipFile(source / name) as archive, archive.open(member) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")))


def by_id(rows: Iterable[Row]) -> dict[str, Row]:
    """Rows keyed by the id of their concept URI."""
    return {concept_id(row["conceptUri"]): row for row in rows}


def build_skills(en: list[Row], fr: dict[str, Row], notes: list[str]) -> list[Row]:
    """Skill rows of the kept types, French labels joined on the URI."""
    dropped = [row for row in en if row["skillType"] not in KEPT_SKILL_TYPES]
    if dropped:
        names = ", ".join(sorted(clean(row["preferredLabel"]) for row in dropped))
        notes.append(f"{len(dropped)} skills without a skill type dropped: {names}")
    rows = []
    for row in en:
        if row["skillType"] not in KEPT_SKILL_TYPES:
            continue
        skill_id = concept_id(row["conceptUri"])
        label_en = clean(row["preferredLabel"])
        french = fr.get(skill_id)
        label_fr = clean(french["preferredLabel"]) if french else ""
        rows.append(
            {
                "id": skill_id,
                "skill_type": row["skillType"],
                "reuse_level": row["reuseLevel"],
                "label_en": label_en,
                "label_fr": label_fr,
                "alt_en": LIST_SEPARATOR.join(alt_labels(row["altLabels"], label_en)),
                "alt_fr": LIST_SEPARATOR.join(
                    alt_labels(french["altLabels"], label_fr) if french else []
                ),
            }
        )
    return sorted(rows, key=lambda r: r["id"])


def build_occupations(en: list[Row], fr: dict[str, Row], ar: dict[str, Row]) -> list[Row]:
    """Occupation rows, French and Arabic labels joined on the URI."""
    rows = []
    for row in en:
        occupation_id = concept_id(row["conceptUri"])
        label_en = clean(row["preferredLabel"])
        french, arabic = fr.get(occupation_id), ar.get(occupation_id)
        label_fr = clean(french["preferredLabel"]) if french else ""
        label_ar_full = clean(arabic["preferredLabel"]) if arabic else ""
        rows.append(
            {
                "id": occupation_id,
                "isco_group": row["iscoGroup"],
                "label_en": label_en,
                "label_fr": label_fr,
                "label_ar": first_form(label_ar_full),
                "label_ar_full": label_ar_full,
                "alt_en": LIST_SEPARATOR.join(alt_labels(row["altLabels"], label_en)),
                "alt_fr": LIST_SEPARATOR.join(
                    alt_labels(french["altLabels"], label_fr) if french else []
                ),
            }
        )
    return sorted(rows, key=lambda r: r["id"])


def build_relations(
    raw: list[Row], occupation_ids: set[str], skill_ids: set[str], notes: list[str]
) -> list[Row]:
    """Occupation–skill pairs whose both ends are kept."""
    rows: list[Row] = []
    unknown_occupations: Counter[str] = Counter()
    unkept_skills: Counter[str] = Counter()
    for row in raw:
        occupation_id, skill_id = concept_id(row["occupationUri"]), concept_id(row["skillUri"])
        if occupation_id not in occupation_ids:
            unknown_occupations[occupation_id] += 1
        elif skill_id not in skill_ids:
            unkept_skills[skill_id] += 1
        elif row["relationType"] in RELATION_TYPES:
            relation = row["relationType"]
            rows.append(
                {"occupation_id": occupation_id, "skill_id": skill_id, "relation": relation}
            )
    if unknown_occupations:
        notes.append(
            f"{unknown_occupations.total()} occupation-skill links dropped: their occupation is "
            f"not in occupations_en.csv ({', '.join(sorted(unknown_occupations))})"
        )
    if unkept_skills:
        notes.append(
            f"{unkept_skills.total()} occupation-skill links dropped: their skill has no skill type"
        )
    if len(rows) + unknown_occupations.total() + unkept_skills.total() != len(raw):
        notes.append("some occupation-skill links had an unknown relation type and were dropped")
    return sorted(rows, key=lambda r: (r["occupation_id"], r["skill_id"]))


def label_notes(skills: list[Row], occupations: list[Row], fr_skills: dict[str, Row]) -> list[str]:
    """What the v1.0 French/Arabic exports do not cover of v1.1.1."""
    kept_ids = {row["id"] for row in skills}
    no_fr = sum(not row["label_fr"] for row in skills)
    occ_no_fr = sum(not row["label_fr"] for row in occupations)
    occ_no_ar = sum(not row["label_ar"] for row in occupations)
    return [
        f"{no_fr} of {len(skills)} skills have no French label (new in v1.1)",
        f"{len(set(fr_skills) - kept_ids)} skills of the French v1.0 export are not in v1.1.1",
        f"{occ_no_fr} of {len(occupations)} occupations have no French label, "
        f"{occ_no_ar} no Arabic label (new in v1.1)",
    ]


def write_gzip_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """A gzip CSV whose bytes depend only on the rows (no timestamp, no file name inside)."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as packed,
    ):
        packed.write(text.getvalue().encode("utf-8"))


def build(source: Path, out: Path) -> BuildReport:
    """Read the raw ESCO files in `source`, write the three product files and README to `out`."""
    notes: list[str] = []
    fr_skills = by_id(read_csv(source, SKILLS_FR))
    skills = build_skills(read_csv(source, EN_ZIP, member="skills_en.csv"), fr_skills, notes)
    occupations = build_occupations(
        read_csv(source, EN_ZIP, member="occupations_en.csv"),
        by_id(read_csv(source, OCCUPATIONS_FR)),
        by_id(read_csv(source, OCCUPATIONS_AR)),
    )
    relations = build_relations(
        read_csv(source, RELATIONS_ZIP, member="occupationSkillRelations.csv"),
        {row["id"] for row in occupations},
        {row["id"] for row in skills},
        notes,
    )
    notes.extend(label_notes(skills, occupations, fr_skills))
    out.mkdir(parents=True, exist_ok=True)
    outputs = (
        ("skills.csv.gz", SKILL_COLUMNS, skills),
        ("occupations.csv.gz", OCCUPATION_COLUMNS, occupations),
        ("occupation_skills.csv.gz", RELATION_COLUMNS, relations),
    )
    for name, columns, rows in outputs:
        write_gzip_csv(out / name, columns, rows)
    report = BuildReport(
        counts={name: len(rows) for name, _, rows in outputs},
        notes=notes,
        sizes={name: (out / name).stat().st_size for name, _, _ in outputs},
    )
    (out / "README.md").write_text(readme(report, relations), encoding="utf-8")
    return report


def readme(report: BuildReport, relations: list[Row]) -> str:
    """The README of data/esco: attribution, sources, version, counts, how to rebuild."""
    essential = sum(row["relation"] == "essential" for row in relations)
    counts = "\n".join(
        f"| `{name}` | {count:,} | {report.sizes[name] / 1e6:.2f} MB |"
        for name, count in report.counts.items()
    )
    notes = "\n".join(f"- {note}" for note in report.notes)
    return f"""# ESCO taxonomy (product data)

Contains data from the **ESCO classification of the European Commission**
(© European Union, https://esco.ec.europa.eu), reused under Commission Decision
2011/833/EU. The files below are a reduced and reformatted extract; the European Commission
does not endorse this product.

## Version and sources

- ESCO **v1.1.1**, English (`{EN_ZIP}`: `skills_en.csv`, `occupations_en.csv`;
  `{RELATIONS_ZIP}`: `occupationSkillRelations.csv`): ids, types, English labels, relations.
- ESCO **v1.0** French labels (`{OCCUPATIONS_FR}`, `{SKILLS_FR}`) and Arabic occupation labels
  (`{OCCUPATIONS_AR}`), joined on the concept URI.

Raw files: `../shared/data/esco/` (see `../shared/data/README.md` for where they come from).

## Files

All files are UTF-8 CSV, gzip-compressed, sorted by id; lists are `|`-joined.

| file | rows | size |
|---|---|---|
{counts}

- `skills.csv.gz`: `{",".join(SKILL_COLUMNS)}`. `id` is the UUID ending the concept URI
  (`http://data.europa.eu/esco/skill/<id>`). Only `skill/competence` and `knowledge` skills.
- `occupations.csv.gz`: `{",".join(OCCUPATION_COLUMNS)}`. `label_ar_full` is the Arabic label
  as given ("masculine / feminine"), `label_ar` its first form.
- `occupation_skills.csv.gz`: `{",".join(RELATION_COLUMNS)}`, `relation` being
  `essential` ({essential:,}) or `optional` ({len(relations) - essential:,}).

Alternative labels: at most {MAX_ALT_LABELS} per language, in source order, without those equal
to the preferred label or to each other once case and spacing are ignored. Labels have their
spaces normalised. A missing French or Arabic label is an empty field.

## Data notes

{notes}

## Rebuild

```
.venv/bin/python benchmarks/build_esco_data.py --source ../shared/data/esco --out data/esco
```

The output is deterministic (sorted rows, gzip without timestamp): rebuilding from the same
sources gives byte-identical files.
"""


def main(argv: Sequence[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="raw ESCO folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    report = build(args.source, args.out)
    for line in _summary(report):
        print(line)


def _summary(report: BuildReport) -> Iterator[str]:
    for name, count in report.counts.items():
        yield f"{name}: {count:,} rows, {report.sizes[name] / 1e6:.2f} MB"
    yield f"total: {sum(report.sizes.values()) / 1e6:.2f} MB"
    yield from (f"note: {note}" for note in report.notes)


if __name__ == "__main__":
    main()
