"""Use case of platform staff: the report for the funder (INDH) and partners, and its CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from graph import reports as graph_reports
from models.report import FUNNEL_STAGES, FunderReport, ReportFilters

__all__ = ["FunderReport", "funder_report", "report_csv"]
from services.access import Actor, require_staff
from services.db import Graph

# Before the platform existed: a period left open starts here.
_EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def funder_report(
    graph: Graph, actor: Actor, filters: ReportFilters, *, now: dt.datetime | None = None
) -> FunderReport:
    """Every figure of the funder report for the filters (staff only).

    Args:
        graph: the platform's graph.
        actor: who asks; only staff may see figures across every person.
        filters: period (inclusive days), commune kind, gender, age band, service axis.
        now: the time the report is made at (tests pin it); ages are counted in the year the
            period ends.
    """
    require_staff(actor, "see the funder report")
    now = now or dt.datetime.now(dt.UTC)
    period = _period(filters, now)
    youth = _youth_parameters(filters, period)

    counts = graph.read(graph_reports.report, period, youth)
    return FunderReport(
        filters=filters,
        registered=counts.registered,
        funnel={stage: counts.funnel.totals.get(stage, 0) for stage in FUNNEL_STAGES},
        funnel_by_month={
            month: {stage: by_stage.get(stage, 0) for stage in FUNNEL_STAGES}
            for month, by_stage in sorted(counts.funnel.by_month.items())
        },
        mentor_load=counts.mentor_load,
        events=counts.events,
        generated_at=now,
    )


def _period(filters: ReportFilters, now: dt.datetime) -> graph_reports.Period:
    start = _day_start(filters.start) if filters.start else _EARLIEST
    # The end day is included: the period stops at the next midnight.
    end = _day_start(filters.end + dt.timedelta(days=1)) if filters.end else now
    return graph_reports.Period(start=start, end=end, now=now)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _youth_parameters(filters: ReportFilters, period: graph_reports.Period) -> dict[str, Any]:
    born_from = born_to = None
    if filters.age_band is not None:
        year = (period.end - dt.timedelta(microseconds=1)).year
        youngest, oldest = filters.age_band.ages
        born_from, born_to = year - oldest, year - youngest
    return {
        "gender": filters.gender,
        "axis": filters.axis.value if filters.axis else None,
        "born_from": born_from,
        "born_to": born_to,
        "commune_kind": filters.commune_kind,
    }


SECTIONS = ("registered", "funnel", "funnel_by_month", "mentor_load", "events")


def report_csv(report: FunderReport, *, section: str | None = None) -> str:
    """The report as one CSV table (section, row, month, value) for a spreadsheet; `section`
    keeps one of SECTIONS only (the table beside one chart)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "figure", "month", "value"])
    for row in _csv_rows(report):
        if section is None or row[0] == section:
            writer.writerow(row)
    return out.getvalue()


def _csv_rows(report: FunderReport) -> list[tuple[str, str, str, int]]:
    rows = [("registered", name, "", value) for name, value in vars(report.registered).items()]
    rows += [("funnel", stage, "", value) for stage, value in report.funnel.items()]
    for month in report.months:
        for stage, value in report.funnel_by_month[month].items():
            rows.append(("funnel_by_month", stage, month, value))
    rows += [("mentor_load", name, "", value) for name, value in vars(report.mentor_load).items()]
    rows += [("events", name, "", value) for name, value in vars(report.events).items()]
    return rows
