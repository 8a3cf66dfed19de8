"""The staff screen's own questions (channel, day received, language, receipt). The report's
questions are the portal's step forms themselves (reporting.steps), not a copy."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.languages import default_report_language
from reporting.forms.base import PortalForm
from staff_intake.services import STAFF_CHANNELS

HAND_OVER = "hand_over"
DECLINED = "declined"


class RecordingForm(PortalForm):
    channel = forms.ChoiceField(
        label=_("How was the report received?"),
        choices=[(choice.value, choice.label) for choice in STAFF_CHANNELS],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how the report was received."),
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )
    received_on = forms.DateField(
        label=_("Day the report was received"),
        help_text=_("Today, or an earlier day for a letter or message that arrived before."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the day the report was received."),
            "invalid": _("Enter a date like 2025-03-14."),
        },
    )
    language = forms.ChoiceField(
        label=_("Reporter's language"),
        help_text=_("The receipt is printed in this language."),
        error_messages={
            "required": _("Choose the reporter's language."),
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )
    receipt = forms.ChoiceField(
        label=_("Receipt"),
        choices=[
            (HAND_OVER, _("Show the receipt to hand over or read to the reporter")),
            (DECLINED, _("The reporter declined a receipt")),
        ],
        widget=forms.RadioSelect,
        initial=HAND_OVER,
        error_messages={
            "required": _("Choose whether the reporter takes a receipt."),
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = list(settings.LANGUAGES)
        self.fields["language"].initial = default_report_language()
        self.fields["received_on"].initial = timezone.localdate()

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The day received cannot be in the future."))
        return value


def narrow_to_schools(where_form: forms.Form, schools) -> None:
    """Offer only the districts and schools the officer handles (the portal lists them all)."""
    allowed = {str(school.pk): school for school in schools}
    districts = {str(school.district_id) for school in allowed.values()}
    district_field, school_field = where_form.fields["district"], where_form.fields["school"]
    district_field.choices = [
        (value, label) for value, label in district_field.choices if not value or value in districts
    ]
    narrowed = []
    for group, options in school_field.choices:
        if isinstance(options, list | tuple):
            kept = [(value, label) for value, label in options if value in allowed]
            if kept:
                narrowed.append((group, kept))
        else:
            narrowed.append((group, options))
    school_field.choices = narrowed
    if len(districts) == 1 and not where_form.is_bound:
        where_form.initial.setdefault("district", next(iter(districts)))
