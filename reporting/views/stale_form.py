"""A report step whose form was held open too long: the CSRF check refused it, but the
reporter must not lose what they typed on a phone they may have to hide quickly."""

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from reporting.drafts import find_draft
from reporting.steps import step_by_slug, typed_values, unbound_form
from reporting.views.report import render_step


def reshow_report_step(request: HttpRequest) -> HttpResponse | None:
    """The reporter's step again, with what they typed (not saved: the post was refused) and
    a fresh token; None when the refused post was not a step of a live draft.

    Showing the typed values back is safe: only someone holding the draft's secret id gets a
    step, and what they see is what they sent."""
    if request.method != "POST":
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name != "reporting:report":
        return None
    draft = find_draft(request.POST.get("draft", ""))
    if draft is None:
        return None
    step = step_by_slug(request.POST.get("step", ""))
    answers = {**draft.answers, step.slug: typed_values(step, request.POST)}
    notice = _(
        "This page was open for a long time, so your last press was not accepted. Your answers "
        "are kept: check them and press the button again."
    )
    if step.slug == "evidence":
        notice = _(
            "This page was open for a long time, so your last press was not accepted. Files "
            "already listed are kept; choose any new files again, then press the button again."
        )
    return render_step(request, draft, step, form=_form(step, answers), notice=notice)


def _form(step, answers):
    return None if step.slug in ("evidence", "review") else unbound_form(step, answers)
