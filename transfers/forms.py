"""Forms of the transfer screens. Every choice a user is offered is one they may make."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.admin.forms import VersionedForm
from cases.models import District, School
from cases.uploads import dropped_reason
from transfers.models import RecordKind, TransferReason, TransferStatus

MAX_TEXT = 5000


class TransferCreateForm(forms.Form):
    """Districts first, then the schools of each chosen district.

    Each school list holds only the schools of the district chosen on its side, so it works
    without JavaScript: the page's "Show the schools" button sends the form back
    (`SHOW_SCHOOLS`) and the same form returns with the lists narrowed and nothing typed lost.
    A school of another district (a district changed after its school was picked) is refused
    by `clean`, by name.
    """

    SHOW_SCHOOLS = "show_schools"

    sending_district = forms.ModelChoiceField(
        label=_("Sending district"), queryset=District.objects.all()
    )
    sending_school = forms.ModelChoiceField(
        label=_("Sending school"),
        queryset=School.objects.select_related("district"),
        required=False,
    )
    receiving_district = forms.ModelChoiceField(
        label=_("Receiving district"), queryset=District.objects.all()
    )
    receiving_school = forms.ModelChoiceField(
        label=_("Receiving school"),
        queryset=School.objects.select_related("district"),
        required=False,
    )
    student_reference = forms.CharField(
        label=_("Student reference"),
        max_length=200,
        help_text=_("The student ID used by the sending district. Stored encrypted."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    reason_category = forms.ChoiceField(label=_("Reason"), choices=TransferReason.choices)

    def __init__(self, *args, from_case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if from_case is not None:
            # The case fixes the sending side; the family's transfer answer pre-fills the reason.
            del self.fields["sending_district"], self.fields["sending_school"]
            self.initial.setdefault("reason_category", TransferReason.DISCRIMINATION)
            self.fields["receiving_district"].queryset = District.objects.exclude(
                pk=from_case.district_id
            )
        for side in self.sides:
            self._narrow_schools(side)

    @property
    def sides(self) -> list[str]:
        return [side for side in ("sending", "receiving") if f"{side}_school" in self.fields]

    def chosen_district(self, side: str) -> District | None:
        """The district chosen on `side` in what was sent (or the initial values)."""
        field = self.fields[f"{side}_district"]
        name = f"{side}_district"
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        try:
            return field.clean(value) if value else None
        except forms.ValidationError:
            return None

    def _narrow_schools(self, side: str) -> None:
        # The field still accepts any school, so `clean` can name the mistake; only the list
        # offered is narrowed.
        field = self.fields[f"{side}_school"]
        district = self.chosen_district(side)
        if district is None:
            field.widget.choices = [("", _("Choose the district first"))]
            field.help_text = _('Choose the district, then press "Show the schools".')
            return
        schools = School.objects.filter(district=district).order_by("name")
        field.widget.choices = [("", "---------")] + [(s.pk, s.name) for s in schools]

    def clean(self):
        data = super().clean()
        for side in self.sides:
            school, district = data.get(f"{side}_school"), data.get(f"{side}_district")
            if school is not None and district is not None and school.district_id != district.pk:
                self.add_error(
                    f"{side}_school",
                    _(
                        "%(school)s belongs to another district (%(other)s), not to "
                        "%(district)s. Choose one of the schools of %(district)s."
                    )
                    % {"school": school.name, "other": school.district.name, "district": district},
                )
        return data


class TransferStatusForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("Move to"), choices=TransferStatus.choices)
    reason = forms.CharField(
        label=_("Reason (required for a denial or an appeal)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransferMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the other district"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment = forms.FileField(label=_("Attachment (optional)"), required=False)

    def clean_attachment(self):
        attachment = self.cleaned_data.get("attachment")
        reason = dropped_reason(attachment) if attachment else None
        if reason:  # the upload handler kept none of it
            raise forms.ValidationError(reason)
        return attachment


class RecordRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Record needed"), choices=RecordKind.choices)


class SummaryShareForm(VersionedForm):
    summary = forms.CharField(
        label=_("Summary of the incident to share"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Share only what the receiving school needs. Never name other children."),
    )
    consent_recorded = forms.BooleanField(
        label=_("The family consented to sharing this summary with the receiving district."),
        required=False,
    )
