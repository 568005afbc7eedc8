"""The issue's journeys, as people do them, in Debian's Chromium against the real server."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, Page, expect

from graph import users as graph_users
from models.event import EventCreate, RegistrationCreate, ScheduleRequest
from models.user import Role
from services import accounts
from services.access import SYSTEM
from services.db import Graph
from services.events import core as events
from services.events import registration as event_registration
from services.events import schedule as event_schedule
from services.training import active_rankers
from tests import factories
from tests.browser.conftest import ACTION_TIMEOUT_MS, axe_violations

pytestmark = pytest.mark.neo4j
PASSWORD = "browser test password 1"
ARABIC = re.compile(r"[\u0600-\u06FF]")
MOROCCO = dt.timezone(dt.timedelta(hours=1))
PAGES = (
    "/",
    "/signup",
    "/login",
    "/password-reset",
    "/me",
    "/me/skills",
    "/me/seeking",
    "/me/project",
    "/suggestions",
    "/introductions",
    "/notifications",
    "/events",
    "/events/{event}",
    "/events/{event}/agenda",
)
EVENT_TITLE = "Forum jeunes et entreprises"


def new_person(browser: Browser, base_url: str, lang: str, width: int = 360) -> Page:
    context: BrowserContext = browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": 800},
        locale=lang,
        extra_http_headers={"Accept-Language": lang},
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    return page


def sign_up(page: Page, email: str, role_label: str, labels: dict[str, str]) -> None:
    page.goto("/signup")
    page.get_by_label(labels["email"]).fill(email)
    page.get_by_label(labels["password"]).fill(PASSWORD)
    page.get_by_label(role_label).check()
    page.get_by_label(labels["privacy"]).check()
    page.get_by_role("button", name=labels["create"]).click()
    expect(page).to_have_url(re.compile(r"/me/about$"))  # the profile's first step


# A long address, as real ones are: it must wrap on a 360 px phone, not widen the page.
KARIM_EMAIL = "karim.benali@cooperative-couture-khouribga.ma"


def assert_fits(page: Page) -> None:
    """Nothing on the page is wider than the window (no sideways scrolling)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    window = (page.viewport_size or {"width": 0})["width"]
    assert width <= window, f"{page.url} is {width} px wide in a {window} px window"


def sign_in(page: Page, email: str, labels: dict[str, str]) -> None:
    page.goto("/login")
    page.get_by_label(labels["email"]).fill(email)
    page.get_by_label(labels["password"]).fill(PASSWORD)
    page.get_by_role("button", name=labels["sign_in"]).click()


AR = {
    "email": "البريد الإلكتروني",
    "password": "كلمة المرور",
    "privacy": "قرأت إشعار الخصوصية وأوافق عليه",
    "create": "إنشاء حسابي",
    "sign_in": "تسجيل الدخول",
}
FR = {
    "email": "Adresse e-mail",
    "password": "Mot de passe",
    "privacy": "J’ai lu la notice de confidentialité et je l’accepte",
    "create": "Créer mon compte",
    "sign_in": "Se connecter",
}


def fill_mentor_in_french(page: Page) -> None:
    page.get_by_label("Nom complet").fill("Karim Benali")
    page.get_by_label("Quelques mots sur vous").fill(
        "Couturier depuis 20 ans, j'accompagne les jeunes qui ouvrent un atelier de couture."
    )
    page.get_by_label("Compétences", exact=True).fill("couture, broderie, gestion d'atelier")
    page.get_by_label("Commune").select_option("Khouribga")
    page.get_by_label("darija").check()
    page.get_by_label("français").check()
    page.get_by_label("Numéro de téléphone").fill("0661234567")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_label("Secteurs").fill("artisanat, textile")
    page.get_by_role("button", name="Enregistrer mon profil").click()
    expect(page.get_by_role("status")).to_contain_text("Votre profil est enregistré")


def fill_youth_in_darija(page: Page, name: str = "سلمى", phone: str = "0612345678") -> None:
    """The four steps of a youth's profile: about, skills, what they seek, project."""
    page.get_by_label("الاسم الكامل").fill(name)
    page.get_by_label("سنة الميلاد").fill("2001")
    page.get_by_label("نبذة عنك").fill(
        "بغيت نتعلم الخياطة ونفتح مشغل ديالي ديال الخياطة والطرز فخريبكة"
    )
    page.get_by_label("الجماعة").select_option("Khouribga")
    page.get_by_label("الدارجة").check()
    page.get_by_label("العربية", exact=True).check()
    page.get_by_label("رقم الهاتف").fill(phone)
    page.get_by_role("button", name="حفظ ومتابعة").click()
    page.get_by_label("المهارات", exact=True).fill("الخياطة، الطرز، couture")
    page.get_by_role("button", name="حفظ ومتابعة").click()
    page.get_by_label("مرشد(ة)").check()
    page.get_by_label("شغل أو تدريب").check()
    page.get_by_role("button", name="حفظ ومتابعة").click()
    page.get_by_role("button", name="حفظ ملفي").click()  # no project
    expect(page.get_by_role("status")).to_contain_text("تم حفظ ملفك")


def staff_approve(graph: Graph, email: str) -> None:
    """Platform staff approve a self-registered mentor or organisation member (safeguarding:
    until then they are suggested to no one)."""
    user = graph.read(graph_users.user_by_email, email)
    assert user is not None and not user.approved
    accounts.approve(graph, SYSTEM, user.id)


def post_offer_through_the_api(base_url: str, graph: Graph) -> None:
    """Staff put a cooperative and its offer in (as an import would)."""
    accounts.create_account(graph, email="staff@example.ma", password=PASSWORD, role=Role.STAFF)
    with httpx.Client(base_url=base_url, timeout=60) as http:
        token = http.post(
            "/api/v1/auth/token", data={"username": "staff@example.ma", "password": PASSWORD}
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        org: dict[str, Any] = {
            "id": "o-nour",
            "name": "Coopérative Nour",
            "kind": "cooperative",
            "sectors": ["artisanat"],
            "location": {"commune": "Khouribga"},
        }
        assert http.post("/api/v1/organizations", json=org, headers=auth).status_code == 201
        offer = {
            "id": "jo-couture",
            "title": "Couturière en atelier",
            "description": "Couture et broderie de caftans dans notre atelier de Khouribga.",
            "organization_id": "o-nour",
            "required_skills": ["couture", "broderie"],
            "location": {"commune": "Khouribga"},
            "languages": ["ary", "fr"],
        }
        created = http.post("/api/v1/job-offers", json=offer, headers=auth)
        assert created.status_code == 201, created.text


def an_upcoming_event(graph: Graph) -> str:
    """A networking event in ten days, with a mentor and a cooperative already registered."""
    factories.store(
        graph,
        factories.mentor(
            "m-karim",
            name="Karim Benali",
            skills=["couture", "broderie"],
            languages=["ary", "fr"],
            location={"commune": "Khouribga"},
        ),
        factories.organization("o-nour", location={"commune": "Khouribga"}, languages=["ary"]),
    )
    starts = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(10), MOROCCO)
    payload = EventCreate(
        title=EVENT_TITLE,
        starts_at=starts,
        venue="Maison des jeunes, Khouribga",
        capacity=30,
        rounds=4,
        slot_minutes=15,
    )
    event_id = events.create(graph, SYSTEM, payload).id
    for attendee in ("m-karim", "o-nour"):
        event_registration.register(
            graph, SYSTEM, event_id, RegistrationCreate(attendee_id=attendee)
        )
    return event_id


def test_a_youth_in_arabic_meets_a_mentor_in_french_and_only_they_see_the_phones(
    browser: Browser, live_server: str, graph: Graph, screenshots: Path
) -> None:
    mentor = new_person(browser, live_server, "fr")
    sign_up(mentor, KARIM_EMAIL, "Un mentor", FR)
    fill_mentor_in_french(mentor)
    staff_approve(graph, KARIM_EMAIL)
    mentor.context.clear_cookies()
    post_offer_through_the_api(live_server, graph)

    youth = new_person(browser, live_server, "ar")
    sign_up(youth, "salma@example.ma", "شاب(ة) (18–35 سنة)", AR)
    fill_youth_in_darija(youth)
    youth.get_by_role("link", name="الاقتراحات").first.click()
    card = youth.get_by_role("listitem").filter(has_text="Karim Benali")
    expect(card).to_be_visible()
    reasons = card.locator(".reasons li").all_inner_texts()
    assert reasons and all(ARABIC.search(r) for r in reasons), reasons
    youth.screenshot(path=str(screenshots / "suggestions-ar-360.png"), full_page=True)

    youth.get_by_role("link", name="فرص الشغل").click()
    job = youth.get_by_role("listitem").filter(has_text="Couturière en atelier")
    expect(job).to_be_visible()
    assert all(ARABIC.search(r) for r in job.locator(".reasons li").all_inner_texts())

    youth.get_by_role("link", name="المرشدون").click()
    card = youth.get_by_role("listitem").filter(has_text="Karim Benali")
    card.get_by_label("رسالة قصيرة (اختيارية)").fill("سلام، عندي مشروع ديال الخياطة")
    card.get_by_role("button", name="طلب التعارف مع Karim Benali").click()
    expect(youth.get_by_role("status")).to_contain_text("تم إرسال طلبك")

    sign_in(mentor, KARIM_EMAIL, FR)
    expect(mentor.get_by_role("link", name=re.compile("Notifications"))).to_contain_text("1")
    mentor.get_by_role("link", name="Mises en relation").click()
    request = mentor.get_by_role("listitem").filter(has_text="سلمى")
    expect(request).to_contain_text("عندي مشروع ديال الخياطة")
    assert "+212612345678" not in mentor.content()
    request.get_by_role("button", name=re.compile("^Accepter")).click()
    expect(mentor.get_by_role("status")).to_contain_text("Acceptée")
    expect(mentor.get_by_role("listitem").filter(has_text="سلمى")).to_contain_text("+212612345678")
    call = mentor.get_by_role("link", name="+212612345678")  # a tap calls her
    expect(call).to_have_attribute("href", "tel:+212612345678")
    assert_fits(mentor)
    mentor.screenshot(path=str(screenshots / "introductions-fr-360.png"), full_page=True)

    youth.get_by_role("link", name="طلبات التعارف").click()
    expect(youth.get_by_role("listitem").filter(has_text="Karim Benali")).to_contain_text(
        "+212661234567"
    )
    assert_fits(youth)  # the contact details wrap: no sideways scrolling at 360 px
    box = youth.get_by_role("link", name="+212661234567").bounding_box()
    assert box and box["height"] < 40, box  # the number on one line beside Arabic labels

    other = new_person(browser, live_server, "ar")
    sign_up(other, "other@example.ma", "شاب(ة) (18–35 سنة)", AR)
    fill_youth_in_darija(other, name="يوسف", phone="0698765432")
    for path in ("/suggestions", "/introductions", "/notifications", "/me"):
        other.goto(path)
        assert "+212661234567" not in other.content() and "+212612345678" not in other.content()
    api = other.request.get("/api/v1/mentors/" + _mentor_id(graph))
    assert api.status == 401  # the page session is no API token
    with httpx.Client(base_url=live_server) as http:
        token = http.post(
            "/api/v1/auth/token", data={"username": "other@example.ma", "password": PASSWORD}
        ).json()["access_token"]
        seen = http.get(
            f"/api/v1/mentors/{_mentor_id(graph)}", headers={"Authorization": f"Bearer {token}"}
        )
    assert seen.status_code == 200 and "+212661234567" not in seen.text


def _mentor_id(graph: Graph) -> str:
    user = graph.read(graph_users.user_by_email, KARIM_EMAIL)
    assert user is not None and user.profile_id is not None
    return user.profile_id


def test_a_dismissed_suggestion_does_not_come_back(
    browser: Browser, live_server: str, graph: Graph
) -> None:
    mentor = new_person(browser, live_server, "fr")
    sign_up(mentor, "karim@example.ma", "Un mentor", FR)
    fill_mentor_in_french(mentor)
    staff_approve(graph, "karim@example.ma")
    youth = new_person(browser, live_server, "ar")
    sign_up(youth, "salma@example.ma", "شاب(ة) (18–35 سنة)", AR)
    fill_youth_in_darija(youth)
    youth.goto("/suggestions?tab=mentors")
    card = youth.get_by_role("listitem").filter(has_text="Karim Benali")
    card.get_by_role("button", name="لا يناسبني: Karim Benali").click()
    expect(youth.get_by_role("status")).to_contain_text("تمّ إخفاء Karim Benali من اقتراحاتك")
    expect(card).to_have_count(0)
    youth.reload()
    expect(youth.get_by_text("Karim Benali")).to_have_count(0)
    events = graph.read(
        lambda tx: tx.run("MATCH (e:MatchEvent {event: 'dismissed'}) RETURN e.kind AS kind").value()
    )
    assert events == ["mentors"]


@pytest.mark.parametrize(("lang", "edge"), [("ar", "right"), ("fr", "left")])
def test_the_first_navigation_item_sits_at_the_reading_start(
    browser: Browser, live_server: str, lang: str, edge: str
) -> None:
    page = new_person(browser, live_server, lang, width=1280)
    page.goto("/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    header = page.locator(".main-nav").bounding_box()
    first = page.locator(".main-nav li").first.bounding_box()
    assert header and first
    if edge == "right":
        assert abs((header["x"] + header["width"]) - (first["x"] + first["width"])) < 24
        assert first["x"] > 1280 / 2
    else:
        assert abs(header["x"] - first["x"]) < 24 and first["x"] < 1280 / 2


def test_a_form_without_its_token_is_refused_and_a_script_bio_is_text(
    browser: Browser, live_server: str
) -> None:
    page = new_person(browser, live_server, "fr")
    sign_up(page, "salma@example.ma", "Un ou une jeune (18–35 ans)", FR)
    page.get_by_label("Nom complet").fill("Salma")
    page.get_by_label("Quelques mots sur vous").fill('<script>document.title="pwned"</script>')
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_role("link", name="Retour", exact=True).click()
    expect(page.get_by_label("Quelques mots sur vous")).to_have_value(
        '<script>document.title="pwned"</script>'
    )
    assert "pwned" not in page.title()
    page.locator("input[name=csrf_token]").first.evaluate("e => e.remove()")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove())")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce formulaire a expiré")


def start_a_profile(page: Page, lang: str, email: str) -> None:
    """Sign up and save the first step of a youth profile (the other steps stay empty)."""
    page.goto("/signup")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("#privacy").check()
    page.locator("form[action='/signup'] button[type=submit]").click()
    page.locator("#name").fill("Salma" if lang != "ar" else "سلمى")
    page.locator("#languages-ar").check()
    page.locator("form[action='/me/about'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/me/skills$"))


def test_every_page_has_no_serious_accessibility_problem_in_each_language(
    browser: Browser, live_server: str, graph: Graph
) -> None:
    event_id = an_upcoming_event(graph)
    found: dict[str, Any] = {}
    for lang in ("ar", "fr", "en"):
        page = new_person(browser, live_server, lang)
        page.goto("/signup")
        page.locator("form[action='/signup'] button[type=submit]").click()  # with errors
        if violations := axe_violations(page):
            found[f"{lang} /signup with errors"] = violations
        start_a_profile(page, lang, f"axe-{lang}@example.ma")
        page.goto("/me/about")
        page.locator("#name").fill("")
        page.locator("form[action='/me/about'] button[type=submit]").click()  # with errors
        if violations := axe_violations(page):
            found[f"{lang} /me/about with errors"] = violations
        page.goto(f"/events/{event_id}")
        page.locator(f"form[action='/events/{event_id}/register'] button").click()
        for path in PAGES:
            page.goto(path.format(event=event_id))
            if violations := axe_violations(page):
                found[f"{lang} {path}"] = violations
        page.context.clear_cookies()
        page.goto("/signup")  # signed out
        if violations := axe_violations(page):
            found[f"{lang} /signup signed out"] = violations
    assert found == {}


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_the_main_pages(
    browser: Browser, live_server: str, graph: Graph, screenshots: Path, lang: str, width: int
) -> None:
    event_id = an_upcoming_event(graph)
    page = new_person(browser, live_server, lang, width=width)
    for name in ("home", "signup", "login"):
        page.goto("/" if name == "home" else f"/{name}")
        page.screenshot(path=str(screenshots / f"{name}-{lang}-{width}.png"), full_page=True)
    start_a_profile(page, lang, f"shot-{lang}-{width}@example.ma")
    page.screenshot(path=str(screenshots / f"me-step-{lang}-{width}.png"), full_page=True)
    page.goto(f"/events/{event_id}")
    page.locator(f"form[action='/events/{event_id}/register'] button").click()
    event_schedule.compute(
        graph, SYSTEM, event_id, ScheduleRequest(time_limit_s=2), rankers=active_rankers(graph)
    )
    for name, path in (
        ("me", "/me"),
        ("events", "/events"),
        ("event", f"/events/{event_id}"),
        ("agenda", f"/events/{event_id}/agenda"),
    ):
        page.goto(path)
        page.screenshot(path=str(screenshots / f"{name}-{lang}-{width}.png"), full_page=True)
    assert (screenshots / f"agenda-{lang}-{width}.png").stat().st_size > 5000


def test_a_youth_registers_to_an_event_marks_a_must_meet_and_takes_the_agenda_away(
    browser: Browser, live_server: str, graph: Graph
) -> None:
    event_id = an_upcoming_event(graph)
    youth = new_person(browser, live_server, "ar")
    sign_up(youth, "salma@example.ma", "شاب(ة) (18–35 سنة)", AR)
    fill_youth_in_darija(youth)
    youth.get_by_role("link", name="الفعاليات").click()
    youth.get_by_role("link", name=EVENT_TITLE).click()
    youth.get_by_role("button", name="التسجيل في هذه الفعالية").click()
    expect(youth.get_by_role("status")).to_contain_text("أنت مسجل(ة)")
    karim = youth.locator("#attendee-m-karim")
    assert all(ARABIC.search(r) for r in karim.locator(".reasons li").all_inner_texts())
    karim.get_by_role("button", name="أريد لقاء: Karim Benali").click()
    expect(youth.locator("#attendee-m-karim")).to_contain_text("لقاء مطلوب")

    event_schedule.compute(  # staff make the schedule (their console is issue 12)
        graph, SYSTEM, event_id, ScheduleRequest(time_limit_s=2), rankers=active_rankers(graph)
    )
    youth.get_by_role("link", name="برنامجي").click()
    expect(youth.get_by_role("table")).to_contain_text("Karim Benali")
    youth.emulate_media(media="print")  # the print view: the agenda without the menus
    expect(youth.locator(".site-header")).to_be_hidden()
    expect(youth.get_by_role("table")).to_be_visible()
    youth.emulate_media(media="screen")
    with youth.expect_download() as download:
        youth.get_by_role("link", name=re.compile("إضافة لقاءاتي إلى تقويمي")).click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    summaries = [str(meeting["summary"]) for meeting in calendar.walk("VEVENT")]
    assert "لقاء مع Karim Benali" in summaries


def test_an_offer_posted_in_french_reaches_a_youth_writing_in_arabic_and_back(
    browser: Browser, live_server: str, graph: Graph
) -> None:
    member = new_person(browser, live_server, "fr")
    sign_up(
        member,
        "nour@example.ma",
        "Membre d’une organisation (association, coopérative, entreprise)",
        FR,
    )
    member.get_by_label("Nom", exact=True).fill("Coopérative Nour")
    member.get_by_label("Type d’organisation").select_option("cooperative")
    member.get_by_label("Description").fill("Couture et broderie traditionnelles à Khouribga.")
    member.get_by_label("Commune").select_option("Khouribga")
    member.get_by_role("button", name="Enregistrer et continuer").click()
    member.get_by_label("Secteurs").fill("artisanat, textile")
    member.get_by_role("button", name="Enregistrer mon profil").click()
    expect(member.get_by_role("status")).to_contain_text("Votre profil est enregistré")
    member.get_by_role("link", name="Offres").click()
    member.get_by_label("Intitulé de l’offre").fill("Couturière en atelier")
    member.get_by_label("Description").fill(
        "Couture et broderie de caftans dans notre atelier de Khouribga."
    )
    member.get_by_label("Compétences demandées").fill("couture, broderie")
    member.get_by_label("Commune").select_option("Khouribga")
    member.get_by_label("darija").check()
    member.get_by_label("français").check()
    member.get_by_role("button", name="Publier l’offre").click()
    expect(member.get_by_role("status")).to_contain_text("Enregistré")
    staff_approve(graph, "nour@example.ma")

    youth = new_person(browser, live_server, "ar")
    sign_up(youth, "salma@example.ma", "شاب(ة) (18–35 سنة)", AR)
    fill_youth_in_darija(youth)
    youth.goto("/suggestions?tab=jobs")
    job = youth.get_by_role("listitem").filter(has_text="Couturière en atelier")
    expect(job).to_be_visible()
    assert all(ARABIC.search(r) for r in job.locator(".reasons li").all_inner_texts())

    member.get_by_role("link", name="Voir les candidats : Couturière en atelier").click()
    candidate = member.get_by_role("listitem").filter(has_text="سلمى")
    expect(candidate).to_be_visible()
    assert candidate.locator(".reasons li").count() >= 1

    # The youth opens the offer itself from its card, applies there and is told she did.
    job.get_by_role("link", name="Couturière en atelier").click()
    expect(youth).to_have_url(re.compile(r"/offers/[\w-]+$"))
    expect(youth.get_by_role("heading", level=1)).to_have_text("Couturière en atelier")
    expect(youth.locator(".summary-list")).to_contain_text("الدارجة")  # languages in Arabic
    assert axe_violations(youth) == []
    assert_fits(youth)
    youth.get_by_role("button", name="التقدم إلى: Couturière en atelier").click()
    expect(youth).to_have_url(re.compile(r"/offers/[\w-]+$"))
    expect(youth.get_by_role("main")).to_contain_text("تاريخ ترشّحك")
