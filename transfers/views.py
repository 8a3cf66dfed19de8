"""Transfer request screens: detail, creation and the actions of both districts (the list is
the viewset in transfers/admin.py).

A request the user may not see is a 404. The receiving district never sees a case narrative,
only the summary shared with recorded consent.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from cases.admin.access import case_or_404
from cases.admin.evidence import download_name
from cases.roles import HANDLE_DISTRICT_TRANSFERS
from cases.selectors.cases import cases_for_user
from cases.selectors.organisation import districts_with_permission
from cases.services.audit import record_audit_event
from cases.services.versions import StaleVersion
from cases.uploads import BoundedMemoryUploadHandler
from transfers import services as services
from transfers.forms import (
    RecordRequestForm,
    SummaryShareForm,
    TransferCreateForm,
    TransferMessageForm,
    TransferStatusForm,
)
from transfers.models import TransferRequest
from transfers.selectors import (
    RECORD_MOVES,
    active_summary,
    transfer_list,
    transfer_move_buttons,
    transfer_sides,
)
from transfers.workflow import SENDING, InvalidTransferTransition


def transfer_or_404(request, transfer_id) -> TransferRequest:
    transfer = transfer_list(user=request.user).filter(pk=transfer_id).first()
    if transfer is None:
        raise Http404
    return transfer


def transfer_action(view):
    """A POST action on one request, never cached: a refusal shows the request's page."""

    @wraps(view)
    def wrapped(request, transfer_id, *args, **kwargs):
        transfer = transfer_or_404(request, transfer_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, transfer, *args, **kwargs)

    # Messages, summaries and family details: never in an error report.
    return never_cache(sensitive_post_parameters()(wrapped))


def render_transfer(request, transfer, *, forms=None, status=200):
    """The request's page; `forms` holds a refused, bound form so nothing typed is lost."""
    sides = transfer_sides(user=request.user, transfer=transfer)
    buttons = transfer_move_buttons(user=request.user, transfer=transfer)
    visible_cases = []
    if SENDING in sides:
        visible_cases = list(
            cases_for_user(user=request.user).filter(pk__in=transfer.linked_cases.values("pk"))
        )
    forms = forms or {}
    context = {
        "transfer": transfer,
        "sides": sides,
        "is_sending": SENDING in sides,
        "is_receiving": "receiving" in sides,
        "moves": [(value, label) for value, label in buttons if value not in RECORD_MOVES],
        "record_moves": [(value, label) for value, label in buttons if value in RECORD_MOVES],
        "steps": list(transfer.steps.select_related("owner_district", "actor")),
        "messages_list": list(
            transfer.messages.select_related("author", "author_district").order_by("created_at")
        ),
        "records": list(transfer.records.select_related("requested_by", "sent_by")),
        "summary": active_summary(transfer=transfer),
        "shares": list(transfer.summary_shares.select_related("consent_recorded_by")),
        "visible_cases": visible_cases,
        "status_form": forms.get("status") or TransferStatusForm(edits=transfer),
        "message_form": forms.get("message", TransferMessageForm()),
        "record_form": forms.get("record", RecordRequestForm()),
        "share_form": forms.get("share") or SummaryShareForm(edits=transfer),
        "header_title": _("Transfer request %(number)s") % {"number": transfer.number},
    }
    return render(request, "transfers/detail.html", context, status=status)


@never_cache
def transfer_detail(request, transfer_id):
    return render_transfer(request, transfer_or_404(request, transfer_id))


def _back(transfer, anchor=""):
    url = reverse("transfers_admin:detail", args=[transfer.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _refused(request, transfer, key, form, error):
    texts = error.messages if isinstance(error, ValidationError) else [str(error)]
    for text in texts:
        if form.is_bound:  # an unbound form (a button with no fields) has nothing to mark
            form.add_error(None, text)
        messages.error(request, text)
    return render_transfer(request, transfer, forms={key: form}, status=400)


REFUSALS = (ValidationError, PermissionDenied, InvalidTransferTransition)


def _stale(request, transfer, key, form):
    """Someone else saved the request first: show it as it is now (its step at the top, its
    summary in the summary section), keep what this user typed, and let a second, informed
    save build on the newer version. Nothing was saved or audited."""
    current = transfer_or_404(request, transfer.pk)
    form.rebase(current)
    if key == "status":
        text = _(
            "Someone else changed this transfer request while you were looking: it is now at "
            "the step %(status)s. Nothing was changed; your reason is kept in the form."
        ) % {"status": current.get_status_display()}
    else:
        text = _(
            "Someone else changed this transfer request while you were writing. The summary "
            "shared now is shown above; your text is kept in the form. Nothing was shared: "
            "read theirs, then share again to replace it with yours."
        )
    form.add_error(None, text)
    messages.error(request, text)
    return render_transfer(request, current, forms={key: form}, status=409)


@transfer_action
def change_status(request, transfer):
    form = TransferStatusForm(request.POST, edits=transfer)
    if not form.is_valid():
        if "version" in form.errors:
            return render_transfer(request, transfer, forms={"status": form}, status=400)
        return _refused(request, transfer, "status", form, _("Choose a step."))
    try:
        services.change_transfer_status(
            transfer=transfer,
            to_status=form.cleaned_data["to_status"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        return _stale(request, transfer, "status", form)
    except REFUSALS as error:
        return _refused(request, transfer, "status", form, error)
    messages.success(request, _("Transfer request moved."))
    return _back(transfer, "records" if form.cleaned_data["to_status"] in RECORD_MOVES else "")


@csrf_exempt
def send_message(request, transfer_id):
    # The attachment stays in memory, never in a plaintext temporary file; the handler must be
    # set before anything reads the body, hence csrf_protect on the view below.
    request.upload_handlers = [BoundedMemoryUploadHandler(request)]
    return _send_message(request, transfer_id)


@csrf_protect
@transfer_action
def _send_message(request, transfer):
    form = TransferMessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_transfer(request, transfer, forms={"message": form}, status=400)
    try:
        services.send_transfer_message(
            transfer=transfer,
            actor=request.user,
            body=form.cleaned_data["body"],
            attachment=form.cleaned_data["attachment"],
        )
    except REFUSALS as error:
        return _refused(request, transfer, "message", form, error)
    messages.success(request, _("Message sent."))
    return _back(transfer, "messages")


@transfer_action
def request_record(request, transfer):
    form = RecordRequestForm(request.POST)
    if not form.is_valid():
        return render_transfer(request, transfer, forms={"record": form}, status=400)
    try:
        services.request_record(
            transfer=transfer, kind=form.cleaned_data["kind"], actor=request.user
        )
    except REFUSALS as error:
        return _refused(request, transfer, "record", form, error)
    return _back(transfer, "records")


@transfer_action
def mark_record_sent(request, transfer, item_id):
    item = transfer.records.filter(pk=item_id).first()
    if item is None:
        raise Http404
    try:
        services.mark_record_sent(item=item, actor=request.user)
    except REFUSALS as error:
        return _refused(request, transfer, "record", RecordRequestForm(), error)
    return _back(transfer, "records")


@transfer_action
def share_summary(request, transfer):
    form = SummaryShareForm(request.POST, edits=transfer)
    if not form.is_valid():
        return render_transfer(request, transfer, forms={"share": form}, status=400)
    try:
        services.share_incident_summary(
            transfer=transfer,
            summary=form.cleaned_data["summary"],
            consent_recorded=form.cleaned_data["consent_recorded"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        return _stale(request, transfer, "share", form)
    except REFUSALS as error:
        return _refused(request, transfer, "share", form, error)
    messages.success(request, _("Summary shared with the receiving district."))
    return _back(transfer, "summary")


@transfer_action
def withdraw_summary(request, transfer, share_id):
    share = transfer.summary_shares.filter(pk=share_id).first()
    if share is None:
        raise Http404
    try:
        services.withdraw_summary_share(share=share, actor=request.user)
    except REFUSALS as error:
        return _refused(request, transfer, "share", SummaryShareForm(edits=transfer), error)
    messages.success(request, _("Consent withdrawn: the summary was erased."))
    return _back(transfer, "summary")


def _create_response(request, form, case):
    context = {"form": form, "case": case, "header_title": _("New transfer request")}
    status = 400 if form.is_bound else 200
    return render(request, "transfers/create.html", context, status=status)


def _show_schools(request, case):
    """The "Show the schools" button: the same form again, unchecked, with everything typed
    kept and each school list narrowed to the district now chosen (no JavaScript needed)."""
    typed = {
        key: value for key, value in request.POST.items() if key in TransferCreateForm.base_fields
    }
    return _create_response(request, TransferCreateForm(initial=typed, from_case=case), case)


@never_cache
@sensitive_post_parameters()
def create_transfer(request):
    """Direct entry by a transfer officer of either district."""
    if not districts_with_permission(
        user=request.user, codename=HANDLE_DISTRICT_TRANSFERS
    ).exists():
        raise Http404
    if request.method != "POST":
        return _create_response(request, TransferCreateForm(), None)
    if TransferCreateForm.SHOW_SCHOOLS in request.POST:
        return _show_schools(request, None)
    form = TransferCreateForm(request.POST)
    if not form.is_valid():
        return _create_response(request, form, None)
    data = form.cleaned_data
    try:
        transfer = services.enter_transfer(actor=request.user, **data)
    except REFUSALS as error:
        form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        return _create_response(request, form, None)
    return _back(transfer)


@never_cache
@sensitive_post_parameters()
def create_transfer_from_case(request, case_id):
    """An officer of the case starts a request; the case fixes the sending district."""
    case = case_or_404(request, case_id)
    if request.method != "POST":
        return _create_response(request, TransferCreateForm(from_case=case), case)
    if TransferCreateForm.SHOW_SCHOOLS in request.POST:
        return _show_schools(request, case)
    form = TransferCreateForm(request.POST, from_case=case)
    if not form.is_valid():
        return _create_response(request, form, case)
    try:
        transfer = services.start_transfer_from_case(
            case=case, actor=request.user, **form.cleaned_data
        )
    except REFUSALS as error:
        form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        return _create_response(request, form, case)
    return _back(transfer)


@never_cache
def download_attachment(request, transfer_id, message_id):
    """A message's file, decrypted in memory, as a download; every download audited."""
    transfer = transfer_or_404(request, transfer_id)
    message = transfer.messages.filter(pk=message_id).exclude(attachment="").first()
    if message is None:
        raise Http404
    with message.attachment.open("rb") as handle:
        content = handle.read()
    for district in {transfer.sending_district, transfer.receiving_district}:
        record_audit_event(
            action="transfer.attachment_downloaded",
            actor=request.user,
            target=transfer,
            district=district,
            detail={"message": str(message.pk)},
        )
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=download_name(message.attachment_meta or {})
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
