"""The funder report counts what happened, by filter and period, and only staff see it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from fastapi.testclient import TestClient

from matcher.kinds import SuggestionKind as K
from models.introduction import Answer, IntroductionRequest
from models.outcome import Outcome, OutcomeReport
from models.report import ReportFilters
from models.user import Role
from services import accounts, introductions, mentors, outcomes, reports
from services.access import SYSTEM, Actor
from services.db import Graph
from services.errors import Forbidden
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

FEATURES = np.zeros(3)
PASSWORD = "correct horse battery"


def login(client: TestClient, graph: Graph, email: str, role: Role) -> dict[str, str]:
    accounts.create_account(graph, email=email, password=PASSWORD, role=role)
    token = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD})
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def day(month: int, d: int) -> dt.datetime:
    return dt.datetime(2026, month, d, 10, tzinfo=dt.UTC)


SEED_EVENTS = """
CREATE (past:Event {id: 'e-1', title: 'Forum', starts_at: $past})
CREATE (:Event {id: 'e-2', title: 'Later', starts_at: $future})
WITH past
MATCH (a:Youth {id: 'y-1'}), (b:Youth {id: 'y-3'}), (m:Mentor {id: 'm-1'})
CREATE (a)-[:REGISTERED_FOR {status: 'checked_in'}]->(past)
CREATE (b)-[:REGISTERED_FOR {status: 'checked_in'}]->(past)
CREATE (m)-[:REGISTERED_FOR {status: 'registered'}]->(past)
CREATE (:EventMeeting {id: 'mt-1', event_id: 'e-1', slot: 0, a: 'y-1', b: 'y-3', state: 'held'})
CREATE (:EventMeeting {id: 'mt-2', event_id: 'e-1', slot: 1, a: 'y-1', b: 'm-1',
                       state: 'planned'})
CREATE (a)-[:MET {event_id: 'e-1', at: $past}]->(b)
"""


@pytest.fixture
def history(graph: Graph, settings: Settings) -> Graph:
    return seed_history(graph, settings)


def seed_history(graph: Graph, settings: Settings) -> Graph:
    """Three youths, two mentors, an offer, and what happened to them in May and June 2026."""
    this_year = factories.THIS_YEAR
    factories.store(
        graph,
        factories.youth("y-1", birth_year=this_year - 24, axis="employability"),
        factories.youth(
            "y-2",
            gender="male",
            birth_year=this_year - 28,
            location={"commune": "El Foqra"},
            axis="entrepreneurship",
            email="y2@example.ma",
        ),
        factories.youth(
            "y-3",
            birth_year=this_year - 33,
            location={"commune": "Maadna"},
            axis="social_economy",
            email="y3@example.ma",
        ),
        factories.mentor("m-1", capacity=1),
        factories.mentor("m-2", capacity=2, location={"commune": "Maadna"}, email="m2@ex.ma"),
        factories.organization("o-1"),
        factories.job_offer("j-1", organization_id="o-1"),
    )
    mentors.set_paused(graph, SYSTEM, "m-2", paused=True)
    for viewer, target, kind, when in (
        ("y-1", "m-1", K.MENTORS, day(5, 10)),
        ("y-2", "j-1", K.JOBS, day(6, 2)),
        ("y-3", "m-1", K.MENTORS, day(6, 3)),
        ("m-1", "y-2", K.MENTEES, day(6, 5)),
    ):
        outcomes.record_shown(graph, viewer, kind, [(target, FEATURES)], now=when)

    def ask(from_id: str, to_id: str, when: dt.datetime) -> str:
        request = IntroductionRequest(from_id=from_id, to_id=to_id)
        return introductions.request(graph, SYSTEM, request, settings, now=when).id

    accepted = ask("y-1", "m-1", day(5, 12))
    introductions.answer(graph, SYSTEM, accepted, Answer.ACCEPT, now=day(5, 13))
    declined = ask("y-2", "j-1", day(6, 3))
    introductions.answer(graph, SYSTEM, declined, Answer.DECLINE, now=day(6, 4))
    ask("y-3", "y-2", day(6, 10))
    for viewer, target, kind, outcome, when in (
        ("y-1", "m-1", K.MENTORS, Outcome.MET, day(6, 15)),
        ("y-2", "j-1", K.JOBS, Outcome.HIRED, day(6, 25)),
    ):
        report = OutcomeReport(viewer_id=viewer, target_id=target, kind=kind, outcome=outcome)
        outcomes.report(graph, SYSTEM, report, now=when)
    graph.write(
        lambda tx: tx.run(
            SEED_EVENTS, past=day(6, 20), future=dt.datetime(2099, 1, 10, tzinfo=dt.UTC)
        ).consume()
    )
    return graph


def report_for(graph: Graph, **filters: object) -> reports.FunderReport:
    return reports.funder_report(graph, SYSTEM, ReportFilters.model_validate(filters))


def stages(report: reports.FunderReport) -> dict[str, int]:
    return {stage: n for stage, n in report.funnel.items() if n}


def test_the_whole_history_is_counted_once_per_pair(history: Graph) -> None:
    report = report_for(history)
    assert vars(report.registered) == {
        "youths": 3,
        "mentors": 2,
        "organizations": 1,
        "job_offers": 1,
    }
    assert stages(report) == {"shown": 4, "requested": 3, "accepted": 1, "met": 2, "hired": 1}
    assert report.funnel_by_month["2026-05"] == {
        "shown": 1, "requested": 1, "accepted": 1, "met": 0,
        "hired": 0, "funded": 0, "active_90d": 0,
    }  # fmt: skip
    assert report.funnel_by_month["2026-06"]["shown"] == 3
    assert report.funnel_by_month["2026-06"]["met"] == 2
    assert vars(report.mentor_load) == {
        "mentors": 2,
        "capacity": 3,
        "active_mentees": 1,
        "full": 1,
        "paused": 1,
    }
    assert vars(report.events) == {"held": 1, "attendees": 2, "meetings_held": 1}


def test_youth_filters_keep_only_the_pairs_of_the_youths_they_select(history: Graph) -> None:
    women = report_for(history, gender="female")
    assert women.registered.youths == 2
    assert stages(women) == {"shown": 2, "requested": 2, "accepted": 1, "met": 2}

    rural = report_for(history, commune_kind="rural")
    assert (rural.registered.youths, rural.registered.mentors) == (2, 1)
    assert stages(rural) == {"shown": 3, "requested": 2, "met": 1, "hired": 1}
    assert rural.mentor_load.mentors == 1

    for filters in ({"age_band": "25-29"}, {"axis": "entrepreneurship"}):
        one = report_for(history, **filters)
        assert one.registered.youths == 1
        assert stages(one) == {"shown": 2, "requested": 2, "hired": 1}


def test_the_period_includes_its_last_day_and_counts_records_by_creation(history: Graph) -> None:
    june = report_for(history, start="2026-06-01", end="2026-06-30")
    assert stages(june) == {"shown": 3, "requested": 2, "met": 2, "hired": 1}
    assert list(june.funnel_by_month) == ["2026-06"]
    assert june.registered.youths == 0  # the records were created today, not in June
    assert june.events.held == 1
    assert stages(report_for(history, start="2026-06-25", end="2026-06-25")) == {"hired": 1}


def test_the_figures_equal_independent_counts(history: Graph) -> None:
    def count(query: str) -> int:
        return int(history.read(lambda tx: tx.run(query).single(strict=True)[0]))

    rural_youths = count(
        "MATCH (y:Youth)-[:LOCATED_IN]->(p:Place) WHERE p.commune_kind = 'rural' RETURN count(y)"
    )
    women_shown = count(
        "MATCH (e:MatchEvent {event: 'shown'}), (y:Youth {gender: 'female'}) "
        "WHERE y.id = e.viewer_id OR y.id = e.target_id RETURN count(DISTINCT e)"
    )
    requested = count("MATCH (i:Introduction) RETURN count(i)")
    assert report_for(history, commune_kind="rural").registered.youths == rural_youths
    assert report_for(history, gender="female").funnel["shown"] == women_shown
    assert report_for(history).funnel["requested"] == requested


def test_the_csv_holds_every_figure(history: Graph) -> None:
    lines = reports.report_csv(report_for(history)).splitlines()
    assert lines[0] == "section,figure,month,value"
    assert "funnel,shown,,4" in lines
    assert "funnel_by_month,requested,2026-06,2" in lines
    assert "events,meetings_held,,1" in lines


def test_only_staff_see_the_report(history: Graph) -> None:
    youth = Actor(user_id="u-1", role=Role.YOUTH, profile_id="y-1")
    with pytest.raises(Forbidden):
        reports.funder_report(history, youth, ReportFilters())


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="start must be on or before end"):
        ReportFilters(start=dt.date(2026, 6, 2), end=dt.date(2026, 6, 1))


def test_the_api_gives_staff_the_report_and_its_csv(history: Graph, client: TestClient) -> None:
    staff = login(client, history, "staff@example.ma", Role.STAFF)
    youth = login(client, history, "youth@example.ma", Role.YOUTH)

    answer = client.get("/api/v1/reports/funder", params={"gender": "female"}, headers=staff)
    assert answer.status_code == 200
    assert answer.json()["funnel"]["shown"] == 2
    csv_answer = client.get("/api/v1/reports/funder.csv", headers=staff)
    assert csv_answer.headers["content-type"].startswith("text/csv")
    assert "funnel,shown,,4" in csv_answer.text.splitlines()

    assert client.get("/api/v1/reports/funder", headers=youth).status_code == 403
    assert client.get("/api/v1/reports/funder").status_code == 401
    bad = client.get("/api/v1/reports/funder", params={"age_band": "40-50"}, headers=staff)
    assert bad.status_code == 422 and "age_band" in bad.text
    reversed_period = {"start": "2026-06-02", "end": "2026-06-01"}
    assert (
        client.get("/api/v1/reports/funder", params=reversed_period, headers=staff).status_code
        == 422
    )


def page_figures(html: str, section: str) -> dict[str, str]:
    """The (row heading -> first figure) of one section's table on the report page."""
    import re

    part = html.split(f'id="{section}-title"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', part)
    return dict(rows)


def test_the_report_page_shows_the_funnel_of_independent_counts(
    history: Graph, client: TestClient
) -> None:
    factories.page_session(client, history, "staff@example.ma", Role.STAFF)

    def count(query: str) -> str:
        return str(history.read(lambda tx: tx.run(query).single(strict=True)[0]))

    english = {"Accept-Language": "en"}
    page = client.get("/staff", params={"gender": "female"}, headers=english)
    assert page.status_code == 200
    women = "WHERE y.id = e.viewer_id OR y.id = e.target_id"
    assert page_figures(page.text, "funnel") == {
        "Suggestions shown": count(
            f"MATCH (e:MatchEvent {{event: 'shown'}}), (y:Youth {{gender: 'female'}}) {women} "
            "RETURN count(DISTINCT e)"
        ),
        "Introductions requested": count(
            "MATCH (i:Introduction), (y:Youth {gender: 'female'}) "
            "WHERE y.id IN [i.from_id, i.to_id] RETURN count(DISTINCT i)"
        ),
        "Introductions accepted": count(
            "MATCH (i:Introduction) WHERE i.status = 'accepted' RETURN count(i)"
        ),
        "Met": count("MATCH (a)-[m:MET]->(b) RETURN count(m) + 1"),  # + the reported meeting
        "Hired": "0",
        "Project funded": "0",
        "Mentoring active at 90 days": "0",
    }
    assert "<svg" in page.text and 'role="img"' in page.text and "style=" not in page.text
    assert page_figures(page.text, "registered")["Youths"] == "2"

    funnel_csv = client.get("/staff/report.csv", params={"section": "funnel"})
    assert funnel_csv.headers["content-type"].startswith("text/csv")
    assert {line.split(",")[0] for line in funnel_csv.text.splitlines()[1:]} == {"funnel"}

    arabic = client.get("/staff/report/print", headers={"Accept-Language": "ar"})
    assert '<html lang="ar" dir="rtl">' in arabic.text and "اقتراحات معروضة" in arabic.text


def test_a_wrong_filter_is_shown_beside_its_field(history: Graph, client: TestClient) -> None:
    factories.page_session(client, history, "staff@example.ma", Role.STAFF)
    page = client.get(
        "/staff",
        params={"start": "2026-06-02", "end": "2026-06-01"},
        headers={"Accept-Language": "fr"},
    )
    assert page.status_code == 422
    assert 'href="#end"' in page.text and 'id="end-error"' in page.text


def test_the_report_pages_are_for_staff_only(history: Graph, client: TestClient) -> None:
    factories.page_session(client, history, "youth@example.ma", Role.YOUTH)
    for path in ("/staff", "/staff/report/print", "/staff/report.csv"):
        assert client.get(path).status_code == 403
