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
    page.wait_for_url(re.compile(r"/staff$"))  # staff land on the console
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
    browser: Browser, live_server: str, graph: Graph, tmp_path: Path, screenshots: Path
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
    page.screenshot(path=str(screenshots / "staff-import-refused-fr-360.png"), full_page=True)
    assert axe_violations(page) == []

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
    "/staff/accounts",
    "/staff/audit",
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


def test_staff_run_an_event_end_to_end_in_the_browser(
    browser: Browser, live_server: str, graph: Graph
) -> None:
    youths = [
        factories.youth(f"y-e{i:02d}", name=f"Jeune {i:02d}", email=f"e{i}@example.ma")
        for i in range(19)
    ] + [factories.youth("y-e19", name="Fatimazahra Boughaleb", email="e19@example.ma")]
    mentors = [
        factories.mentor(f"m-e{i:02d}", name=f"Mentor {i:02d}", email=f"me{i}@example.ma")
        for i in range(10)
    ]
    factories.store(graph, factories.organization("o-1"), *youths, *mentors)
    page = staff_signed_in(browser, live_server, graph, "fr", width=1280)
    page.goto("/staff/events")
    page.get_by_label("Titre").fill("Forum de l'emploi")
    page.get_by_label("Jour").fill("2099-06-14")
    page.get_by_label("Heure de début (Maroc)").fill("09:30")
    page.get_by_label("Lieu").fill("Maison des jeunes, Khouribga")
    page.get_by_label("Places").fill("30")
    page.get_by_label("Nombre de créneaux (ou de tours)").fill("4")
    page.get_by_role("button", name="Créer l’événement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forum de l'emploi")
    event_url = page.url
    for record in (*youths, *mentors):
        page.get_by_label("Inscrire quelqu’un à sa place").fill(record["id"])
        page.get_by_role("button", name="Inscrire", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text("Enregistré")
    expect(page.locator(".event-figures")).to_contain_text("30 / 30")

    # At 360 px in Arabic the registrations fit their box: each row's actions in sight.
    phone = staff_signed_in(browser, live_server, graph, "ar", width=360)
    phone.goto(event_url.removeprefix(live_server))
    region = phone.get_by_role("region", name="التسجيلات")
    assert region.evaluate("box => box.scrollWidth <= box.clientWidth")
    cancel = re.compile(r"^إلغاء التسجيل\W+Fatimazahra Boughaleb$")
    expect(region.get_by_role("button", name=cancel)).to_be_visible()
    phone.context.close()

    # A mark given on someone's behalf, through the attendee's own checks.
    page.get_by_role("link", name=re.compile(r"^Créneaux et choix\W+Jeune 00$")).click()
    problems = {"choices": axe_violations(page)}
    page.locator("#must_meet").get_by_label("Mentor 00").check()
    page.get_by_role("button", name="Enregistrer les choix").click()
    expect(page.get_by_role("status")).to_contain_text("Enregistré")

    page.get_by_role("link", name="Planning").click()
    page.get_by_role("button", name="Calculer le planning").click()
    expect(page.get_by_role("status")).to_contain_text("Le planning est calculé", timeout=300_000)
    expect(page.get_by_role("table", name="Rencontres par créneau et par table")).to_be_visible()
    problems["schedule"] = axe_violations(page)
    figures = page.locator("main").inner_text()
    assert re.search(r"réunies\s*:\s*\d\s*sur\s*1\b", figures), figures  # the mark counts

    # Move one meeting: first free both people in another slot, then move it there.
    event_id = event_url.rsplit("/", 1)[1]
    rows = graph.read(
        lambda tx: tx.run(
            "MATCH (m:EventMeeting {event_id: $e, state: 'scheduled'}) "
            "RETURN m.id AS id, m.a AS a, m.b AS b, m.slot AS slot ORDER BY m.id",
            e=event_id,
        ).data()
    )
    moved = rows[0]
    target = (moved["slot"] + 1) % 4
    in_the_way = [
        r for r in rows if r["slot"] == target and {r["a"], r["b"]} & {moved["a"], moved["b"]}
    ]
    for r in in_the_way:
        page.goto(f"/staff/events/{event_id}/meetings/{r['id']}")
        page.get_by_role("button", name="Annuler la rencontre").click()
    page.goto(f"/staff/events/{event_id}/meetings/{moved['id']}")
    problems["meeting"] = axe_violations(page)
    page.get_by_label("La déplacer au créneau").select_option(str(target))
    page.get_by_role("button", name="Déplacer la rencontre").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Planning de")
    slot = graph.read(
        lambda tx: tx.run(
            "MATCH (m:EventMeeting {id: $id}) RETURN m.slot", id=moved["id"]
        ).single()[0]
    )
    assert slot == target

    page.goto(f"/staff/events/{event_id}/agendas")
    expect(page.locator(".agenda-page")).to_have_count(31)  # 30 attendees + the master list
    problems["agendas"] = axe_violations(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    page.emulate_media(media="screen")

    door = staff_signed_in(browser, live_server, graph, "fr", width=360)
    door.goto(f"/staff/events/{event_id}/check-in")
    for i in range(10):
        door.get_by_label("Nom").fill(f"Jeune {i:02d}")
        door.get_by_role("button", name="Chercher").click()
        door.get_by_role("button", name=f"Enregistrer l’arrivée de Jeune {i:02d}").click()
        expect(door.get_by_role("status")).to_contain_text(f"Jeune {i:02d} est enregistré(e)")
    problems["door"] = axe_violations(door)
    checked = graph.read(
        lambda tx: tx.run(
            "MATCH ()-[r:REGISTERED_FOR {status: 'checked_in'}]->(:Event {id: $e}) RETURN count(r)",
            e=event_id,
        ).single()[0]
    )
    assert checked == 10

    page.goto(f"/staff/events/{event_id}/after")
    problems["after"] = axe_violations(page)
    page.get_by_role("button", name="Enregistrer toutes les rencontres comme tenues").click()
    expect(page.get_by_role("status")).to_contain_text("Enregistré")
    scheduled = len(rows) - len(in_the_way)
    met = graph.read(
        lambda tx: tx.run(
            "MATCH ()-[r:MET {event_id: $e}]->() RETURN count(r)", e=event_id
        ).single()[0]
    )
    assert met == scheduled
    assert {name: found for name, found in problems.items() if found} == {}
