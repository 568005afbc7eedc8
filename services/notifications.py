"""In-app notifications (the outbox written by every introduction move) and their e-mails.

Moves write `:Notification` nodes in their own transaction; this module lists them for the
people concerned and sends each by e-mail once (`emailed_at` marks it sent, so a retried task
sends nothing twice once it has succeeded).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from email.message import EmailMessage
from typing import Any, Literal

from graph import introductions as graph_intro
from graph.driver import native
from models.notification import Notification
from services import followups
from services.access import Actor
from services.db import Graph
from services.errors import NotFound
from services.introductions import parties_of
from services.settings import Settings

log = logging.getLogger("multaqa.mail")
# A claim to send older than this means its worker died while sending: another may take over.
SENDING_TIMEOUT = dt.timedelta(minutes=10)
Lang = Literal["ar", "fr", "en"]

MESSAGES: dict[str, dict[Lang, str]] = {
    "requested": {
        "ar": "{name} يطلب التعارف معك",
        "fr": "{name} demande à être mis en relation avec vous",
        "en": "{name} asks to be introduced to you",
    },
    "accepted": {
        "ar": "قبل {name} طلبك: يمكنكما الآن رؤية معلومات الاتصال",
        "fr": "{name} a accepté votre demande : vos coordonnées sont maintenant partagées",
        "en": "{name} accepted your request: you can now see each other's contact details",
    },
    "declined": {
        "ar": "لم يقبل {name} طلبك",
        "fr": "{name} n'a pas donné suite à votre demande",
        "en": "{name} declined your request",
    },
    "mentor_full": {
        "ar": "لم يعد لدى {name} مكان شاغر، أُغلق طلبك",
        "fr": "{name} n'a plus de place : votre demande est close",
        "en": "{name} has no place left: your request was closed",
    },
    "expired": {
        "ar": "انتهت صلاحية طلبك إلى {name} دون رد",
        "fr": "Votre demande à {name} a expiré sans réponse",
        "en": "Your request to {name} expired without an answer",
    },
    "withdrawn": {
        "ar": "سحب {name} طلب التعارف",
        "fr": "{name} a retiré sa demande",
        "en": "{name} withdrew the request",
    },
    "ended": {
        "ar": "أنهى {name} التواصل معك",
        "fr": "{name} a mis fin à la relation",
        "en": "{name} ended the connection",
    },
    "new_suggestions": {
        "ar": "اقتراحات جديدة لك، منها {name}",
        "fr": "Nouvelles suggestions pour vous, dont {name}",
        "en": "New suggestions for you, including {name}",
    },
    "event_place": {
        "ar": "تحرر مكان لك في «{name}»: أنت مسجل(ة) الآن",
        "fr": "Une place s'est libérée pour vous à « {name} » : vous êtes inscrit(e)",
        "en": "A place opened up for you at “{name}”: you are registered",
    },
    "matched": {
        "ar": "تم ربطك بـ {name} ضمن الفوج",
        "fr": "Vous avez été mis en relation avec {name} dans votre cohorte",
        "en": "You were matched with {name} in your cohort",
    },
}


def list_for(
    graph: Graph, actor: Actor, *, unread: bool, lang: Lang, limit: int, offset: int
) -> list[Notification]:
    """The actor's notifications (their profile's and organisations'), newest first."""
    rows = graph.read(
        graph_intro.list_notifications,
        parties_of(actor),
        unread=unread,
        limit=limit,
        offset=offset,
    )
    return [_view(graph, row, lang) for row in rows]


def mark_read(graph: Graph, actor: Actor, notification_id: str) -> None:
    now = dt.datetime.now(dt.UTC)
    if not graph.write(graph_intro.mark_read, notification_id, parties_of(actor), now):
        raise NotFound(f"no notification {notification_id}")


def send_email(graph: Graph, settings: Settings, notification_id: str) -> bool:
    """E-mail one notification to its recipient, once. Returns True when a message went out
    (or was logged in development), False when already sent, being sent, or no address."""
    now = dt.datetime.now(dt.UTC)
    row = graph.write(graph_intro.claim_sending, notification_id, now, now - SENDING_TIMEOUT)
    if row is None:
        return False
    recipient = graph.read(graph_intro.email_of, row["party_id"])
    address = recipient.get("email") if recipient else None
    try:
        if address:
            deliver(settings, _message(settings, address, _text(graph, row, "fr")))
    except Exception:
        graph.write(graph_intro.release_sending, notification_id)  # let the retry send it
        raise
    graph.write(graph_intro.mark_emailed, notification_id, now)
    return bool(address)


def unsent_ids(graph: Graph, limit: int = 500) -> list[str]:
    return graph.read(graph_intro.unsent_notifications, limit)


def deliver(settings: Settings, message: EmailMessage) -> None:
    """Send through SMTP; in development, or with no SMTP host, log it instead."""
    if settings.env == "development" or not settings.smtp_host:
        # No address in the log: logs must not become a copy of people's contact details.
        log.info("e-mail not sent (development or no SMTP host): %s", message["Subject"])
        return
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user and settings.smtp_password:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        smtp.send_message(message)


def account_message(settings: Settings, to: str, text: str) -> EmailMessage:
    """An e-mail about the account itself (a sign-up attempt on a taken address)."""
    return _message(settings, to, text)


def _message(settings: Settings, to: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = f"Multaqa: {text}"
    message.set_content(f"{text}\n\n— Multaqa")
    return message


def _text(graph: Graph, row: dict[str, Any], lang: Lang) -> str:
    about = graph.read(graph_intro.contact_of, row.get("about_id") or "")
    name = about["name"] if about else row.get("about_name") or row.get("about_id", "")
    return str(MESSAGES.get(row["event"], {}).get(lang, row["event"]).format(name=name))


def _view(graph: Graph, row: dict[str, Any], lang: Lang) -> Notification:
    data = {k: native(v) for k, v in row.items()}
    return Notification.model_validate(data | {"text": _text(graph, row, lang)})


def queue_unsent(graph: Graph) -> int:
    """Queue one e-mail task per notification not sent yet (the outbox sweep)."""
    ids = unsent_ids(graph)
    for notification_id in ids:
        followups.send_notification(notification_id)
    return len(ids)
