"""/staff: the funder report as pages — filters, figures, SVG charts each with its table and
CSV, and a printable version (/staff/report/print) in the page's language."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from api.deps import GraphDep
from api.web import charts, forms
from api.web.rendering import FORMAT_LOCALES, RTL, page_lang, render, translators
from api.web.staff_access import StaffActor, staff_router
from matcher.i18n import Lang
from models.report import FUNNEL_STAGES, AgeBand, FunderReport, ReportFilters
from services import reports
from services.errors import FieldError
from services.profiles import field_errors

router = staff_router()
FILTERS = ("start", "end", "commune_kind", "gender", "age_band", "axis")
MONTHLY_STAGES = ("requested", "accepted", "met")


def _filters(request: Request) -> tuple[ReportFilters, dict[str, str], list[Any]]:
    """The filters of the query string, what was typed, and errors beside the fields."""
    values = {name: request.query_params.get(name, "").strip() for name in FILTERS}
    try:
        return ReportFilters.model_validate({k: v for k, v in values.items() if v}), values, []
    except ValidationError as error:
        return ReportFilters(), values, field_errors(error)


def _query(values: dict[str, str]) -> str:
    return urlencode({k: v for k, v in values.items() if v})


@router.get("", response_class=HTMLResponse)
def report_page(request: Request, actor: StaffActor, graph: GraphDep) -> HTMLResponse:
    return _render(request, actor, graph, "staff/report.html")


@router.get("/report/print", response_class=HTMLResponse)
def report_print(request: Request, actor: StaffActor, graph: GraphDep) -> HTMLResponse:
    return _render(request, actor, graph, "staff/report_print.html")


@router.get("/report.csv")
def report_csv(
    request: Request, actor: StaffActor, graph: GraphDep, section: str | None = None
) -> Response:
    filters, _, _ = _filters(request)
    report = reports.funder_report(graph, actor, filters)
    kept = section if section in reports.SECTIONS else None
    name = f"multaqa-report-{kept}.csv" if kept else "multaqa-report.csv"
    return Response(
        reports.report_csv(report, section=kept),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _render(request: Request, actor: Any, graph: Any, template: str) -> HTMLResponse:
    lang = page_lang(request, request.app.state.settings.default_lang)
    filters, values, problems = _filters(request)
    # A period in the wrong order is the model's own check: shown beside the end date.
    placed = [
        FieldError(p.field if p.field in FILTERS else "end", p.message, p.code) for p in problems
    ]
    errors = forms.shown_errors(placed, lang)
    report = None if errors else reports.funder_report(graph, actor, filters)
    names = stage_labels(translators(lang)["gettext"])
    return render(
        request,
        template,
        status_code=422 if errors else 200,
        actor=actor,
        errors=errors,
        values=values,
        query=_query(values),
        report=report,
        charts=_charts(report, lang) if report else {},
        months=_month_labels(report, lang) if report else {},
        stages=FUNNEL_STAGES,
        stage_names=names,
        monthly_names=[names[stage] for stage in MONTHLY_STAGES],
        monthly_stages=MONTHLY_STAGES,
        age_bands={band.value: band.value for band in AgeBand},
    )


def _charts(report: FunderReport, lang: Lang) -> dict[str, charts.Chart]:
    """The charts, their labels in the page's language (from the template's own messages)."""
    rtl = lang in RTL

    def number(value: int) -> str:
        return format_decimal(value, locale=FORMAT_LOCALES[lang])

    _ = translators(lang)["gettext"]
    labels = stage_labels(_)
    registered = [
        (_("Youths"), report.registered.youths),
        (_("Mentors"), report.registered.mentors),
        (_("Organisations"), report.registered.organizations),
        (_("Job offers"), report.registered.job_offers),
    ]
    months = _month_labels(report, lang)
    return {
        "registered": charts.grouped_bars(
            [(label, [value]) for label, value in registered], rtl=rtl, number=number
        ),
        "funnel": charts.grouped_bars(
            [(labels[s], [report.funnel[s]]) for s in FUNNEL_STAGES], rtl=rtl, number=number
        ),
        "monthly": charts.grouped_bars(
            [
                (months[m], [report.funnel_by_month[m][s] for s in MONTHLY_STAGES])
                for m in report.months
            ],
            series=[labels[s] for s in MONTHLY_STAGES],
            rtl=rtl,
            number=number,
        ),
    }


def stage_labels(_: Any) -> dict[str, str]:
    return {
        "shown": str(_("Suggestions shown")),
        "requested": str(_("Introductions requested")),
        "accepted": str(_("Introductions accepted")),
        "met": str(_("Met")),
        "hired": str(_("Hired")),
        "funded": str(_("Project funded")),
        "active_90d": str(_("Mentoring active at 90 days")),
    }


def _month_labels(report: FunderReport, lang: Lang) -> dict[str, str]:
    return {
        month: format_date(
            dt.date.fromisoformat(f"{month}-01"), "MMMM y", locale=FORMAT_LOCALES[lang]
        )
        for month in report.months
    }
