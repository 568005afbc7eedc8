"""Staff import a file from a page: the upload becomes a background job (validated, written,
embedded), whose progress and result the page shows. The CLI imports directly
(`services.importer`); both read files with `services.record_files`."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from pydantic import BaseModel

from graph import jobs as graph_jobs
from matcher.encoders import Encoder
from models.job import ImportLineProblem, ImportOutcome, Job, JobStatus
from services import followups, importer, jobs
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import FieldError, InvalidInput, NotFound
from services.record_files import (
    ENCODINGS,
    XLSX_SUFFIXES,
    Encoding,
    RawLine,
    detected_encoding,
    read_bytes,
)
from services.settings import Settings

log = logging.getLogger("multaqa.imports")

KIND = "import"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv", *XLSX_SUFFIXES})
MAX_PROBLEMS_KEPT = 500  # rows shown on the page; the count says how many in all
VALUE_SHOWN = 80


class ImportOptions(BaseModel):
    encoding: Encoding = "auto"
    skip_invalid: bool = False
    source_job: str | None = None  # the rejected job whose valid rows this job imports


def start_import(
    graph: Graph,
    actor: Actor,
    *,
    name: str,
    content: bytes,
    encoding: str = "auto",
    skip_invalid: bool = False,
) -> str:
    """Queue the import of an uploaded file (staff); the id of the job to follow.

    Raises:
        InvalidInput: no file, an empty or too large one, an unknown format or encoding.
    """
    require_staff(actor, "import records")
    problem = _upload_problem(name, content, encoding)
    if problem:
        raise InvalidInput([problem])
    options = ImportOptions(encoding=encoding, skip_invalid=skip_invalid)  # type: ignore[arg-type]
    return _queue(graph, actor, Path(name).name, content, options)


def import_valid_rows(graph: Graph, actor: Actor, job_id: str) -> str:
    """Import again the file of a rejected job, skipping its invalid rows; the new job's id."""
    job = jobs.get(graph, actor, job_id, kind=KIND)
    content, raw_options, name = graph.read(graph_jobs.read_input, job_id)
    if job.status is not JobStatus.REJECTED or content is None or name is None:
        raise NotFound(f"job {job_id} has no file left to import")
    options = ImportOptions.model_validate_json(raw_options or "{}")
    again = options.model_copy(update={"skip_invalid": True, "source_job": job_id})
    return _queue(graph, actor, name, content, again)


def _queue(graph: Graph, actor: Actor, name: str, content: bytes, options: ImportOptions) -> str:
    job_id = jobs.create(
        graph,
        kind=KIND,
        actor=actor,
        subject=name,
        job_input=content,
        options=options.model_dump_json(),
    )
    followups.run_import(job_id)
    return job_id


def _upload_problem(name: str, content: bytes, encoding: str) -> FieldError | None:
    if not name:
        return FieldError("file", "choose a file", "file_missing")
    if Path(name).suffix.lower() not in SUFFIXES:
        return FieldError("file", f"{name} is not .jsonl, .csv or .xlsx", "file_type")
    if not content:
        return FieldError("file", "the file is empty", "file_empty")
    if len(content) > MAX_UPLOAD_BYTES:
        return FieldError("file", "the file is larger than 20 MB", "file_too_large")
    if encoding not in ENCODINGS:
        return FieldError("encoding", "unknown encoding", "literal_error")
    return None


def run_import(graph: Graph, encoder: Encoder, settings: Settings, job_id: str) -> JobStatus:
    """The task: read, validate, write and embed the job's file, reporting progress.

    Invalid rows without `skip_invalid` reject the job (nothing written; the file is kept for
    "import the valid rows" until those are imported, or the retention period ends). Re-running
    a finished job does nothing.
    """
    job = graph.read(graph_jobs.read_job, job_id)
    if job is None or job.status.finished:
        return job.status if job else JobStatus.FAILED
    content, raw_options, name = graph.read(graph_jobs.read_input, job_id)
    if content is None or name is None:
        jobs.finish(graph, job_id, JobStatus.FAILED, error="the file is no longer stored")
        return JobStatus.FAILED
    options = ImportOptions.model_validate_json(raw_options or "{}")
    progress = jobs.Progress(graph, job_id)
    progress.start("reading")
    lines = list(read_bytes(name, bytes(content), encoding=options.encoding))
    outcome = ImportOutcome(
        lines=len(lines),
        skipped_invalid=options.skip_invalid,
        encoding=_encoding_used(name, bytes(content), options.encoding),
    )
    progress.start("validating", len(lines))
    steps = importer.ImportProgress(
        on_validated=lambda n: progress.start("writing", n),
        on_written=progress.advance,
        on_embed_total=lambda n: progress.start("embedding", n),
        on_embedded=progress.advance,
    )
    try:
        report = importer.import_lines(
            graph,
            lines,
            settings,
            encoder=encoder,
            skip_invalid=options.skip_invalid,
            progress=steps,
        )
    except importer.ImportRejected as rejected:
        result = _with_problems(outcome, rejected.errors, lines).model_dump_json()
        jobs.finish(graph, job_id, JobStatus.REJECTED, result=result, keep_input=True)
        return JobStatus.REJECTED
    except Exception as error:
        log.exception("import job %s failed", job_id)
        jobs.finish(graph, job_id, JobStatus.FAILED, error=type(error).__name__)
        raise
    outcome = outcome.model_copy(
        update={
            "created": dict(report.created),
            "updated": dict(report.updated),
            "unchanged": dict(report.unchanged),
            "embedded": report.embedded,
        }
    )
    result = _with_problems(outcome, report.errors, lines).model_dump_json()
    # The rejected job's copy is no longer needed either: dropped before this job is seen done.
    if options.source_job:
        jobs.drop_input(graph, options.source_job)
    jobs.finish(graph, job_id, JobStatus.DONE, result=result)  # drops this job's file
    return JobStatus.DONE


def _encoding_used(name: str, content: bytes, chosen: Encoding) -> str | None:
    if Path(name).suffix.lower() != ".csv":
        return None
    return detected_encoding(content) if chosen == "auto" else chosen


def _with_problems(
    outcome: ImportOutcome, errors: list[importer.LineError], lines: list[RawLine]
) -> ImportOutcome:
    data = {(raw.source, raw.line): raw.data for raw in lines}
    problems = []
    for e in errors[:MAX_PROBLEMS_KEPT]:
        row = data.get((e.source, e.line))
        field = _column_at(row, e.field)
        problems.append(
            ImportLineProblem(
                source=e.source,
                line=e.line,
                field=field,
                code=e.code,
                message=e.message,
                value=_value_at(row, field),
            )
        )
    invalid_rows = len({(e.source, e.line) for e in errors})
    return outcome.model_copy(
        update={"error_count": len(errors), "invalid_rows": invalid_rows, "errors": problems}
    )


def _column_at(data: dict[str, object] | None, field: str) -> str:
    """The field an error names, or the one column it stands for: a rule about the whole
    "location" is about the file's "location.commune" when that is all the row gave."""
    value: object = data
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, dict) and len(value) == 1:
        return f"{field}.{next(iter(value))}"
    return field


def _value_at(data: dict[str, object] | None, field: str) -> str | None:
    """What the row held in the field an error names (location.commune, skills.3, ...)."""
    value: object = data
    for part in field.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    if isinstance(value, dict):  # a rule about the whole group ("location"): what it held
        value = ", ".join(str(v) for v in value.values() if v not in (None, "")) or None
    if value is None or isinstance(value, list):
        return None
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= VALUE_SHOWN else text[: VALUE_SHOWN - 1] + "…"


def import_job(graph: Graph, actor: Actor, job_id: str) -> tuple[Job, ImportOutcome | None]:
    """An import job and, once finished, its outcome (staff)."""
    job = jobs.get(graph, actor, job_id, kind=KIND)
    outcome = ImportOutcome.model_validate_json(job.result) if job.result else None
    return job, outcome


def recent_imports(graph: Graph, actor: Actor) -> list[Job]:
    return jobs.recent(graph, actor, kind=KIND)
