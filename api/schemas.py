"""Request and response bodies of the integration API (pydantic, through django-ninja).

Public request fields are loosely typed on purpose: the portal's own forms validate them,
so a reporter gets the same translated messages from the API as from the web form.
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from cases.languages import report_languages
from transfers.models import RecordKind, TransferStatus

# ---------------------------------------------------------------- public


class Choice(Schema):
    code: str
    label: str


class SchoolOption(Schema):
    id: int
    name: str


class DistrictOption(Schema):
    id: int
    name: str
    schools: list[SchoolOption]


class ReportOptionsOut(Schema):
    districts: list[DistrictOption]
    incident_types: list[Choice]
    bias_bases: list[Choice]
    location_types: list[Choice]
    reporter_relations: list[Choice]
    grade_bands: list[Choice]
    transfer_interests: list[Choice]
    staff_involvement: list[Choice]


class DraftOut(Schema):
    draft: UUID = Field(description="Send it back with the report; it works once.")
    submit_after_seconds: int = Field(
        description="The report is refused if sent sooner than this (the portal's bot check)."
    )
    expires_at: datetime


class ReportIn(Schema):
    draft: str = Field("", max_length=64)
    incident_types: list[str] = Field(default_factory=list, max_length=50)
    bias_bases: list[str] = Field(default_factory=list, max_length=50)
    district: int | None = None
    school: int | None = None
    location_type: str = ""
    incident_date: str | None = Field(None, description="YYYY-MM-DD; empty if unknown.")
    date_is_approximate: bool = False
    reporter_relation: str = ""
    grade_band: str = ""
    people_involved: str = ""
    staff_involved: str = Field(
        "",
        description="Is an adult who works at the school involved? 'yes' or 'not_sure' keeps "
        "the report from the school's own officers; empty if not answered.",
    )
    narrative: str = ""
    transfer_interest: str = "no"
    contact_email: str = ""
    contact_phone: str = ""
    contact_consent: bool = False
    language: Literal[("", *report_languages())] = Field(
        "", description="The reporter's language; by default the request's (Accept-Language)."
    )


class ReceiptOut(Schema):
    receipt: str = Field(description="Shown once. Only a keyed hash is stored.")
    life_safety: bool = Field(description="True: show crisis contacts to the reporter now.")


class StatusTokenOut(Schema):
    token: str
    difficulty: int = Field(
        description=(
            "Proof of work: send as `work` a string of 1-32 letters or digits such that "
            "sha256(token + ':' + work) starts with this many zero bits. Grows with load."
        )
    )
    wait_seconds: int = Field(
        description="Without `work`, wait this long before using the token (grows with use)."
    )


class ReceiptIn(Schema):
    receipt: str = Field("", max_length=64)
    token: str = Field("", max_length=400)
    work: str = Field("", max_length=32, description="The proof of work for `token`.")


class DraftIn(Schema):
    token: str = Field("", max_length=400, description="From POST /api/public/draft-tokens.")
    work: str = Field("", max_length=32, description="The proof of work for `token`.")


class ReplyIn(ReceiptIn):
    body: str = ""


class PlainStatusOut(Schema):
    label: str
    meaning: str
    next_step: str
    due: date | None


class ReporterMessageOut(Schema):
    direction: str
    body: str
    sent_on: date = Field(description="The day only: messages keep no time of day.")


class ReporterStatusOut(Schema):
    status: PlainStatusOut
    transfer: PlainStatusOut | None
    messages: list[ReporterMessageOut]
    unread_count: int
    evidence_count: int


class DetailOut(Schema):
    detail: str


# ---------------------------------------------------------------- staff


class DistrictRef(Schema):
    id: int
    code: str
    name: str


class SchoolRef(Schema):
    id: int
    name: str


class CaseOut(Schema):
    id: UUID
    number: str
    status: str
    priority: int
    district: DistrictRef
    school: SchoolRef | None
    opened_on: date = Field(
        description="The district's day the case was opened. Never a time: a case opened "
        "from a report would date the reporter's action."
    )
    acknowledged_at: datetime | None
    acknowledge_due: date | None
    investigation_due: date | None
    closed_at: datetime | None
    incident_date: date | None
    location_type: str
    grade_band: str
    incident_types: list[str]
    bias_bases: list[str]
    transfer_interest: str
    life_safety: bool
    overdue: bool = Field(
        description="A running deadline has passed: not acknowledged in time, or an "
        "investigation past its due date (never once a finding is issued)."
    )


class CasePage(Schema):
    count: int
    items: list[CaseOut]


class TransferStepOut(Schema):
    status: str
    owner_district: str | None
    entered_at: datetime
    left_at: datetime | None
    due: date | None


class RecordOut(Schema):
    id: int
    kind: str
    requested_at: datetime
    sent_at: datetime | None


class TransferOut(Schema):
    id: UUID
    number: str = Field(description="The request's number as people say it, e.g. TR-2026-00012.")
    status: str
    status_label: str
    reason_category: str
    sending_district: DistrictRef
    sending_school: SchoolRef | None
    receiving_district: DistrictRef
    receiving_school: SchoolRef | None
    owner_district: str | None = Field(description="Code of the district that acts next.")
    step_due: date | None
    created_at: datetime
    updated_at: datetime
    version: int = Field(
        description="Changes with every save; send it back with a move to refuse a stale one."
    )


class TransferPage(Schema):
    count: int
    items: list[TransferOut]


class TransferDetailOut(TransferOut):
    student_reference: str
    acting_for: list[str] = Field(description="sending, receiving or both: your side(s).")
    allowed_moves: list[str] = Field(description="Statuses you may move the request to now.")
    steps: list[TransferStepOut]
    records: list[RecordOut]
    linked_cases: list[str] = Field(
        description="Case numbers; only for the sending district's officers of those cases."
    )
    shared_summary: str | None = Field(
        description="The incident summary shared with the family's recorded consent, if any."
    )


class StatusChangeIn(Schema):
    to_status: TransferStatus
    reason: str = Field("", max_length=5000)
    version: int | None = Field(
        None,
        ge=1,
        le=2_147_483_647,
        description=(
            "The request's `version` you read. If it changed since, the move is refused (409) "
            "and nothing is saved. Without it the move applies to the request as it is now."
        ),
    )


class TransferMessageIn(Schema):
    body: str = Field("", max_length=10000)


class TransferMessageOut(Schema):
    id: UUID
    author_district: str | None
    created_at: datetime
    body: str
    has_attachment: bool


class RecordIn(Schema):
    kind: RecordKind
