"""Forms of the status page: the receipt, a reply, more files, the reporter's identity, the
answer to a check-in."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from cases.evidence_rules import with_upload_limits
from cases.services.identity import MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PHONE_LENGTH
from cases.services.messages import MAX_MESSAGE_LENGTH
from outcomes.services import MAX_DETAILS_LENGTH as MAX_CHECK_IN_DETAILS_LENGTH
from privacy.receipts import normalise_receipt
from reporting.forms.base import MultipleFileField, PortalForm

PHONE_PATTERN = re.compile(r"[0-9+()\-. ]{3,40}")


class ReceiptForm(PortalForm):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        help_text=_(
            "20 digits, for example 1234 5678 9012 3456 7890 (older codes have 16). "
            "Spaces do not matter."
        ),
        max_length=64,
        # dir="ltr": the digits stay left to right, in their groups, on an Arabic page too.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "dir": "ltr"}),
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


class IdentityForm(PortalForm):
    """The reporter's name and, if they wish, a way to reach them (cases.services.identity)."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=MAX_NAME_LENGTH,
        error_messages={
            "required": _("Write your name."),
            "max_length": _("Keep this under %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=MAX_EMAIL_LENGTH,
        error_messages={
            "invalid": _("Enter an e-mail address like name@example.org, or leave it empty."),
            "max_length": _("Keep this under %(limit_value)d characters."),
        },
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=MAX_PHONE_LENGTH,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
        error_messages={"max_length": _("Keep this under %(limit_value)d characters.")},
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_PATTERN.fullmatch(phone):
            raise forms.ValidationError(
                _("Enter a phone number with digits, spaces, +, - or brackets only.")
            )
        return phone


class CheckInForm(PortalForm):
    """The answer to "Has anything happened since?" (outcomes.services.answer_check_in)."""

    check_in = forms.UUIDField(widget=forms.HiddenInput)
    happened = forms.TypedChoiceField(
        label=_("Has anything happened since your case was closed?"),
        help_text=_(
            "For example someone getting back at you, threats, or being left out because you "
            "reported."
        ),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose Yes or No.")},
    )
    details = forms.CharField(
        label=_("If you want, tell us what happened (optional)"),
        help_text=_("Do not include your receipt code."),
        required=False,
        max_length=MAX_CHECK_IN_DETAILS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep this under %(limit_value)d characters.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_checkin_%s")
        super().__init__(*args, **kwargs)
