"""The demo accounts `multaqa up` creates, so that a newcomer signs in and sees suggestions.

One youth writing in Darija, one mentor who speaks Darija and French with free places, one
member of an organisation with an open offer, one staff account; known passwords (printed by
`multaqa up` and listed in the README). Idempotent: existing accounts are left as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph import users as graph_users
from models.records import RecordType
from models.user import Role
from services import accounts, profiles
from services.db import Graph
from services.settings import Settings

DEMO_PASSWORD = "multaqa-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    what: str


DEMO_ACCOUNTS = (
    DemoAccount("youth@demo.multaqa.ma", Role.YOUTH, "youth, profile in Darija"),
    DemoAccount("mentor@demo.multaqa.ma", Role.MENTOR, "mentor, speaks Darija and French"),
    DemoAccount("org@demo.multaqa.ma", Role.ORGANIZATION_MEMBER, "member of a cooperative"),
    DemoAccount("staff@demo.multaqa.ma", Role.STAFF, "platform staff"),
)

_PROFILES: dict[Role, list[tuple[RecordType, dict[str, Any]]]] = {
    Role.YOUTH: [
        (
            RecordType.YOUTH,
            {
                "id": "y-demo-salma",
                "name": "Salma Demo",
                "birth_year": dt.date.today().year - 24,
                "bio": "بغيت نخدم فالخياطة ونفتح مشروع ديالي ديال الخياطة التقليدية فخريبكة. "
                "عندي تجربة عامين فالخياطة والتطريز.",
                "skills": ["الخياطة", "التطريز", "couture"],
                "interests": ["الصناعة التقليدية", "artisanat"],
                "languages": ["ary", "ar", "fr"],
                "location": {"commune": "Khouribga"},
                "seeking": ["mentor", "job", "partner"],
                "project": {
                    "title": "مشغل الخياطة التقليدية",
                    "description": "مشغل صغير للخياطة التقليدية والتطريز",
                    "stage": "idea",
                },
                "phone": "0612345601",
                "email": "youth@demo.multaqa.ma",
            },
        )
    ],
    Role.MENTOR: [
        (
            RecordType.MENTOR,
            {
                "id": "m-demo-karim",
                "name": "Karim Demo",
                "bio": "Artisan couturier depuis 20 ans, j'accompagne les jeunes qui lancent un "
                "atelier de couture ou de broderie traditionnelle.",
                "skills": ["couture", "broderie", "gestion d'atelier"],
                "sectors": ["artisanat", "textile"],
                "languages": ["ary", "fr"],
                "location": {"commune": "Khouribga"},
                "capacity": 3,
                "phone": "0612345602",
                "email": "mentor@demo.multaqa.ma",
            },
        )
    ],
    Role.ORGANIZATION_MEMBER: [
        (
            RecordType.ORGANIZATION,
            {
                "id": "o-demo-nour",
                "name": "Coopérative Nour Demo",
                "kind": "cooperative",
                "description": "Coopérative de couture et de broderie traditionnelle à Khouribga.",
                "sectors": ["artisanat", "textile"],
                "needs": ["couturières", "commercialisation"],
                "offers": ["formation", "atelier équipé"],
                "languages": ["ary", "ar", "fr"],
                "location": {"commune": "Khouribga"},
                "phone": "0612345603",
                "email": "org@demo.multaqa.ma",
            },
        ),
        (
            RecordType.JOB_OFFER,
            {
                "id": "jo-demo-couture",
                "title": "Couturière en atelier",
                "description": "Couture et broderie de caftans dans notre atelier de Khouribga.",
                "organization_id": "o-demo-nour",
                "required_skills": ["couture", "broderie"],
                "location": {"commune": "Khouribga"},
                "contract": "job",
                "languages": ["ary", "fr"],
            },
        ),
    ],
}


def ensure_demo_accounts(graph: Graph, settings: Settings) -> list[DemoAccount]:
    """Create the demo accounts and their profiles when missing; returns all of them."""
    for demo in DEMO_ACCOUNTS:
        if graph.read(graph_users.user_by_email, demo.email) is not None:
            continue
        user = accounts.create_account(
            graph, email=demo.email, password=DEMO_PASSWORD, role=demo.role
        )
        for kind, data in _PROFILES.get(demo.role, []):
            # Re-read: the organisation just created makes its member the poster of the offer.
            actor = accounts.actor_of(accounts.current_user(graph, user.id))
            fields = {key: value for key, value in data.items() if key != "id"}
            payload = kind.create_model.model_validate(fields)
            profiles.create(graph, actor, kind, payload, settings, record_id=data["id"])
    return list(DEMO_ACCOUNTS)
