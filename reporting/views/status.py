"""The reporter's way back in: the receipt opens 20 minutes of access, held in an encrypted
cookie (reporting.reporter_cookie), not in a server-side session.

Sign-ins are not written to the audit trail on purpose: a timeline of when a reporter looks
at their report could help someone work out who they are. Replies and files are audited.
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
from cases.selectors.reporter import report_for_session, reporter_view
from cases.services.messages import mark_messages_read, record_reporter_message
from cases.services.reporter_evidence import add_reporter_evidence
from cases.uploads import BoundedMemoryUploadHandler, dropped_reason
from reporting import reporter_cookie
from reporting.forms.status import AddEvidenceForm, ReceiptForm, ReplyForm
from reporting.receipt_check import Outcome, check_receipt
from reporting.status_token import issue_token
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
            return _receipt_page(request, ReceiptForm(initial={"token": issue_token()}))
        return _status_page(request, report)
    action = request.POST.get("action", "")
    if action == "leave":
        reporter_cookie.sign_out(request)
        form = ReceiptForm(initial={"token": issue_token()})
        return _receipt_page(request, form, notice=_("You have left. Your report is safe."))
    if report is None and action in ("reply", "evidence"):
        initial = {"token": issue_token(), "pending_reply": request.POST.get("body", "")[:20_000]}
        notice = _(
            "For your safety you were signed out after 20 minutes. Enter your receipt again: "
            "your message is kept. Files must be chosen again."
        )
        return _receipt_page(request, ReceiptForm(initial=initial), notice=notice)
    if report is None:
        return _check_receipt(request)
    if action == "reply":
        return _reply(request, report)
    if action == "evidence":
        return _add_evidence(request, report)
    return redirect(reverse("reporting:status"))


def _signed_in_report(request: HttpRequest) -> Report | None:
    report = report_for_session(reporter_cookie.report_id(request))
    if report is None:
        if reporter_cookie.has_cookie(request):
            reporter_cookie.sign_out(request)
        return None
    reporter_cookie.sign_in(request, report.pk)  # another 20 minutes from now
    return report


def _check_receipt(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        return _receipt_page(request, _with_token(form, request.POST.get("token", "")))
    check = check_receipt(digits=form.cleaned_data["receipt"], token=form.cleaned_data["token"])
    if check.outcome is Outcome.TOKEN_EXPIRED:
        notice = _("This page had expired. Press Check again.")
        return _receipt_page(request, _with_token(form, issue_token()), notice=notice)
    if check.outcome is Outcome.MUST_WAIT:
        wait = check.wait_seconds
        notice = _(
            "Many wrong codes have been tried on this site recently, so every check now waits a "
            "little. Wait %(seconds)s seconds, then press Check again."
        ) % {"seconds": wait}
        return _receipt_page(request, form, notice=notice, wait=wait)
    if check.outcome is Outcome.TOKEN_USED:
        notice = _("This page was already used. Press Check again.")
        return _receipt_page(request, _with_token(form, issue_token()), notice=notice)
    if check.outcome is Outcome.CODE_EXHAUSTED:
        form.add_error(
            "receipt",
            _("This code has been tried too many times. Wait 15 minutes and try again."),
        )
        return _receipt_page(request, _with_token(form, issue_token()))
    report = check.report
    if report is None:
        form.add_error(
            "receipt",
            _("No report has this code. Check each digit and try again."),
        )
        return _receipt_page(request, _with_token(form, issue_token()))
    reporter_cookie.sign_in(request, report.pk)
    pending = form.cleaned_data.get("pending_reply", "")
    if pending:
        return _status_page(request, report, reply_form=ReplyForm(initial={"body": pending}))
    return redirect(reverse("reporting:status"))


def _with_token(form: ReceiptForm, token: str) -> ReceiptForm:
    """The same form, as typed, carrying a fresh token for the next try."""
    data = form.data.copy()
    data["token"] = token
    rebound = ReceiptForm(data)
    rebound.is_valid()
    for field, errors in form.errors.items():
        for error in errors:
            if error not in rebound.errors.get(field, []):
                rebound.add_error(field if field != "__all__" else None, error)
    return rebound


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


def _receipt_page(request, form: ReceiptForm, *, notice: str = "", wait: int = 0):
    return render(
        request,
        "reporting/status_check.html",
        {"form": form, "errors": error_list(form), "notice": notice, "wait": wait},
    )


def _status_page(request, report: Report, *, reply_form=None, evidence_form=None, notice=""):
    view = reporter_view(report)
    mark_messages_read(report=report, direction=MessageDirection.TO_REPORTER)
    reply_form = reply_form or ReplyForm()
    evidence_form = evidence_form or AddEvidenceForm()
    return render(
        request,
        "reporting/status.html",
        {
            "view": view,
            "transfer": family_transfer_status(case_id=report.case_id),
            "reply_form": reply_form,
            "evidence_form": evidence_form,
            "errors": error_list(reply_form) + error_list(evidence_form),
            "notice": notice,
        },
    )
