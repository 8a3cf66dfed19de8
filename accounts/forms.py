"""The one-time code form shared by enrolment and verification."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s-]")
_SIX_DIGITS = re.compile(r"[0-9]{6}")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=20,
        error_messages={"required": _("Enter the six-digit code from your authenticator app.")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": 8,
            }
        ),
    )

    def clean_code(self) -> str:
        code = _SEPARATORS.sub("", self.cleaned_data["code"])
        if not _SIX_DIGITS.fullmatch(code):
            raise forms.ValidationError(
                _("A code is six digits, like 123456. Enter the newest one your app shows.")
            )
        return code
