"""One form per step of the report. Each keeps exactly what was typed, valid or not."""

from datetime import date

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from cases.choices import (
    GradeBand,
    LocationType,
    ReporterRelation,
    StaffInvolvement,
    TransferInterest,
)
from cases.evidence_rules import with_upload_limits
from cases.models import BiasBasis, District, IncidentType, School
from cases.selectors.taxonomy import offered_choices
from reporting.forms.base import MultipleFileField, PortalForm

MAX_NARRATIVE = 20_000
MAX_PEOPLE = 5_000


class WhatForm(PortalForm):
    incident_types = forms.MultipleChoiceField(
        label=_("What happened? Choose all that apply."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of incident.")},
    )
    bias_bases = forms.MultipleChoiceField(
        label=_("Why do you think it happened? Choose all that apply."),
        help_text=_("Choose 'Something else' if you are not sure."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reason, or 'Something else'.")},
    )

    # The choices follow the district's own labels, order and withdrawals once the reporter
    # has chosen a district (a later step; going back shows them), the global ones before.
    takes_district = True

    def __init__(self, *args, district_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident_types"].choices = [
            (item.code, item.label)
            for item in offered_choices(IncidentType, district_id=district_id)
        ]
        self.fields["bias_bases"].choices = [
            (item.code, item.label) for item in offered_choices(BiasBasis, district_id=district_id)
        ]
        for name in ("incident_types", "bias_bases"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "One of the choices is no longer offered. Choose again."
            )


class RowChoiceField(forms.ChoiceField):
    """A choice among many rows (a state office's portal lists hundreds of schools): the list is
    read only when a page shows it; a submitted value is checked by looking that one row up
    (`look_up(value)`: the row, or None), so a submit never reads every school (issue 20)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.look_up = lambda value: None

    def valid_value(self, value) -> bool:
        return self.look_up(str(value)) is not None


class WhereForm(PortalForm):
    district = RowChoiceField(
        label=_("School district"),
        error_messages={"required": _("Choose the school district.")},
    )
    school = RowChoiceField(
        label=_("School"),
        help_text=_("Schools are grouped by district."),
        error_messages={"required": _("Choose the school.")},
    )
    location_type = forms.ChoiceField(
        label=_("Where did it happen?"),
        choices=LocationType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where it happened.")},
    )
    incident_date = forms.DateField(
        label=_("When did it happen?"),
        help_text=_("Leave empty if you do not know. Example: 2025-03-14"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date like 2025-03-14, or leave it empty.")},
    )
    date_is_approximate = forms.BooleanField(label=_("The date is approximate"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Callables: read when the page shows the lists, never to check a submit.
        self.fields["district"].choices = self._district_choices
        self.fields["school"].choices = self._school_choices
        self.fields["district"].look_up = self._district
        self.fields["school"].look_up = self._school_district
        self._school_districts: dict[str, str | None] = {}
        for name in ("district", "school", "location_type"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Choose one of the options in the list."
            )
        # ISO, or the day/month order of the active language's own slashed dates.
        slashed = [f for f in get_format("DATE_INPUT_FORMATS") if f.count("/") == 2]
        self.fields["incident_date"].input_formats = ["%Y-%m-%d", *slashed[:1]]

    def _district_choices(self) -> list:
        # Plain tuples, not model instances (docs/benchmarks.md).
        districts = District.objects.order_by("name").values_list("pk", "name")
        return [("", _("Choose a district"))] + [(str(pk), name) for pk, name in districts]

    def _school_choices(self) -> list:
        schools = (
            School.objects.filter(active=True)
            .order_by("district__name", "name")
            .values_list("pk", "name", "district__name")
        )
        grouped: dict[str, list[tuple[str, str]]] = {}
        for pk, name, district_name in schools:
            grouped.setdefault(district_name, []).append((str(pk), name))
        return [("", _("Choose a school")), *grouped.items()]

    @staticmethod
    def _district(value: str) -> int | None:
        if not value.isdigit():
            return None
        return District.objects.filter(pk=int(value)).values_list("pk", flat=True).first()

    def _school_district(self, value: str) -> str | None:
        """The district of the active school `value` ("" for none), read once per form."""
        if value not in self._school_districts:
            found = None
            if value.isdigit():
                found = (
                    School.objects.filter(pk=int(value), active=True)
                    .values_list("district_id", flat=True)
                    .first()
                )
            self._school_districts[value] = None if found is None else str(found)
        return self._school_districts[value]

    def clean_incident_date(self):
        value = self.cleaned_data.get("incident_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if value and value < date(2000, 1, 1):
            raise forms.ValidationError(_("Enter a date after the year 2000."))
        return value

    def clean(self):
        cleaned = super().clean()
        district, school = cleaned.get("district"), cleaned.get("school")
        if district and school and self._school_district(school) != district:
            self.add_error("school", _("This school is not in the district you chose."))
        return cleaned


class WhoForm(PortalForm):
    reporter_relation = forms.ChoiceField(
        label=_("Who are you?"),
        choices=ReporterRelation.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the answer that fits you best."),
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )
    grade_band = forms.ChoiceField(
        label=_("Grade of the student it happened to"),
        choices=GradeBand.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a grade, or 'Not sure or prefer not to say'."),
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )
    people_involved = forms.CharField(
        label=_("Who was involved? (optional)"),
        help_text=_("Names or descriptions of the people who did it and who saw it."),
        required=False,
        max_length=MAX_PEOPLE,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep this under %(limit_value)d characters.")},
    )
    # "Yes" or "not sure" keeps the report from the school's own officers: only the
    # district's officers see it (cases.choices.DISTRICT_ONLY_ANSWERS).
    staff_involved = forms.ChoiceField(
        label=_(
            "Is an adult who works at the school involved, for example a teacher, coach or "
            "principal? (optional)"
        ),
        help_text=_(
            "If you answer yes or not sure, only the district office sees your report, not "
            "the school's own staff."
        ),
        choices=StaffInvolvement.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the options in the list.")},
    )


class StoryForm(PortalForm):
    narrative = forms.CharField(
        label=_("Tell us what happened"),
        help_text=_(
            "Describe what was said or done, by whom, and how often. Do not include your "
            "receipt code."
        ),
        max_length=MAX_NARRATIVE,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Tell us what happened, even in a few words."),
            "max_length": _("Keep this under %(limit_value)d characters."),
        },
    )


class EvidenceForm(PortalForm):
    files = MultipleFileField(
        label=_("Add photos, screenshots, PDF, audio or video (optional)"),
        help_text=with_upload_limits(
            gettext_noop(
                "Up to %(count)s files, %(size)s MB each. Location and author details are "
                "removed, except from WebM videos."
            )
        ),
        required=False,
    )


class TransferForm(PortalForm):
    transfer_interest = forms.ChoiceField(
        label=_("Is the family thinking about moving the student to another school?"),
        choices=TransferInterest.choices,
        widget=forms.RadioSelect,
        initial=TransferInterest.NO,
        error_messages={
            "required": _("Choose one answer."),
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )


class ContactForm(PortalForm):
    contact_email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )
    contact_phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=25,
        validators=[
            RegexValidator(
                r"^\+?[0-9().\-\s]{7,24}$",
                _("Enter a phone number using digits, spaces, +, - or brackets."),
            )
        ],
    )
    contact_consent = forms.BooleanField(
        label=_("I agree that the district may contact me about this report."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        has_contact = cleaned.get("contact_email") or cleaned.get("contact_phone")
        if has_contact and not cleaned.get("contact_consent"):
            self.add_error(
                "contact_consent",
                _("Tick this box to let the district contact you, or remove your details."),
            )
        if cleaned.get("contact_consent") and not has_contact and not self.errors:
            self.add_error(
                "contact_email", _("Enter an email address or a phone number, or untick the box.")
            )
        return cleaned


class ReviewForm(PortalForm):
    # Honeypot: hidden from people by CSS and from screen readers; bots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Something went wrong. Press Send again."))
        return ""
