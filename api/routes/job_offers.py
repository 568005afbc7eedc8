"""Job offers: /api/v1/job-offers."""

from api.routes.records import build_router
from models.records import RecordType

router = build_router(RecordType.JOB_OFFER, prefix="/job-offers")
