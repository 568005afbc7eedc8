"""In-app notifications: /api/v1/notifications."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.deps import CurrentActor, GraphDep
from models.notification import Notification
from models.pages import MAX_PAGE_SIZE
from services import notifications
from services.notifications import Lang

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", response_model=list[Notification])
def list_notifications(
    actor: CurrentActor,
    graph: GraphDep,
    unread: bool = False,
    lang: Lang = "fr",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[Notification]:
    """Your notifications (your profile's and your organisations'), newest first."""
    return notifications.list_for(
        graph, actor, unread=unread, lang=lang, limit=limit, offset=offset
    )


@router.post("/{notification_id}/read", status_code=status.HTTP_204_NO_CONTENT)
def mark_read(notification_id: str, actor: CurrentActor, graph: GraphDep) -> Response:
    notifications.mark_read(graph, actor, notification_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
