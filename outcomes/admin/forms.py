"""Forms of the outcome screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.admin.forms import VersionedForm
from cases.languages import language_choices
from outcomes.models import NoticeTemplate, OutcomeSettings
from outcomes.services import MAX_NOTICE_LENGTH


class OutcomeNoticeForm(VersionedForm):
    language = forms.ChoiceField(
        label=_("Language of the notice"),
        choices=language_choices,
        help_text=_("The language the reporter wrote in is chosen for you."),
    )
    body = forms.CharField(
        label=_("Outcome in plain words, and what the district will do"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_NOTICE_LENGTH,
        help_text=_(
            "The reporter reads this on their status page. Name no other student or staff "
            "member. The appeal and OCR text below is added after it."
        ),
        error_messages={"required": _("Write the outcome in plain words before sending.")},
    )


class NoticeTemplateForm(forms.ModelForm):
    class Meta:
        model = NoticeTemplate
        fields = ["district", "language", "kind", "name", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        district.queryset = districts
        district.error_messages["invalid_choice"] = _("Choose one of the districts you administer.")
        if len(districts) == 1:
            district.initial = districts[0].pk


class OutcomeSettingsForm(forms.ModelForm):
    class Meta:
        model = OutcomeSettings
        fields = ["district", "check_in_days"]

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        district.queryset = districts
        district.error_messages["invalid_choice"] = _("Choose one of the districts you administer.")
        if len(districts) == 1:
            district.initial = districts[0].pk
