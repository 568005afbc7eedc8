"""Mentor profiles: /api/v1/mentors."""

from api.routes.records import build_router
from models.records import RecordType

router = build_router(RecordType.MENTOR, prefix="/mentors")
