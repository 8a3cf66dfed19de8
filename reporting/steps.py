"""The steps of the report, in order, and how stored answers become a submission."""

from dataclasses import dataclass

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import School
from cases.services.intake import ReportSubmission
from reporting.forms import steps as step_forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    form_class: type[forms.Form]


STEPS = [
    Step("what", _("What happened"), step_forms.WhatForm),
    Step("where", _("Where and when"), step_forms.WhereForm),
    Step("who", _("Who was involved"), step_forms.WhoForm),
    Step("story", _("In your words"), step_forms.StoryForm),
    Step("evidence", _("Evidence"), step_forms.EvidenceForm),
    Step("transfer", _("School transfer"), step_forms.TransferForm),
    Step("contact", _("Contact details"), step_forms.ContactForm),
    Step("review", _("Check and send"), step_forms.ReviewForm),
]
STEP_INDEX = {step.slug: index for index, step in enumerate(STEPS)}
# Steps whose answers are kept in the draft (files are kept apart, the honeypot never).
ANSWER_STEPS = [s for s in STEPS if s.slug not in ("evidence", "review")]


def step_by_slug(slug: str) -> Step:
    return STEPS[STEP_INDEX.get(slug, 0)]


def neighbour(step: Step, offset: int) -> Step:
    index = min(max(STEP_INDEX[step.slug] + offset, 0), len(STEPS) - 1)
    return STEPS[index]


def typed_values(step: Step, data) -> dict[str, list[str]]:
    """The raw values of this step's fields, as typed (files excluded)."""
    return {
        name: [str(value)[:25_000] for value in data.getlist(name)][:50]
        for name, field in step.form_class.base_fields.items()
        if not isinstance(field, forms.FileField) and name != "website"
    }


def _form_kwargs(step: Step, answers: dict) -> dict:
    """The district chosen on the "where" step, for a form whose choices depend on it."""
    if not getattr(step.form_class, "takes_district", False):
        return {}
    chosen = (answers.get("where") or {}).get("district") or [""]
    return {"district_id": int(chosen[-1])} if str(chosen[-1]).isdigit() else {}


def bound_form(step: Step, answers: dict) -> forms.Form:
    return step.form_class(
        data=MultiValueDict(answers.get(step.slug, {})), **_form_kwargs(step, answers)
    )


def unbound_form(step: Step, answers: dict) -> forms.Form:
    stored = answers.get(step.slug)
    if stored is None:
        return step.form_class(**_form_kwargs(step, answers))
    initial = {}
    for name, field in step.form_class.base_fields.items():
        values = stored.get(name, [])
        if isinstance(field, forms.MultipleChoiceField):
            initial[name] = values
        elif isinstance(field, forms.BooleanField):
            initial[name] = bool(values and values[-1] not in ("", "false", "off", "0"))
        else:
            initial[name] = values[-1] if values else ""
    return step.form_class(initial=initial, **_form_kwargs(step, answers))


@dataclass(frozen=True)
class ValidatedAnswers:
    """Every answer step's form, built and validated once for a submit.

    The district/school choices of the "where" form come from the whole school table, so a
    submit must not build the forms a second time to read the cleaned values.
    """

    # Steps whose form does not validate, in step order, each form bound so its errors and
    # what the reporter typed show again.
    invalid_steps: list[tuple[Step, forms.Form]]
    # The cleaned values of every step that validated; complete only when none is invalid.
    cleaned_data: dict


def validate_answer_steps(*, answers: dict) -> ValidatedAnswers:
    """Validate every stored answer step once: both the errors and the submission come from it."""
    invalid_steps = []
    cleaned_data = {}
    for step in ANSWER_STEPS:
        form = bound_form(step, answers)
        if form.is_valid():
            cleaned_data.update(form.cleaned_data)
        else:
            invalid_steps.append((step, form))
    return ValidatedAnswers(invalid_steps=invalid_steps, cleaned_data=cleaned_data)


def build_submission(
    *, validated_answers: ValidatedAnswers, uploads: list, language: str
) -> ReportSubmission:
    if validated_answers.invalid_steps:
        raise ValueError("A submission needs every answer step to validate.")
    data = validated_answers.cleaned_data
    return ReportSubmission(
        school=School.objects.select_related("district").get(pk=data["school"]),
        location_type=data["location_type"],
        incident_date=data.get("incident_date"),
        incident_date_is_approximate=bool(data.get("date_is_approximate")),
        incident_type_codes=list(data["incident_types"]),
        bias_basis_codes=list(data["bias_bases"]),
        reporter_relation=data["reporter_relation"],
        grade_band=data["grade_band"],
        people_involved=data.get("people_involved", "").strip(),
        staff_involved=data.get("staff_involved", ""),
        narrative=data["narrative"].strip(),
        transfer_interest=data["transfer_interest"],
        contact_email=data.get("contact_email", ""),
        contact_phone=data.get("contact_phone", "").strip(),
        contact_consent=bool(data.get("contact_consent")),
        language=language,
        evidence=uploads,
    )


def _display(field: forms.Field, value) -> str:
    if isinstance(field, forms.BooleanField):
        return str(_("Yes")) if value else str(_("No"))
    choices = dict(_flat_choices(getattr(field, "choices", [])))
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if value in (None, ""):
        return ""
    return str(choices.get(str(value), value))


def _flat_choices(choices):
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat_choices(label)
        else:
            yield str(key), label


def summary(answers: dict) -> list[tuple[Step, list[tuple[str, str]]]]:
    """What the reporter will send, step by step, in words (for the review page)."""
    rows = []
    for step in ANSWER_STEPS:
        form = bound_form(step, answers)
        form.is_valid()
        values = {**{n: form.data.get(n) for n in form.fields}, **form.cleaned_data}
        lines = []
        for name, field in form.fields.items():
            shown = _display(field, values.get(name))
            if shown:
                lines.append((str(field.label), shown))
        rows.append((step, lines))
    return rows
