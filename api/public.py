"""The anonymous part of the API: the same report, receipt check and reply as the portal.

Anonymity: every path under /api/public/ is a portal path for `PortalPrivacyMiddleware`, so the
client address, user agent and referrer are blanked before any code sees them.
Bots: a submission must name a draft started at least REPORTING_MIN_SECONDS_TO_SUBMIT earlier
(`POST /drafts`), checked by the portal's own fail-closed bot check; the honeypot is a web-form
device and has no API equivalent.
Abuse limits: a draft and a receipt check each need a single-use challenge
(`/draft-tokens`, `/status-tokens`) and its proof of work, as on the portal (reporting/pow.py),
and a receipt has the same per-code budget.
"""

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from api.errors import ApiError, ErrorOut
from api.schemas import (
    DetailOut,
    DraftIn,
    DraftOut,
    ReceiptIn,
    ReceiptOut,
    ReplyIn,
    ReporterStatusOut,
    ReportIn,
    ReportOptionsOut,
    StatusTokenOut,
)
from cases.choices import (
    GradeBand,
    LocationType,
    ReporterRelation,
    StaffInvolvement,
    TransferInterest,
)
from cases.languages import report_language
from cases.models import BiasBasis, District, IncidentType, MessageDirection, Report
from cases.selectors.reporter import reporter_view
from cases.services.messages import mark_messages_read, record_reporter_message
from privacy.receipts import format_receipt
from reporting import pow, throttle
from reporting import services as reporting_services
from reporting.bot_check import minimum_draft_age
from reporting.drafts import find_draft, start_draft
from reporting.forms.status import ReceiptForm, ReplyForm
from reporting.receipt_check import Outcome, check_receipt, issue_token
from reporting.steps import ANSWER_STEPS
from transfers.status_text import family_transfer_status

router = Router(tags=["public"])
ERRORS = {400: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _choices(enum) -> list[dict]:
    return [{"code": value, "label": str(label)} for value, label in enum.choices]


@router.get("/options", response={200: ReportOptionsOut}, url_name="public_options")
def report_options(request: HttpRequest):
    """The choices a report form offers, in the request's language."""
    districts = District.objects.prefetch_related("schools").order_by("name")
    return {
        "districts": [
            {
                "id": district.pk,
                "name": district.name,
                "schools": [
                    {"id": school.pk, "name": school.name}
                    for school in sorted(district.schools.all(), key=lambda s: s.name)
                    if school.active
                ],
            }
            for district in districts
        ],
        "incident_types": [
            {"code": item.code, "label": str(item.label)}
            for item in IncidentType.objects.filter(active=True)
        ],
        "bias_bases": [
            {"code": item.code, "label": str(item.label)}
            for item in BiasBasis.objects.filter(active=True)
        ],
        "location_types": _choices(LocationType),
        "reporter_relations": _choices(ReporterRelation),
        "grade_bands": _choices(GradeBand),
        "transfer_interests": _choices(TransferInterest),
        "staff_involvement": _choices(StaffInvolvement),
    }


def _challenge_body(challenge: pow.Challenge) -> dict:
    return {
        "token": challenge.token,
        "difficulty": challenge.bits,
        "wait_seconds": challenge.wait_seconds,
    }


@router.post("/draft-tokens", response={201: StatusTokenOut}, url_name="public_draft_tokens")
def new_draft_token(request: HttpRequest):
    """A single-use challenge for starting one draft; solve it, or wait `wait_seconds`."""
    return Status(201, _challenge_body(pow.issue(pow.Purpose.DRAFT)))


def _refuse_work(check: pow.Check) -> NoReturn:
    """The API's answer to a challenge the portal would refuse."""
    if check.verdict is pow.Verdict.MUST_WAIT:
        raise ApiError(
            429,
            _("Without proof of work, wait %(seconds)s seconds, then try again.")
            % {"seconds": check.wait_seconds},
            headers={"Retry-After": str(check.wait_seconds)},
        )
    if check.verdict is pow.Verdict.BUSY:
        message = _("Many requests came without proof of work. Send the work, or wait.")
        raise ApiError(429, message, headers={"Retry-After": "900"})
    messages = {
        pow.Verdict.WRONG_WORK: _("This work does not solve the token."),
        pow.Verdict.USED: _("This token was already used. Ask for a new one."),
    }
    message = messages.get(
        check.verdict, _("This token has expired or is not valid. Ask for a new one.")
    )
    field = "work" if check.verdict is pow.Verdict.WRONG_WORK else "token"
    raise ApiError(400, _("Some values are not valid."), errors={field: [message]})


@router.post("/drafts", response={201: DraftOut, **ERRORS}, url_name="public_drafts")
def new_draft(request: HttpRequest, payload: DraftIn):
    """Start a report: costs one solved challenge; the draft's age is the bot check, as on
    the web form."""
    check = pow.verify(purpose=pow.Purpose.DRAFT, token=payload.token, work=payload.work)
    if not check.accepted:
        _refuse_work(check)
    throttle.record_draft()
    draft = start_draft()
    seconds = int(minimum_draft_age().total_seconds())
    return Status(
        201, {"draft": draft.pk, "submit_after_seconds": seconds, "expires_at": draft.expires_at}
    )


def _answers(payload: ReportIn) -> dict[str, dict[str, list[str]]]:
    """The JSON body in the shape the portal stores typed answers: step -> field -> values."""
    data = payload.model_dump()
    answers = {}
    for step in ANSWER_STEPS:
        values = {}
        for name in step.form_class.base_fields:
            value = data.get(name)
            if value is None or value is False:
                continue
            if value is True:
                values[name] = ["on"]
            elif isinstance(value, list):
                values[name] = [str(item) for item in value]
            else:
                values[name] = [str(value)]
        answers[step.slug] = values
    return answers


def _form_errors(refused: reporting_services.InvalidSteps) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for _step, form in refused.steps:
        for field, messages in form.errors.items():
            errors.setdefault(field, []).extend(str(message) for message in messages)
    return errors


@router.post(
    "/reports",
    response={201: ReceiptOut, 409: ErrorOut, **ERRORS},
    url_name="public_reports",
    # The id the schema has always published, though the route is no longer named after it.
    operation_id="api_public_submit_report",
)
def post_report(request: HttpRequest, payload: ReportIn):
    """Send a report. Validated by the portal's forms; answers with the receipt, once."""
    draft = find_draft(payload.draft)
    if draft is None:
        raise ApiError(
            400,
            _("Some values are not valid."),
            errors={"draft": [_("Start a report first (POST /api/public/drafts).")]},
        )
    try:
        result = reporting_services.submit_report(
            draft=draft, answers=_answers(payload), language=report_language(payload.language)
        )
    except reporting_services.InvalidSteps as refused:
        errors = _form_errors(refused)
        raise ApiError(400, _("Some values are missing or not valid."), errors=errors) from None
    except reporting_services.SubmissionRefused as refused:
        raise ApiError(429, refused.reason, headers={"Retry-After": "10"}) from None
    except reporting_services.DraftAlreadySent:
        message = _(
            "This draft was already used to send a report. Its receipt was given once, in the "
            "answer to that request; start a new draft to send another report."
        )
        raise ApiError(409, message, errors={"draft": [message]}) from None
    return Status(
        201, {"receipt": format_receipt(result.receipt), "life_safety": result.report.life_safety}
    )


@router.post("/status-tokens", response={201: StatusTokenOut}, url_name="public_status_tokens")
def new_status_token(request: HttpRequest):
    """A single-use challenge for one receipt check (10 minutes); solve it, or without work
    wait `wait_seconds` before using it."""
    return Status(201, _challenge_body(issue_token()))


def _receipt_digits(payload: ReceiptIn) -> str:
    form = ReceiptForm(
        data={"receipt": payload.receipt, "token": payload.token, "work": payload.work}
    )
    if not form.is_valid():
        errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        raise ApiError(400, _("Some values are missing or not valid."), errors=errors)
    return form.cleaned_data["receipt"]


_WORK_OUTCOMES = {
    Outcome.TOKEN_EXPIRED: pow.Verdict.EXPIRED,
    Outcome.WRONG_WORK: pow.Verdict.WRONG_WORK,
    Outcome.MUST_WAIT: pow.Verdict.MUST_WAIT,
    Outcome.BUSY: pow.Verdict.BUSY,
    Outcome.TOKEN_USED: pow.Verdict.USED,
}


def _open_report(*, digits: str, token: str, work: str) -> Report:
    """The report of a receipt, through every limit of the status page."""
    check = check_receipt(digits=digits, token=token, work=work)
    invalid = _("Some values are not valid.")
    if check.outcome is Outcome.OPENED and check.report is not None:
        return check.report
    if check.outcome in _WORK_OUTCOMES:
        _refuse_work(pow.Check(_WORK_OUTCOMES[check.outcome], wait_seconds=check.wait_seconds))
    if check.outcome is Outcome.CODE_EXHAUSTED:
        message = _("This code has been tried too many times. Wait 15 minutes and try again.")
        raise ApiError(429, message, errors={"receipt": [message]}, headers={"Retry-After": "900"})
    if check.outcome is Outcome.NOT_FOUND:
        raise ApiError(
            400,
            invalid,
            errors={"receipt": [_("No report has this code. Check each digit and try again.")]},
        )
    raise ApiError(400, invalid, errors={"token": [_("This token is not valid.")]})


def _status_body(report: Report) -> dict:
    view = reporter_view(report)
    mark_messages_read(report=report, direction=MessageDirection.TO_REPORTER)

    def plain(status):
        if status is None:
            return None
        return {
            "label": str(status.label),
            "meaning": str(status.meaning),
            "next_step": str(status.next_step),
            "due": status.due,
        }

    return {
        "status": plain(view.status),
        "transfer": plain(family_transfer_status(case_id=report.case_id)),
        "messages": [
            {"direction": m.direction, "body": m.body, "sent_on": m.created_on}
            for m in view.messages
        ],
        "unread_count": view.unread_count,
        "evidence_count": view.evidence_count,
    }


@router.post("/status", response={200: ReporterStatusOut, **ERRORS}, url_name="public_status")
def report_status(request: HttpRequest, payload: ReceiptIn):
    """The report's status and messages, for the holder of its receipt (in the body, never
    in the URL). Not audited, like the status page: when a reporter looks is not recorded."""
    digits = _receipt_digits(payload)
    report = _open_report(digits=digits, token=payload.token, work=payload.work)
    return _status_body(report)


@router.post("/replies", response={201: DetailOut, **ERRORS}, url_name="public_replies")
def reply(request: HttpRequest, payload: ReplyIn):
    """Write to the officer. Needs the receipt and a fresh status token, like a check."""
    reply_form = ReplyForm(data={"body": payload.body})
    errors = {} if reply_form.is_valid() else dict(reply_form.errors)
    try:
        digits = _receipt_digits(payload)
    except ApiError as error:
        errors.update(error.errors)
    if errors:
        fields = {field: [str(m) for m in messages] for field, messages in errors.items()}
        raise ApiError(400, _("Some values are missing or not valid."), errors=fields)
    report = _open_report(digits=digits, token=payload.token, work=payload.work)
    try:
        record_reporter_message(report=report, body=reply_form.cleaned_data["body"])
    except ValidationError as error:
        raise ApiError(
            400, _("Some values are not valid."), errors={"body": list(error.messages)}
        ) from None
    return Status(201, {"detail": _("Your message was sent.")})
