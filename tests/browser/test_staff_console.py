"""The staff console in Debian's Chromium against the real server: an Excel import with a bad
row, fixed and imported; the report's funnel against independent Cypher counts; axe-core on
every staff page in ar, fr and en; screenshots in ar and fr at 360 and 1280 px."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from models.user import Role
from services import accounts
from services.db import Graph
from services.settings import Settings
from tests import factories
from tests.browser.conftest import axe_violations
from tests.browser.test_journeys import new_person
from tests.integration.test_reports import seed_history

pytestmark = pytest.mark.neo4j
STAFF = "staff@example.ma"


def staff_signed_in(
    browser: Browser, live_server: str, graph: Graph, lang: str, width: int = 360
) -> Page:
    if (
        graph.read(lambda tx: tx.run("MATCH (u:User {email: $e}) RETURN u", e=STAFF).single())
        is None
    ):
        accounts.create_account(graph, email=STAFF, password=factories.PASSWORD, role=Role.STAFF)
    page = new_person(browser, live_server, lang, width=width)
    page.goto("/login")
    page.locator("#email").fill(STAFF)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/suggestions$"))
    return page


def youths_sheet(second_birth_year: Any) -> bytes:
    year = factories.THIS_YEAR
    return factories.workbook(
        {
            "Mentors": [
                ["id", "name", "bio", "skills", "languages", "location.commune", "capacity"],
                [
                    "m-b1",
                    "Karim Alaoui",
                    "Couturier, j'accompagne les ateliers de couture.",
                    "couture|broderie",
                    "ar|fr",
                    "Khouribga",
                    3,
                ],
            ],
            "Youths": [
                [
                    "id",
                    "name",
                    "birth_year",
                    "gender",
                    "axis",
                    "bio",
                    "skills",
                    "languages",
                    "location.commune",
                ],
                [
                    "y-b1",
                    "سلمى بناني",
                    year - 22,
                    "female",
                    "employability",
                    "بغيت نتعلم الخياطة",
                    "couture|خياطة",
                    "ar",
                    "Oued Zem",
                ],
                [
                    "y-b2",
                    "Youssef Amrani",
                    second_birth_year,
                    "male",
                    "entrepreneurship",
                    "Je veux ouvrir un atelier de couture.",
                    "couture",
                    "ar|fr",
                    "Khouribga",
                ],
            ],
        }
    )


def test_staff_import_an_excel_file_fix_its_bad_row_and_the_youths_get_suggestions(
    browser: Browser, live_server: str, graph: Graph, tmp_path: Path
) -> None:
    page = staff_signed_in(browser, live_server, graph, "fr")
    page.get_by_role("link", name="Espace équipe").click()
    page.get_by_role("link", name="Import").click()
    bad = tmp_path / "jeunes.xlsx"
    bad.write_bytes(youths_sheet("vingt"))
    page.get_by_label("Fichier", exact=True).set_input_files(bad)
    page.get_by_role("button", name="Vérifier et importer le fichier").click()
    expect(
        page.get_by_role("heading", name="1 ligne est invalide : rien n’a été enregistré")
    ).to_be_visible()
    row = page.locator("table").filter(has_text="Lignes invalides").locator("tbody tr").first
    expect(row).to_contain_text("Youths")
    expect(row.locator("td").nth(1)).to_have_text("3")
    expect(row.locator("td").nth(2)).to_have_text("birth_year")
    expect(row).to_contain_text("Saisissez un nombre entier")

    fixed = tmp_path / "jeunes-corrige.xlsx"
    fixed.write_bytes(youths_sheet(factories.THIS_YEAR - 27))
    page.get_by_role("link", name="Importer un fichier corrigé").click()
    page.get_by_label("Fichier", exact=True).set_input_files(fixed)
    page.get_by_role("button", name="Vérifier et importer le fichier").click()
    expect(page.get_by_role("status")).to_contain_text("Import terminé")
    expect(page.locator("table").filter(has_text="Fiches par type")).to_contain_text("2")

    token = httpx.post(
        f"{live_server}/api/v1/auth/token", data={"username": STAFF, "password": factories.PASSWORD}
    ).json()["access_token"]
    for youth in ("y-b1", "y-b2"):
        found = httpx.get(
            f"{live_server}/api/v1/recommendations/mentors",
            params={"for": youth},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        ).json()
        assert [item["id"] for item in found["items"]] == ["m-b1"]


def test_the_report_funnel_in_the_browser_equals_independent_counts(
    browser: Browser, live_server: str, graph: Graph, settings: Settings
) -> None:
    seed_history(graph, settings)
    page = staff_signed_in(browser, live_server, graph, "en", width=1280)
    page.goto("/staff")
    funnel = page.locator("section").filter(
        has=page.get_by_role("heading", name="From suggestion to outcome")
    )
    shown = funnel.get_by_role("row", name=re.compile("^Suggestions shown"))
    requested = funnel.get_by_role("row", name=re.compile("^Introductions requested"))

    def count(query: str) -> str:
        return str(graph.read(lambda tx: tx.run(query).single(strict=True)[0]))

    expect(shown.locator("td").first).to_have_text(
        count("MATCH (e:MatchEvent {event: 'shown'}) RETURN count(e)")
    )
    expect(requested.locator("td").first).to_have_text(
        count("MATCH (i:Introduction) RETURN count(i)")
    )
    page.get_by_label("Gender").select_option("female")
    page.get_by_role("button", name="Show the figures").click()
    women = count(
        "MATCH (e:MatchEvent {event: 'shown'}), (y:Youth {gender: 'female'}) "
        "WHERE y.id IN [e.viewer_id, e.target_id] RETURN count(DISTINCT e)"
    )
    expect(shown.locator("td").first).to_have_text(women)


STAFF_PAGES = (
    "/staff",
    "/staff/report/print",
    "/staff/import",
    "/staff/people",
    "/staff/people/y-1",
)


def test_every_staff_page_has_no_serious_accessibility_problem_and_is_photographed(
    browser: Browser, live_server: str, graph: Graph, settings: Settings, screenshots: Path
) -> None:
    seed_history(graph, settings)
    found: dict[str, Any] = {}
    for lang in ("ar", "fr", "en"):
        for width in (360, 1280) if lang != "en" else (360,):
            page = staff_signed_in(browser, live_server, graph, lang, width=width)
            for path in STAFF_PAGES:
                page.goto(path)
                if width == 360 and (violations := axe_violations(page)):
                    found[f"{lang} {path}"] = violations
                if lang != "en":
                    name = path.strip("/").replace("/", "-") or "staff"
                    page.screenshot(
                        path=str(screenshots / f"{name}-{lang}-{width}.png"), full_page=True
                    )
            page.context.close()
    assert found == {}
