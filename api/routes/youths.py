"""Youth profiles: /api/v1/youths."""

from api.routes.records import build_router
from models.records import RecordType

router = build_router(RecordType.YOUTH, prefix="/youths")
