"""POST actions on one case. On refusal the case page is shown again with the typed input.

Each edit of the case passes the version its form was built from; a stale save (someone else
saved the case meanwhile) is refused by the service, and the page then shows the newer value
beside what this user typed (`_stale`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.admin.access import case_action, case_or_404
from cases.admin.detail import render_case
from cases.admin.forms import (
    AssignForm,
    ConflictForm,
    FindingsForm,
    IdentityRevealForm,
    LegalHoldForm,
    MergeForm,
    MessageForm,
    NoteForm,
    PriorityForm,
    StatusForm,
)
from cases.models import Case, CaseStatus, IdentityDisclosure, IdentityRevealRequest, Priority
from cases.people import staff_name
from cases.services.conflicts import declare_conflict
from cases.services.identity_reveal import decide_identity_reveal, request_identity_reveal
from cases.services.merge import merge_cases
from cases.services.messages import send_message_to_reporter
from cases.services.versions import StaleVersion
from cases.services.workflow import (
    add_case_note,
    assign_case,
    change_case_status,
    record_findings,
    set_case_priority,
    set_legal_hold,
)
from cases.workflow import InvalidTransition


def _back(case, anchor: str = ""):
    url = reverse("cases_admin:detail", args=[case.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _refused(request, case, key: str, form, error: ValidationError | str):
    """Show why on the page and on the form, keeping what was typed; nothing is saved."""
    texts = error.messages if isinstance(error, ValidationError) else [str(error)]
    for text in texts:
        form.add_error(None, text)
        messages.error(request, text)
    return render_case(request, case, forms={key: form}, status=400)


def _person(user) -> str:
    return _("nobody") if user is None else staff_name(user)


def _newer_value(key: str, current: Case) -> str:
    """What the other person saved, in words, for the refusal message."""
    if key == "status":
        return _(
            "Someone else changed this case while you were looking: it is now %(status)s. "
            "Nothing was changed; check the new status and choose again."
        ) % {"status": current.get_status_display()}
    if key == "assign":
        return _(
            "Someone else saved this case while you were editing: it is now assigned to "
            "%(name)s. Nothing was changed; your choice is kept in the form."
        ) % {"name": _person(current.assignee)}
    if key == "priority":
        return _(
            "Someone else saved this case while you were editing: its priority is now "
            "%(priority)s. Nothing was changed; your choice is kept in the form."
        ) % {"priority": Priority(current.priority).label}
    if key == "findings":
        return _(
            "Someone else saved this case while you were editing the findings. The findings "
            "saved now are shown below; your text is kept in the form. Nothing was saved: "
            "read theirs, then save again to replace it with yours."
        )
    if key == "legal_hold":
        state = _("placed") if current.legal_hold else _("lifted")
        return _(
            "Someone else changed this case while you were looking: the legal hold is now "
            "%(state)s. Nothing was changed."
        ) % {"state": state}
    return _(
        "Someone else changed this case while you were looking. Nothing was merged; check "
        "the case below, then merge again. The numbers you typed are kept."
    )


def _stale(request, case, key: str, form):
    """Someone else saved first: show the case as it is now, keep what this user typed, and
    let a second, informed save build on the newer version. Nothing was saved or audited."""
    current = case_or_404(request, case.pk)
    form.rebase(current)
    text = _newer_value(key, current)
    form.add_error(None, text)
    messages.error(request, text)
    return render_case(request, current, forms={key: form}, status=409, conflict=key)


@case_action
def change_status(request, case):
    form = StatusForm(request.POST, case=case)
    if not form.is_valid():
        if "version" in form.errors:
            return render_case(request, case, forms={"status": form}, status=400)
        return _refused(request, case, "status", form, _("Choose a status."))
    to_status = form.cleaned_data["to_status"]
    try:
        change_case_status(
            case=case,
            to_status=to_status,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        return _stale(request, case, "status", form)
    except InvalidTransition as error:
        return _refused(request, case, "status", form, str(error))
    messages.success(
        request, _("Case moved to %(status)s.") % {"status": CaseStatus(to_status).label}
    )
    return _back(case)


@case_action
def assign(request, case):
    form = AssignForm(request.POST, case=case)
    if not form.is_valid():
        return render_case(request, case, forms={"assign": form}, status=400)
    try:
        assign_case(
            case=case,
            assignee=form.cleaned_data["assignee"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        return _stale(request, case, "assign", form)
    except ValidationError as error:
        return _refused(request, case, "assign", form, error)
    messages.success(request, _("Assignment saved."))
    return _back(case, "assignment")


@case_action
def priority(request, case):
    form = PriorityForm(request.POST, case=case)
    if not form.is_valid():
        return render_case(request, case, forms={"priority": form}, status=400)
    try:
        set_case_priority(
            case=case,
            priority=form.cleaned_data["priority"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        return _stale(request, case, "priority", form)
    messages.success(request, _("Priority saved."))
    return _back(case, "assignment")


@case_action
def add_note(request, case):
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, forms={"note": form}, status=400)
    try:
        add_case_note(case=case, body=form.cleaned_data["body"], author=request.user)
    except ValidationError as error:
        return _refused(request, case, "note", form, error)
    messages.success(request, _("Note added."))
    return _back(case, "notes")


@case_action
def findings(request, case):
    form = FindingsForm(request.POST, case=case)
    if not form.is_valid():
        return render_case(request, case, forms={"findings": form}, status=400)
    try:
        record_findings(
            case=case,
            findings=form.cleaned_data["findings"],
            actions_taken=form.cleaned_data["actions_taken"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        return _stale(request, case, "findings", form)
    except PermissionDenied as error:
        return _refused(request, case, "findings", form, str(error))
    messages.success(request, _("Findings and actions saved."))
    return _back(case, "findings")


@case_action
def legal_hold(request, case):
    form = LegalHoldForm(request.POST, case=case)
    if not form.is_valid():
        if "version" in form.errors:
            return render_case(request, case, forms={"legal_hold": form}, status=400)
        messages.error(request, _("Choose whether to place or lift the legal hold."))
        return _back(case, "findings")
    on = form.cleaned_data["on"]
    try:
        set_legal_hold(
            case=case, on=on, actor=request.user, expected_version=form.cleaned_data["version"]
        )
    except StaleVersion:
        return _stale(request, case, "legal_hold", form)
    messages.success(request, _("Legal hold placed.") if on else _("Legal hold lifted."))
    return _back(case, "findings")


@case_action
def declare_conflict_view(request, case):
    """The officer steps aside: from now on the case is a 404 for them, so they go back to
    the queue, where it no longer appears."""
    form = ConflictForm(request.POST)
    if not form.is_valid():
        return render_case(request, case, forms={"conflict": form}, status=400)
    try:
        declare_conflict(case=case, officer=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _refused(request, case, "conflict", form, error)
    messages.success(
        request,
        _("Conflict of interest declared on case %(number)s: you can no longer open it.")
        % {"number": case.number},
    )
    return redirect("cases_admin:queue")


@case_action
def merge(request, case):
    form = MergeForm(request.POST, case=case, user=request.user)
    if not form.is_valid():
        return render_case(request, case, forms={"merge": form}, status=400)
    sources = form.cleaned_data["numbers"]
    try:
        merge_cases(
            target=case,
            sources=sources,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion:
        return _stale(request, case, "merge", form)
    except ValidationError as error:
        return _refused(request, case, "merge", form, error)
    messages.success(
        request,
        _("Merged %(numbers)s into this case.")
        % {"numbers": ", ".join(source.number for source in sources)},
    )
    return _back(case)


@case_action
def send_message(request, case, report_id):
    report = get_object_or_404(case.reports, pk=report_id)
    form = MessageForm(request.POST, report_id=report.pk)
    if not form.is_valid():
        return render_case(request, case, forms={"messages": {report.pk: form}}, status=400)
    try:
        send_message_to_reporter(report=report, body=form.cleaned_data["body"], author=request.user)
    except ValidationError as error:
        form.add_error("body", error)
        return render_case(request, case, forms={"messages": {report.pk: form}}, status=400)
    messages.success(request, _("Message sent. The reporter sees it on the status page."))
    return _back(case, f"report-{report.pk}")


@case_action
def request_identity_reveal_view(request, case, disclosure_id):
    disclosure = get_object_or_404(IdentityDisclosure, pk=disclosure_id, report__case=case)
    form = IdentityRevealForm(request.POST)
    if form.is_valid():
        try:
            request_identity_reveal(
                case=case,
                disclosure=disclosure,
                requester=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request, _("Request sent. A different officer handling this case must approve it.")
            )
            return _back(case, "identity")
    return render_case(request, case, forms={"identity": {disclosure.pk: form}}, status=400)


@case_action
def decide_identity_reveal_view(request, case, request_id):
    reveal = get_object_or_404(
        IdentityRevealRequest.objects.select_related("disclosure__report"),
        pk=request_id,
        disclosure__report__case=case,
    )
    decision = request.POST.get("decision", "")
    if decision not in ("approve", "refuse"):
        messages.error(request, _("Choose whether to approve or refuse the request."))
        return _back(case, "identity")
    try:
        decide_identity_reveal(
            case=case, reveal=reveal, decider=request.user, approve=decision == "approve"
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return _back(case, "identity")
    if decision == "approve":
        messages.success(
            request, _("Approved: the identity is now shown to you and the requester.")
        )
    else:
        messages.success(request, _("Request refused."))
    return _back(case, "identity")
