"""The staff console's door: every /staff page and action is for staff and admins only
(others get the 403 page, anonymous visitors the sign-in page). Each handler still calls a
service that checks access itself; this makes a new /staff route safe by default."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from api.web.session import SignedIn
from services.access import Actor, require_staff


def staff_only(actor: SignedIn) -> Actor:
    require_staff(actor, "use the staff console")
    return actor


StaffActor = Annotated[Actor, Depends(staff_only)]


def staff_router() -> APIRouter:
    """A router of staff pages under /staff, closed to everyone else."""
    return APIRouter(prefix="/staff", include_in_schema=False, dependencies=[Depends(staff_only)])
