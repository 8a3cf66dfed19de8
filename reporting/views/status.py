"""The reporter's way back in: the receipt opens 20 minutes of access, held in an encrypted
cookie (reporting.reporter_cookie), not in a server-side session.

Sign-ins are not written to the audit trail on purpose: a timeline of when a reporter looks
at their report could help someone work out who they are. Replies, files and a shared
identity are audited.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from cases.models import MessageDirection, Report
from cases.selectors.identity import identity_shared_on
from cases.selectors.reporter import report_for_session, reporter_view
from cases.services.identity import share_identity
from cases.services.messages import mark_messages_read, record_reporter_message
from cases.services.reporter_evidence import add_reporter_evidence
from cases.uploads import BoundedMemoryUploadHandler, dropped_reason
from outcomes.selectors import reporter_outcome
from outcomes.services import answer_check_in
from reporting import pow, reporter_cookie
from reporting.forms.status import (
    AddEvidenceForm,
    CheckInForm,
    IdentityForm,
    ReceiptForm,
    ReplyForm,
)
from reporting.pow import Challenge
from reporting.receipt_check import Outcome, check_receipt, issue_token
from reporting.views.errors import error_list
from transfers.status_text import family_transfer_status


@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    request.upload_handlers = [BoundedMemoryUploadHandler(request)]
    return reporter_cookie.apply(request, _status(request))


@csrf_protect
def _status(request: HttpRequest) -> HttpResponse:
    report = _signed_in_report(request)
    if request.method == "GET":
        if report is None:
            return _receipt_page(request, *_fresh_form())
        return _status_page(request, report)
    action = request.POST.get("action", "")
    if action == "leave":
        reporter_cookie.sign_out(request)
        notice = _("You have left. Your report is safe.")
        return _receipt_page(request, *_fresh_form(), notice=notice)
    if report is None and action in ("reply", "evidence"):
        pending = request.POST.get("body", "")[:20_000]
        notice = _(
            "For your safety you were signed out after 20 minutes. Enter your receipt again: "
            "your message is kept. Files must be chosen again."
        )
        return _receipt_page(request, *_fresh_form(pending_reply=pending), notice=notice)
    if report is None and action == "check_in":
        notice = _(
            "For your safety you were signed out after 20 minutes. Enter your receipt again, "
            "then answer the question again."
        )
        return _receipt_page(request, *_fresh_form(), notice=notice)
    if report is None and action == "identity":
        # The name is not carried through the receipt page: it would sit in a hidden field.
        notice = _(
            "For your safety you were signed out after 20 minutes. Enter your receipt again, "
            "then write your name again."
        )
        return _receipt_page(request, *_fresh_form(), notice=notice)
    if report is None:
        return _check_receipt(request)
    if action == "reply":
        return _reply(request, report)
    if action == "evidence":
        return _add_evidence(request, report)
    if action == "identity":
        return _share_identity(request, report)
    if action == "check_in":
        return _answer_check_in(request, report)
    return redirect(reverse("reporting:status"))


def _signed_in_report(request: HttpRequest) -> Report | None:
    report = report_for_session(reporter_cookie.report_id(request))
    if report is None:
        if reporter_cookie.has_cookie(request):
            reporter_cookie.sign_out(request)
        return None
    reporter_cookie.sign_in(request, report.pk)  # another 20 minutes from now
    return report


def _fresh_form(**initial) -> tuple[ReceiptForm, Challenge]:
    challenge = issue_token()
    return ReceiptForm(initial={**initial, "token": challenge.token}), challenge


def _check_receipt(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        return _receipt_page(request, *_with_token(form))
    check = check_receipt(
        digits=form.cleaned_data["receipt"],
        token=form.cleaned_data["token"],
        work=form.cleaned_data["work"],
    )
    if check.outcome is Outcome.TOKEN_EXPIRED:
        notice = _("This page had expired. Press Check again.")
        return _receipt_page(request, *_with_token(form), notice=notice)
    if check.outcome is Outcome.WRONG_WORK:
        notice = _("Your browser's check did not finish correctly. Press Check again.")
        return _receipt_page(request, *_with_token(form), notice=notice)
    if check.outcome is Outcome.MUST_WAIT:
        wait = check.wait_seconds
        notice = _(
            "Without JavaScript, this page must be open a little while before it is sent. "
            "Wait %(seconds)s seconds, then press Check again."
        ) % {"seconds": wait}
        # The same challenge: its age is what the wait counts.
        return _receipt_page(request, *_with_token(form, keep=True), notice=notice, wait=wait)
    if check.outcome is Outcome.BUSY:
        notice = _(
            "Many codes have been checked without JavaScript in the last few minutes. Turn on "
            "JavaScript and press Check again, or try again in 15 minutes."
        )
        return _receipt_page(request, *_with_token(form), notice=notice)
    if check.outcome is Outcome.TOKEN_USED:
        notice = _("This page was already used. Press Check again.")
        return _receipt_page(request, *_with_token(form), notice=notice)
    if check.outcome is Outcome.CODE_EXHAUSTED:
        form.add_error(
            "receipt",
            _("This code has been tried too many times. Wait 15 minutes and try again."),
        )
        return _receipt_page(request, *_with_token(form))
    report = check.report
    if report is None:
        form.add_error(
            "receipt",
            _("No report has this code. Check each digit and try again."),
        )
        return _receipt_page(request, *_with_token(form))
    reporter_cookie.sign_in(request, report.pk)
    pending = form.cleaned_data.get("pending_reply", "")
    if pending:
        return _status_page(request, report, reply_form=ReplyForm(initial={"body": pending}))
    return redirect(reverse("reporting:status"))


def _with_token(form: ReceiptForm, *, keep: bool = False) -> tuple[ReceiptForm, Challenge]:
    """The same form, as typed, carrying a fresh challenge for the next try (or, with `keep`,
    the one it had, whose age a no-JavaScript wait is counting)."""
    data = form.data.copy()
    challenge = pow.reissue(data.get("token", ""), pow.Purpose.CHECK) if keep else issue_token()
    data["token"] = challenge.token
    data["work"] = ""
    rebound = ReceiptForm(data)
    rebound.is_valid()
    for field, errors in form.errors.items():
        for error in errors:
            if error not in rebound.errors.get(field, []):
                rebound.add_error(field if field != "__all__" else None, error)
    return rebound, challenge


def _reply(request: HttpRequest, report: Report) -> HttpResponse:
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            record_reporter_message(report=report, body=form.cleaned_data["body"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("body", message)
        else:
            return _status_page(request, report, notice=_("Your message was sent."))
    return _status_page(request, report, reply_form=form)


def _add_evidence(request: HttpRequest, report: Report) -> HttpResponse:
    form = AddEvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        uploads = form.cleaned_data["files"]
        dropped = [(upload.name, dropped_reason(upload)) for upload in uploads]
        dropped = [(name, reason) for name, reason in dropped if reason is not None]
        for name, reason in dropped:
            form.add_error("files", f"{name}: {reason}")
        if not dropped:
            try:
                added = add_reporter_evidence(report=report, uploads=uploads)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("files", message)
            else:
                notice = _("%(count)s file(s) added to your report.") % {"count": len(added)}
                return _status_page(request, report, notice=notice)
    return _status_page(request, report, evidence_form=form)


def _share_identity(request: HttpRequest, report: Report) -> HttpResponse:
    form = IdentityForm(request.POST)
    if form.is_valid():
        try:
            replaced = share_identity(report=report, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("name", message)
        else:
            notice = (
                _("Your correction was received. It replaces what you sent before.")
                if replaced
                else _("Your name was received. It is kept encrypted.")
            )
            return _status_page(request, report, notice=notice)
    return _status_page(request, report, identity_form=form)


def _answer_check_in(request: HttpRequest, report: Report) -> HttpResponse:
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            answer_check_in(
                report=report,
                check_in_id=form.cleaned_data["check_in"],
                happened=form.cleaned_data["happened"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("details" if error.code != "answered" else None, message)
        else:
            notice = (
                _("Thank you for telling us. An officer will look at it soon.")
                if form.cleaned_data["happened"]
                else _("Thank you for your answer.")
            )
            return _status_page(request, report, notice=notice)
    return _status_page(request, report, check_in_form=form)


def _receipt_page(
    request, form: ReceiptForm, challenge: Challenge, *, notice: str = "", wait: int = 0
):
    """`challenge` is the form's token; its bits tell the page's script how much work to do."""
    return render(
        request,
        "reporting/status_check.html",
        {
            "form": form,
            "errors": error_list(form),
            "notice": notice,
            "wait": wait,
            "challenge": challenge,
        },
    )


def _status_page(
    request,
    report: Report,
    *,
    reply_form=None,
    evidence_form=None,
    identity_form=None,
    check_in_form=None,
    notice="",
):
    view = reporter_view(report)
    mark_messages_read(report=report, direction=MessageDirection.TO_REPORTER)
    reply_form = reply_form or ReplyForm()
    evidence_form = evidence_form or AddEvidenceForm()
    identity_form = identity_form or IdentityForm()
    outcome = reporter_outcome(report=report)
    if check_in_form is None and outcome.question is not None:
        check_in_form = CheckInForm(initial={"check_in": outcome.question.pk})
    return render(
        request,
        "reporting/status.html",
        {
            "view": view,
            "transfer": family_transfer_status(case_id=report.case_id),
            "reply_form": reply_form,
            "evidence_form": evidence_form,
            "identity_form": identity_form,
            "identity_shared_on": identity_shared_on(report=report),
            "outcome": outcome,
            "check_in_form": check_in_form,
            "errors": error_list(reply_form)
            + error_list(evidence_form)
            + error_list(identity_form)
            + (error_list(check_in_form) if check_in_form is not None else []),
            "notice": notice,
        },
    )
