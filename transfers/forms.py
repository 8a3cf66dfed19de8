"""Forms of the transfer screens. Every choice a user is offered is one they may make."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.admin.forms import VersionedForm
from cases.models import District, School
from cases.uploads import dropped_reason
from transfers.models import RecordKind, TransferReason, TransferStatus

MAX_TEXT = 5000


class TransferCreateForm(forms.Form):
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

    def clean(self):
        data = super().clean()
        for side in ("sending", "receiving"):
            school, district = data.get(f"{side}_school"), data.get(f"{side}_district")
            if school is not None and district is not None and school.district_id != district.pk:
                self.add_error(f"{side}_school", _("That school belongs to another district."))
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
