"""Forms of the status page: the receipt, a reply, more files."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from cases.evidence_rules import with_upload_limits
from cases.services.messages import MAX_MESSAGE_LENGTH
from privacy.receipts import normalise_receipt
from reporting.forms.base import MultipleFileField, PortalForm


class ReceiptForm(PortalForm):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        help_text=_(
            "20 digits, for example 1234 5678 9012 3456 7890 (older codes have 16). "
            "Spaces do not matter."
        ),
        max_length=64,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the receipt code you were given when you sent your report."),
            "max_length": _("A receipt code has 20 digits (older codes have 16)."),
        },
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    # The proof of work the browser computed for `token`; empty without JavaScript.
    work = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    pending_reply = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20_000)

    def clean_receipt(self):
        digits = normalise_receipt(self.cleaned_data["receipt"])
        if digits is None:
            raise forms.ValidationError(
                _(
                    "A receipt code has exactly 20 digits (older codes have 16). "
                    "Check that you copied all of them."
                )
            )
        return digits


class ReplyForm(PortalForm):
    body = forms.CharField(
        label=_("Write to the officer"),
        help_text=_("Answer a question or add information. Do not include your receipt code."),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write a message before sending."),
            "max_length": _("Keep this under %(limit_value)d characters."),
        },
    )


class AddEvidenceForm(PortalForm):
    files = MultipleFileField(
        label=_("Add more files"),
        help_text=with_upload_limits(
            gettext_noop(
                "Photos, screenshots, PDF, audio or video. Up to %(count)s files, %(size)s MB "
                "each. Location and author details are removed, except from WebM videos."
            )
        ),
        error_messages={"required": _("Choose at least one file to add.")},
    )
