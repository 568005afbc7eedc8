"""/staff/accounts: the self-registered mentor and organisation accounts waiting for approval;
/staff/audit: the audit log. The same service functions as /api/v1/auth/users/awaiting-approval,
/api/v1/auth/users/{id}/approve and /api/v1/audit."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import GraphDep
from api.web.rendering import render
from api.web.session import Form
from api.web.staff_access import StaffActor, staff_router
from models.audit import AuditAction
from services import accounts, audit

router = staff_router()
AUDIT_PAGE = 50


@router.get("/accounts", response_class=HTMLResponse)
def accounts_page(
    request: Request, actor: StaffActor, graph: GraphDep, approved: str = ""
) -> HTMLResponse:
    waiting = accounts.awaiting_approval(graph, actor)
    return render(request, "staff/accounts.html", actor=actor, waiting=waiting, approved=approved)


@router.post("/accounts/{user_id}/approve")
def approve(user_id: str, actor: StaffActor, form: Form, graph: GraphDep) -> Response:
    user = accounts.approve(graph, actor, user_id)
    return RedirectResponse(f"/staff/accounts?{urlencode({'approved': user.email})}", 303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request, actor: StaffActor, graph: GraphDep, action: str = "", offset: int = 0
) -> HTMLResponse:
    chosen = AuditAction(action) if action in {a.value for a in AuditAction} else None
    found = audit.read(graph, actor, limit=AUDIT_PAGE, offset=max(offset, 0), action=chosen)
    return render(
        request,
        "staff/audit.html",
        actor=actor,
        found=found,
        emails=audit.actors_emails(graph, actor, found),
        action=chosen.value if chosen else "",
        actions=[a.value for a in AuditAction],
        query=urlencode({"action": chosen.value}) if chosen else "",
        page_size=AUDIT_PAGE,
    )
