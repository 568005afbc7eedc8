"""The funder report for staff: /api/v1/reports/funder (JSON) and /reports/funder.csv."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CurrentActor, GraphDep
from api.downloads import attachment
from models.report import FunderReport, ReportFilters
from services import reports

router = APIRouter(prefix="/reports", tags=["reports"])

Filters = Annotated[ReportFilters, Query()]


@router.get("/funder", response_model=FunderReport)
def funder_report(filters: Filters, actor: CurrentActor, graph: GraphDep) -> FunderReport:
    """Registered records, the funnel from suggestion to outcome (in total and per month),
    mentor load and events, for a period, commune kind, gender, age band and service axis."""
    return reports.funder_report(graph, actor, filters)


@router.get("/funder.csv", response_class=Response)
def funder_report_csv(filters: Filters, actor: CurrentActor, graph: GraphDep) -> Response:
    """The same figures as one CSV table, for a spreadsheet."""
    report = reports.funder_report(graph, actor, filters)
    return attachment(
        reports.report_csv(report),
        media_type="text/csv; charset=utf-8",
        filename="multaqa-report.csv",
    )
