"""Staff screens: record a report received outside the portal, show its receipt once, and
print a blank paper form. For officers who handle cases; everyone else gets 404."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases.admin.access import handlers_only
from cases.languages import supported_language
from cases.models import School
from cases.selectors.organisation import schools_for_case_handling
from privacy.receipts import format_receipt
from reporting.steps import (
    ANSWER_STEPS,
    ValidatedAnswers,
    bound_form,
    build_submission,
    typed_values,
    validate_answer_steps,
)
from staff_intake.forms import DECLINED, RecordingForm, narrow_to_schools
from staff_intake.paper import paper_form
from staff_intake.services import (
    check_received_on,
    find_handover,
    record_staff_report,
    take_receipt,
)

BREADCRUMBS = [
    {"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")},
    {"url": reverse_lazy("cases_admin:queue"), "label": gettext_lazy("Cases")},
]


def _errors(forms_: list[forms.Form]) -> list[tuple[str, str]]:
    """(anchor, message) for the error summary, in the order of the page."""
    found = []
    for form in forms_:
        for error in form.non_field_errors():
            found.append(("record-form", error))
        for name in form.fields:
            if name in form.errors:
                found.append((form.auto_id % name, form.errors[name][0]))
    return found


@method_decorator([never_cache, handlers_only], name="dispatch")
@method_decorator(sensitive_post_parameters(), name="post")
class RecordReportView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Record a report")
    header_icon = "form"
    template_name = "staff_intake/record.html"

    def get_breadcrumbs_items(self) -> list[dict]:
        return [*BREADCRUMBS, {"url": "", "label": self.page_title}]

    def get(self, request: HttpRequest) -> HttpResponse:
        steps = [(step, step.form_class()) for step in ANSWER_STEPS]
        return self._page(RecordingForm(), steps)

    def post(self, request: HttpRequest) -> HttpResponse:
        recording = RecordingForm(request.POST)
        answers = {step.slug: typed_values(step, request.POST) for step in ANSWER_STEPS}
        validated = validate_answer_steps(answers=answers)
        invalid = {step.slug: form for step, form in validated.invalid_steps}
        steps = []
        for step in ANSWER_STEPS:
            form = invalid.get(step.slug)
            if form is None:  # valid: built again only to show what was typed
                form = bound_form(step, answers)
                form.is_valid()
            steps.append((step, form))
        if recording.is_valid() and "where" not in invalid:
            # Told with the other mistakes, not only once everything else is right.
            self._check_received_on(recording, validated.cleaned_data)
        if recording.is_valid() and not invalid:
            response = self._record(recording, validated, dict(steps))
            if response is not None:
                return response
        return self._page(recording, steps, status=400)

    def _check_received_on(self, recording: RecordingForm, answers: dict) -> None:
        school = School.objects.select_related("district").filter(pk=answers["school"]).first()
        if school is None:
            return
        try:
            check_received_on(
                district=school.district,
                received_on=recording.cleaned_data["received_on"],
                incident_date=answers.get("incident_date"),
            )
        except ValidationError as error:
            recording.add_error("received_on", error)

    def _record(self, recording: RecordingForm, validated: ValidatedAnswers, forms_by_step: dict):
        data = recording.cleaned_data
        submission = build_submission(
            validated_answers=validated, uploads=[], language=data["language"]
        )
        try:
            result = record_staff_report(
                officer=self.request.user,
                submission=submission,
                channel=data["channel"],
                received_on=data["received_on"],
                receipt_declined=data["receipt"] == DECLINED,
            )
        except PermissionDenied:
            where = next(form for step, form in forms_by_step.items() if step.slug == "where")
            where.add_error("school", _("Choose one of the schools you handle."))
            return None
        except ValidationError as error:
            recording.add_error("received_on", error)
            return None
        if result.handover is None:
            messages.success(
                self.request,
                _("Report recorded as case %(number)s. The reporter declined a receipt.")
                % {"number": result.case.number},
            )
            return redirect("cases_admin:detail", case_id=result.case.pk)
        return redirect("staff_intake_admin:receipt", handover_id=result.handover.pk)

    def _page(self, recording: RecordingForm, steps: list, status: int = 200) -> HttpResponse:
        for step, form in steps:
            if step.slug == "where":
                narrow_to_schools(form, schools_for_case_handling(user=self.request.user))
        context = self.get_context_data(
            recording=recording,
            steps=steps,
            errors=_errors([recording, *(form for _step, form in steps)]),
            paper_forms=_paper_form_links(),
        )
        return self.render_to_response(context, status=status)


def _paper_form_links() -> list[dict]:
    url = reverse("staff_intake_admin:paper_form")
    return [
        {"name": name, "code": code, "url": f"{url}?language={code}"}
        for code, name in settings.LANGUAGES
    ]


@never_cache
@handlers_only
def receipt(request: HttpRequest, handover_id) -> HttpResponse:
    """The receipt, once, to print or read out in the reporter's language; then never again."""
    handover = find_handover(officer=request.user, handover_id=handover_id)
    if handover is None:
        raise Http404
    code = take_receipt(handover=handover)
    case_url = reverse("cases_admin:detail", args=[handover.case_id])
    if not code:
        return render(
            request,
            "staff_intake/receipt_gone.html",
            {
                "header_title": _("Receipt already shown"),
                "breadcrumbs_items": [
                    *BREADCRUMBS,
                    {"url": "", "label": _("Receipt already shown")},
                ],
                "case": handover.case,
                "case_url": case_url,
            },
            status=410,
        )
    # The officer's own words, in the back office's language, before switching to the
    # reporter's for the sheet they print or read out.
    officer = {
        "language": get_language(),
        "notice": _(
            "Hand this receipt to the reporter or read it out now. It is shown only this once: "
            "after you leave or reload this page it cannot be shown again."
        ),
        "print": _("Print the receipt"),
        "case": _("Go to case %(number)s") % {"number": handover.case.number},
        "case_url": case_url,
    }
    formatted = format_receipt(code)
    with override(handover.language):
        return render(
            request,
            "staff_intake/receipt.html",
            {
                "officer": officer,
                "receipt_groups": formatted.split(" "),
                "received_on": handover.received_on,
                "life_safety": handover.life_safety,
                "status_url": request.build_absolute_uri(reverse("reporting:status")),
                "language": handover.language,
            },
        )


@never_cache
@handlers_only
def blank_paper_form(request: HttpRequest) -> HttpResponse:
    """The report's questions on paper, in the language asked for (?language=es)."""
    language = supported_language(request.GET.get("language", ""))
    sections = paper_form(language=language)
    with override(language):
        return render(
            request,
            "staff_intake/paper_form.html",
            {"sections": sections, "language": language},
        )
