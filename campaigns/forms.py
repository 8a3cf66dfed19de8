"""The group page's two forms. A refused form comes back bound: nothing chosen is lost."""

from __future__ import annotations

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from cases.admin.forms import StaffChoiceField
from cases.models import Case
from cases.selectors.staff import handlers_in_scope_of
from cases.workflow import FINAL_STATUSES


def version_field_name(case: Case) -> str:
    return f"version_{case.pk.hex}"


class MergeGroupForm(forms.Form):
    """Merge the group into one of its open cases. Each open case's version rides along in a
    hidden field, so the chosen case's page version is the one the merge claims."""

    target = forms.ChoiceField(
        label=_("Keep this case and merge the others into it"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the case to keep."),
            "invalid_choice": _("Choose one of the group's open cases."),
        },
    )
    confirm = forms.BooleanField(
        label=_("I understand: the group's other cases will be closed and point to this one."),
        error_messages={"required": _("Tick the box to confirm the merge.")},
    )

    def __init__(self, *args, cases: list[Case], **kwargs):
        kwargs.setdefault("auto_id", "id_merge_%s")
        super().__init__(*args, **kwargs)
        self.open_cases = [case for case in cases if case.status not in FINAL_STATUSES]
        self.fields["target"].choices = [
            (str(case.pk), f"{case.number} ({case.get_status_display()})")
            for case in self.open_cases
        ]
        for case in self.open_cases:
            self.fields[version_field_name(case)] = forms.IntegerField(
                widget=forms.HiddenInput, initial=case.version, required=False
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        target = next((c for c in self.open_cases if str(c.pk) == cleaned.get("target")), None)
        if target is None:
            return cleaned
        version = cleaned.get(version_field_name(target))
        if not version:
            raise forms.ValidationError(
                _("This form is out of date: reload the page and try again.")
            )
        cleaned["target_case"], cleaned["version"] = target, version
        return cleaned

    def rebase(self, cases: list[Case]) -> None:
        """After a stale save: keep the choice, build on the versions as they are now."""
        data = self.data.copy()
        for case in cases:
            data[version_field_name(case)] = str(case.version)
        self.data = data


class AssignGroupForm(forms.Form):
    assignee = StaffChoiceField(
        label=_("Assign every case of the group to"),
        queryset=None,
        error_messages={
            "required": _("Choose who to assign the cases to."),
            "invalid_choice": _("Choose one of the listed staff members."),
        },
    )

    def __init__(self, *args, user: AbstractBaseUser, **kwargs):
        kwargs.setdefault("auto_id", "id_assign_%s")
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = handlers_in_scope_of(user=user)
