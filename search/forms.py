"""The keyword box on the officer's case queue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from search.backends import CaseQuery


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search cases"),
        required=False,
        max_length=200,
        help_text=_(
            "Whole words from the narrative, the people involved or the messages, or a case "
            "number. Every word must match."
        ),
        error_messages={"max_length": _("Search for at most 200 characters.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self) -> str:
        text = self.cleaned_data["q"].strip()
        if text and CaseQuery(text=text).has_unsearchable_text:
            raise forms.ValidationError(
                _("These words are too common to search for. Add a more specific word."),
                code="unsearchable",
            )
        return text
