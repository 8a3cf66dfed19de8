"""The multi-step report. One POST endpoint, so drafts never appear in a URL or history."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from cases.languages import report_language
from cases.uploads import BoundedMemoryUploadHandler, dropped_reason
from reporting import pow, throttle
from reporting.drafts import (
    find_draft,
    remove_evidence,
    save_step,
    stage_evidence,
    start_draft,
)
from reporting.forms.steps import EvidenceForm
from reporting.models import DraftState, ReportDraft
from reporting.services import DraftAlreadySent, InvalidSteps, SubmissionRefused, submit_report
from reporting.steps import (
    ANSWER_STEPS,
    STEP_INDEX,
    STEPS,
    Step,
    bound_form,
    neighbour,
    step_by_slug,
    summary,
    typed_values,
    unbound_form,
)
from reporting.views.errors import error_list
from reporting.views.receipt import sent_from_this_browser, to_receipt_page

ANSWER_SLUGS = {step.slug for step in ANSWER_STEPS}


@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    # Handlers must be set before anything reads the body, hence csrf_protect below.
    request.upload_handlers = [BoundedMemoryUploadHandler(request)]
    return _report(request)


@csrf_protect
def _report(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "reporting/start.html")
    nav = request.POST.get("nav", "")
    if nav == "start":
        refusal = _start_refused(request)
        if refusal is not None:
            return refusal
        throttle.record_draft()
        return render_step(request, start_draft(), STEPS[0])
    draft = find_draft(request.POST.get("draft", ""))
    if draft is None:
        if sent_from_this_browser(request, request.POST.get("draft", "")):
            return redirect(reverse("reporting:sent"))
        return render(request, "reporting/start.html", {"expired": True})
    if draft.state != DraftState.OPEN:  # sent, or being sent: a repeat Send, Back or reload
        return to_receipt_page(draft)
    step = step_by_slug(request.POST.get("step", ""))
    if step.slug in ANSWER_SLUGS:
        save_step(draft=draft, step=step.slug, values=typed_values(step, request.POST))
    if step.slug == "evidence":
        if nav.startswith("remove:"):
            remove_evidence(draft=draft, evidence_id=nav.removeprefix("remove:"))
            return render_step(request, draft, step)
        file_errors = _stage_files(request, draft)
        if file_errors:
            return render_step(request, draft, step, file_errors=file_errors)
    if nav == "back":
        return render_step(request, draft, neighbour(step, -1))
    if nav.startswith("goto:"):
        return render_step(request, draft, step_by_slug(nav.removeprefix("goto:")))
    if nav == "next" and step.slug != "review":
        if step.slug in ANSWER_SLUGS:
            form = bound_form(step, draft.answers)
            if not form.is_valid():
                return render_step(request, draft, step, form=form)
        return render_step(request, draft, neighbour(step, 1))
    if nav == "submit" and step.slug == "review":
        return _submit(request, draft)
    return render_step(request, draft, step)  # "stay": e.g. after switching language


def _start_refused(request: HttpRequest) -> HttpResponse | None:
    """None when the start button's challenge was solved (or, without JavaScript, waited
    out); else the start page again, saying what to do (reporting/pow.py)."""
    token, work = request.POST.get("token", ""), request.POST.get("work", "")[:64]
    check = pow.verify(purpose=pow.Purpose.DRAFT, token=token, work=work)
    if check.accepted:
        return None
    context = {}
    if check.verdict is pow.Verdict.MUST_WAIT:
        context["challenge"] = pow.reissue(token, pow.Purpose.DRAFT)
        context["wait"] = check.wait_seconds
        context["notice"] = _(
            "Without JavaScript, this page must be open a little while before you start. "
            "Wait %(seconds)s seconds, then press Start a report again."
        ) % {"seconds": check.wait_seconds}
    elif check.verdict is pow.Verdict.BUSY:
        context["notice"] = _(
            "Many reports were started without JavaScript in the last few minutes. Turn on "
            "JavaScript and press Start a report again, or try again in 15 minutes."
        )
    else:
        context["notice"] = _("This page had expired. Press Start a report again.")
    busy = check.verdict is pow.Verdict.BUSY
    return render(request, "reporting/start.html", context, status=429 if busy else 200)


def _stage_files(request: HttpRequest, draft: ReportDraft) -> list[str]:
    errors = []
    for upload in request.FILES.getlist("files"):
        name = (upload.name or _("file"))[-80:]
        reason = dropped_reason(upload)
        if reason is not None:
            errors.append(f"{name}: {reason}")
            continue
        try:
            stage_evidence(draft=draft, upload=upload)
        except ValidationError as error:
            errors.extend(f"{name}: {message}" for message in error.messages)
    return errors


def _submit(request: HttpRequest, draft: ReportDraft) -> HttpResponse:
    try:
        submit_report(
            draft=draft,
            answers=draft.answers,
            language=report_language(),
            honeypot=request.POST.get("website", ""),
            hand_over_receipt=True,
        )
    except DraftAlreadySent:
        return to_receipt_page(draft)
    except InvalidSteps as refused:
        step, form = refused.steps[0]
        notice = ""
        if step.slug != "review":
            notice = _("Something on this step needs your attention before you send the report.")
        return render_step(request, draft, step, form=form, notice=notice)
    except SubmissionRefused as refused:
        return render_step(request, draft, step_by_slug("review"), notice=refused.reason)
    except ValidationError as error:
        return render_step(
            request, draft, step_by_slug("evidence"), file_errors=list(error.messages)
        )
    return to_receipt_page(draft)


def render_step(
    request: HttpRequest,
    draft: ReportDraft,
    step: Step,
    *,
    form=None,
    file_errors: list[str] | None = None,
    notice: str = "",
) -> HttpResponse:
    if form is None:
        form = EvidenceForm() if step.slug == "evidence" else unbound_form(step, draft.answers)
    errors = error_list(form) + [("id_files", message) for message in file_errors or []]
    context = {
        "draft": draft,
        "step": step,
        "steps": STEPS,
        "step_number": STEP_INDEX[step.slug] + 1,
        "step_count": len(STEPS),
        "form": form,
        "errors": errors,
        "file_errors": file_errors or [],
        "notice": notice,
        "files": list(draft.files.all()) if step.slug in ("evidence", "review") else [],
        "summary": summary(draft.answers) if step.slug == "review" else [],
        "is_first": step is STEPS[0],
        "is_last": step is STEPS[-1],
        "switch_form": "report-form",
    }
    # 200 even with errors: some proxies replace the body of 4xx pages, losing the form.
    return render(request, f"reporting/steps/{step.slug}.html", context)
