"""The staff part of the API: token holders read the cases and transfer requests they may
see, move transfer requests and write to the other district.

Every read goes through the same selectors as the back office, so a request outside the
token user's object permissions is a 404 (a receiving district's transfer officer sees the
request, never its linked cases). Writes go through `cases.services.transfers`, which checks
the step's owner and audits; reads are audited here with the token's prefix.
"""

from datetime import date
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field as QueryField
from ninja import Query, Router, Schema, Status

from api.auth import StaffToken
from api.errors import ErrorOut
from api.schemas import (
    CaseOut,
    CasePage,
    RecordIn,
    RecordOut,
    StatusChangeIn,
    TransferDetailOut,
    TransferMessageIn,
    TransferMessageOut,
    TransferPage,
)
from cases.deadlines import is_overdue, overdue_condition
from cases.models import Case, CaseStatus
from cases.selectors.cases import cases_for_user
from cases.services.audit import record_audit_event
from transfers import services as transfer_services
from transfers.models import TransferRequest, TransferStatus
from transfers.selectors import (
    active_summary,
    allowed_transfer_moves,
    transfer_list,
    transfer_sides,
)
from transfers.workflow import RECEIVING, SENDING, T

router = Router(tags=["staff"], auth=StaffToken())
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


class Page(Schema):
    limit: int = QueryField(25, ge=1, le=100)
    offset: int = QueryField(0, ge=0, le=1_000_000)


class CaseFilter(Page):
    status: CaseStatus | None = None
    overdue: bool | None = QueryField(None, description="Only overdue (true) or on-time (false).")


class TransferFilter(Page):
    status: TransferStatus | None = None
    number: str = QueryField(
        "", max_length=32, description="Part of the transfer number, e.g. TR-2026-00012 or 00012."
    )


def _user(request: HttpRequest):
    return request.auth.user


def _audit(request: HttpRequest, action: str, *, target=None, district=None, **detail) -> None:
    record_audit_event(
        action=action,
        actor=_user(request),
        target=target,
        district=district,
        detail={"via": "api", "token": request.auth.prefix, **detail},
    )


def _district(district) -> dict:
    return {"id": district.pk, "code": district.code, "name": district.name}


def _school(school) -> dict | None:
    return None if school is None else {"id": school.pk, "name": school.name}


def _case(case: Case, *, today: date) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "status": case.status,
        "priority": case.priority,
        "district": _district(case.district),
        "school": _school(case.school),
        "opened_on": case.opened_on,
        "acknowledged_at": case.acknowledged_at,
        "acknowledge_due": case.acknowledge_due,
        "investigation_due": case.investigation_due,
        "closed_at": case.closed_at,
        "incident_date": case.incident_date,
        "location_type": case.location_type,
        "grade_band": case.grade_band,
        "incident_types": sorted(item.code for item in case.incident_types.all()),
        "bias_bases": sorted(item.code for item in case.bias_bases.all()),
        "transfer_interest": case.transfer_interest,
        "life_safety": case.life_safety,
        "overdue": is_overdue(case, today=today),
    }


def _visible_cases(request: HttpRequest):
    return (
        cases_for_user(user=_user(request))
        .select_related("district", "school")
        .prefetch_related("incident_types", "bias_bases")
    )


@router.get("/cases", response={200: CasePage, **ERRORS}, url_name="staff_cases")
def list_cases(request: HttpRequest, filters: Query[CaseFilter]):
    """Cases the token's user may handle: what a case list shows, never a narrative."""
    today = timezone.localdate()
    cases = _visible_cases(request).order_by("-opened_on", "-sequence", "number")
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.overdue is not None:
        late = overdue_condition(today=today)
        cases = cases.filter(late) if filters.overdue else cases.exclude(late)
    page = list(cases[filters.offset : filters.offset + filters.limit])
    _audit(request, "api.cases_listed", count=len(page))
    return {"count": cases.count(), "items": [_case(case, today=today) for case in page]}


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS}, url_name="staff_case")
def get_case(request: HttpRequest, case_id: UUID):
    case = _visible_cases(request).filter(pk=case_id).first()
    if case is None:
        raise Http404
    _audit(request, "api.case_viewed", target=case, district=case.district)
    return _case(case, today=timezone.localdate())


def _transfer_or_404(request: HttpRequest, transfer_id: UUID) -> TransferRequest:
    transfer = transfer_list(user=_user(request)).filter(pk=transfer_id).first()
    if transfer is None:
        raise Http404
    return transfer


def _transfer(transfer: TransferRequest) -> dict:
    return {
        "id": transfer.pk,
        "number": transfer.number,
        "status": transfer.status,
        "status_label": str(T(transfer.status).label),
        "reason_category": transfer.reason_category,
        "sending_district": _district(transfer.sending_district),
        "sending_school": _school(transfer.sending_school),
        "receiving_district": _district(transfer.receiving_district),
        "receiving_school": _school(transfer.receiving_school),
        "owner_district": transfer.owner_district.code if transfer.owner_district else None,
        "step_due": transfer.step_due,
        "created_at": transfer.created_at,
        "updated_at": transfer.updated_at,
        "version": transfer.version,
    }


def _record(item) -> dict:
    return {
        "id": item.pk,
        "kind": item.kind,
        "requested_at": item.requested_at,
        "sent_at": item.sent_at,
    }


def _transfer_detail(request: HttpRequest, transfer: TransferRequest) -> dict:
    user = _user(request)
    sides = transfer_sides(user=user, transfer=transfer)
    linked = []
    if SENDING in sides:
        linked = sorted(
            cases_for_user(user=user)
            .filter(pk__in=transfer.linked_cases.values("pk"))
            .values_list("number", flat=True)
        )
    summary = active_summary(transfer=transfer)
    steps = transfer.steps.select_related("owner_district")
    return {
        **_transfer(transfer),
        "student_reference": transfer.student_reference,
        "acting_for": sorted(sides),
        "allowed_moves": sorted(allowed_transfer_moves(user=user, transfer=transfer)),
        "steps": [
            {
                "status": step.status,
                "owner_district": step.owner_district.code if step.owner_district else None,
                "entered_at": step.entered_at,
                "left_at": step.left_at,
                "due": step.due,
            }
            for step in steps
        ],
        "records": [_record(item) for item in transfer.records.all()],
        "linked_cases": linked,
        "shared_summary": summary.summary if summary else None,
    }


def _own_district(request: HttpRequest, transfer: TransferRequest):
    sides = transfer_sides(user=_user(request), transfer=transfer)
    if RECEIVING in sides and SENDING not in sides:
        return transfer.receiving_district
    return transfer.sending_district


@router.get("/transfers", response={200: TransferPage, **ERRORS}, url_name="staff_transfers")
def list_transfers(request: HttpRequest, filters: Query[TransferFilter]):
    """Transfer requests naming a district the token's user handles transfers for, or linked
    to a case they handle; the next due step first."""
    transfers = transfer_list(user=_user(request), number=filters.number)
    if filters.status:
        transfers = transfers.filter(status=filters.status)
    page = list(transfers[filters.offset : filters.offset + filters.limit])
    _audit(request, "api.transfers_listed", count=len(page))
    return {"count": transfers.count(), "items": [_transfer(t) for t in page]}


@router.get(
    "/transfers/{transfer_id}",
    response={200: TransferDetailOut, **ERRORS},
    url_name="staff_transfer",
)
def get_transfer(request: HttpRequest, transfer_id: UUID):
    transfer = _transfer_or_404(request, transfer_id)
    _audit(
        request,
        "api.transfer_viewed",
        target=transfer,
        district=_own_district(request, transfer),
    )
    return _transfer_detail(request, transfer)


@router.post(
    "/transfers/{transfer_id}/status",
    response={200: TransferDetailOut, 409: ErrorOut, **ERRORS},
    url_name="staff_transfer_status",
)
def change_status(request: HttpRequest, transfer_id: UUID, payload: StatusChangeIn):
    """Move the request one step. Only the district owning the current step may (either may
    withdraw); denials and appeals need a reason. With `version`, a move built on a stale read
    is refused (409); without it the move is last-writer-wins on the request as read here,
    which loses no text (the reason goes with the move, and the workflow still refuses a move
    the current step does not allow)."""
    transfer = _transfer_or_404(request, transfer_id)
    transfer_services.change_transfer_status(
        transfer=transfer,
        to_status=payload.to_status,
        actor=_user(request),
        reason=payload.reason,
        expected_version=payload.version or transfer.version,
    )
    return _transfer_detail(request, _transfer_or_404(request, transfer_id))


def _message(message) -> dict:
    return {
        "id": message.pk,
        "author_district": message.author_district.code if message.author_district else None,
        "created_at": message.created_at,
        "body": message.body,
        "has_attachment": bool(message.attachment),
    }


@router.get(
    "/transfers/{transfer_id}/messages",
    response={200: list[TransferMessageOut], **ERRORS},
    url_name="staff_transfer_messages",
)
def list_messages(request: HttpRequest, transfer_id: UUID):
    """Messages between the two districts on this request, oldest first."""
    transfer = _transfer_or_404(request, transfer_id)
    messages = transfer.messages.select_related("author_district").order_by("created_at")
    _audit(
        request,
        "api.transfer_messages_read",
        target=transfer,
        district=_own_district(request, transfer),
    )
    return [_message(message) for message in messages]


@router.post(
    "/transfers/{transfer_id}/messages",
    response={201: TransferMessageOut, **ERRORS},
    url_name="staff_transfer_send_message",
)
def post_message(request: HttpRequest, transfer_id: UUID, payload: TransferMessageIn):
    transfer = _transfer_or_404(request, transfer_id)
    message = transfer_services.send_transfer_message(
        transfer=transfer, actor=_user(request), body=payload.body
    )
    return Status(201, _message(message))


@router.post(
    "/transfers/{transfer_id}/records",
    response={201: RecordOut, **ERRORS},
    url_name="staff_transfer_records",
)
def request_record(request: HttpRequest, transfer_id: UUID, payload: RecordIn):
    """The receiving district lists a record it needs from the sending district."""
    transfer = _transfer_or_404(request, transfer_id)
    item = transfer_services.request_record(
        transfer=transfer, kind=payload.kind, actor=_user(request)
    )
    return Status(201, _record(item))


@router.post(
    "/transfers/{transfer_id}/records/{record_id}/sent",
    response={200: RecordOut, **ERRORS},
    url_name="staff_transfer_record_sent",
)
def mark_record_sent(request: HttpRequest, transfer_id: UUID, record_id: int):
    """The sending district records that it sent a requested record."""
    transfer = _transfer_or_404(request, transfer_id)
    item = transfer.records.filter(pk=record_id).first()
    if item is None:
        raise Http404
    item = transfer_services.mark_record_sent(item=item, actor=_user(request))
    return _record(item)
