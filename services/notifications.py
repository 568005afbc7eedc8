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
from typing import Literal

from graph import introductions as graph_intro
from graph.introductions import StoredNotification
from matcher import i18n
from matcher.i18n import LANGS, N_
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

# Notification texts: gettext message ids, translated in matcher/locale/*/messages.po.
MESSAGES: dict[str, str] = {
    "requested": N_("{name} asks to be introduced to you"),
    "accepted": N_("{name} accepted your request: you can now see each other's contact details"),
    "declined": N_("{name} declined your request"),
    "mentor_full": N_("{name} has no place left: your request was closed"),
    "expired": N_("Your request to {name} expired without an answer"),
    "withdrawn": N_("{name} withdrew the request"),
    "ended": N_("{name} ended the connection"),
    "new_suggestions": N_("New suggestions for you, including {name}"),
    "event_place": N_("A place opened up for you at “{name}”: you are registered"),
    "event_cancelled": N_("The event “{name}” is cancelled"),
    "matched": N_("You were matched with {name} in your cohort"),
}
# The same moves of an application, naming the offer it is for.
APPLICATION_MESSAGES: dict[str, str] = {
    "requested": N_("{name} applies to your offer “{offer}”"),
    "accepted": N_(
        "{name} accepted your application to “{offer}”: you can now see each other's "
        "contact details"
    ),
    "declined": N_("{name} declined your application to “{offer}”"),
    "expired": N_("Your application to “{offer}” expired without an answer"),
    "withdrawn": N_("{name} withdrew the application to “{offer}”"),
}
# The same moves of an offer's invitation to a youth to apply (the organisation asks).
INVITATION_MESSAGES: dict[str, str] = {
    "requested": N_("{name} invites you to apply to “{offer}”"),
    "accepted": N_(
        "{name} accepted your invitation to apply to “{offer}”: you can now see each other's "
        "contact details"
    ),
    "declined": N_("{name} declined your invitation to apply to “{offer}”"),
    "expired": N_("Your invitation to apply to “{offer}” expired without an answer"),
    "withdrawn": N_("{name} withdrew the invitation to apply to “{offer}”"),
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


def unread_count(graph: Graph, actor: Actor) -> int:
    """How many of the actor's notifications are unread (the header's badge)."""
    parties = parties_of(actor)
    return graph.read(graph_intro.count_unread, parties) if parties else 0


def read_all(graph: Graph, actor: Actor, *, lang: Lang, limit: int = 50) -> list[Notification]:
    """The actor's latest notifications, newest first; all are marked read once listed."""
    shown = list_for(graph, actor, unread=False, lang=lang, limit=limit, offset=0)
    if shown:
        graph.write(graph_intro.mark_all_read, parties_of(actor), dt.datetime.now(dt.UTC))
    return shown


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
    recipient = graph.read(graph_intro.email_of, row.party_id)
    address = recipient.email if recipient else None
    # Written in the language its reader chose (at sign-up or with the switch).
    chosen = recipient.lang if recipient else None
    lang = next((code for code in LANGS if code == chosen), settings.default_lang)
    try:
        if address:
            deliver(settings, _message(settings, address, _text(graph, row, lang)))
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


def account_email(settings: Settings, *, to: str, subject: str, body: str) -> EmailMessage:
    """An e-mail about the account itself (a reset link, a sign-up on a taken address),
    already in the reader's language."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(f"{body}\n\n— Multaqa")
    return message


def _message(settings: Settings, to: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = f"Multaqa: {text}"
    message.set_content(f"{text}\n\n— Multaqa")
    return message


def _text(graph: Graph, row: StoredNotification, lang: Lang) -> str:
    about = graph.read(graph_intro.contact_of, row.about_id or "")
    name = about.name if about else row.about_name or row.about_id or ""
    offer = graph.read(graph_intro.contact_of, row.offer_id) if row.offer_id else None
    texts = INVITATION_MESSAGES if row.invitation else APPLICATION_MESSAGES
    if offer is not None and row.event in texts:
        text = i18n.gettext(lang, texts[row.event])
        return text.format(name=i18n.isolate(name), offer=i18n.isolate(offer.name))
    message = MESSAGES.get(row.event)
    text = i18n.gettext(lang, message) if message else row.event
    return text.format(name=i18n.isolate(name))


def _view(graph: Graph, row: StoredNotification, lang: Lang) -> Notification:
    return Notification(
        id=row.id,
        event=row.event,
        text=_text(graph, row, lang),
        introduction_id=row.introduction_id,
        about_id=row.about_id,
        offer_id=row.offer_id,
        party_id=row.party_id,
        created_at=row.created_at,
        read_at=row.read_at,
    )


def queue_unsent(graph: Graph) -> int:
    """Queue one e-mail task per notification not sent yet (the outbox sweep)."""
    ids = unsent_ids(graph)
    for notification_id in ids:
        followups.send_notification(notification_id)
    return len(ids)
