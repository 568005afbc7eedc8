"""Associations, cooperatives, companies and public bodies: /api/v1/organizations."""

from api.routes.records import build_router
from models.records import RecordType

router = build_router(RecordType.ORGANIZATION, prefix="/organizations")
