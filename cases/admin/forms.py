"""Forms of the case screens. Each keeps what staff typed when something is refused."""

import re

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from cases.admin.choices import RequestCachedChoiceIterator
from cases.models import Case, CaseStatus, Priority
from cases.people import staff_name
from cases.selectors.cases import cases_for_user
from cases.selectors.staff import handlers_for_case
from cases.services.conflicts import MAX_REASON as MAX_CONFLICT_REASON
from cases.services.identity_reveal import MAX_REASON_LENGTH
from cases.services.messages import MAX_MESSAGE_LENGTH

MAX_TEXT = 20_000


class StaffChoiceField(forms.ModelChoiceField):
    iterator = RequestCachedChoiceIterator  # the queue's filter offers the same people

    def label_from_instance(self, obj):
        return staff_name(obj)


class UniqueIdsForm(forms.Form):
    """The case page holds several forms: each gets its own element ids."""

    id_prefix = "case"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class VersionedForm(forms.Form):
    """An edit of one row (a case, a transfer request): carries the version the form was
    built from, so the service refuses the save if someone else saved the row in between."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": _("This form is out of date: reload the page and try again."),
            "invalid": _("This form is out of date: reload the page and try again."),
            "min_value": _("This form is out of date: reload the page and try again."),
        },
    )

    def __init__(self, *args, edits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = edits.version

    def rebase(self, current) -> None:
        """After a refused stale save: keep what was typed, but build on the newer version,
        so saving again (having seen the other person's change) is a deliberate choice."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(current.version)
        self.data = data


class CaseEditForm(UniqueIdsForm, VersionedForm):
    """An edit of the case row (status, assignment, priority, findings, hold, merge)."""

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, edits=case, **kwargs)


class StatusForm(CaseEditForm):
    id_prefix = "status"

    # Every status is a valid choice here so that a move the workflow refuses reaches the
    # service, which explains which moves are allowed.
    to_status = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices)


class AssignForm(CaseEditForm):
    id_prefix = "assign"

    assignee = StaffChoiceField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["assignee"].queryset = handlers_for_case(case=case)
        self.fields["assignee"].initial = case.assignee_id


class PriorityForm(CaseEditForm):
    id_prefix = "priority"

    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)


class NoteForm(UniqueIdsForm):
    id_prefix = "note"

    body = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        help_text=_("Seen by the case team only. Stored encrypted."),
    )


class FindingsForm(CaseEditForm):
    id_prefix = "findings"

    findings = forms.CharField(
        label=_("Findings"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_TEXT
    )
    actions_taken = forms.CharField(
        label=_("Actions taken"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        required=False,
    )


class MessageForm(forms.Form):
    """One per report thread: ids carry the report so several threads fit on one page."""

    body = forms.CharField(
        label=_("Message to the reporter"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_MESSAGE_LENGTH,
        help_text=_(
            "The reporter reads it on the status page with their receipt. "
            "Never name other people involved."
        ),
    )

    def __init__(self, *args, report_id, **kwargs):
        kwargs.setdefault("auto_id", f"id_message_{report_id}_%s")
        super().__init__(*args, **kwargs)


class LegalHoldForm(CaseEditForm):
    id_prefix = "hold"

    on = forms.TypedChoiceField(
        choices=[("1", _("Place legal hold")), ("0", _("Lift legal hold"))],
        coerce=lambda value: value == "1",
    )


class ConflictForm(UniqueIdsForm):
    id_prefix = "conflict"

    reason = forms.CharField(
        label=_("Why do you have a conflict of interest?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_CONFLICT_REASON,
        help_text=_(
            "Seen by the district's officers only. Stored encrypted. Once you declare, you can "
            "no longer open this case."
        ),
    )


class MergeForm(CaseEditForm):
    id_prefix = "merge"

    numbers = forms.CharField(
        label=_("Case numbers to merge into this case"),
        max_length=500,
        help_text=_("Separate several numbers with commas. Their reports move to this case."),
    )
    confirm = forms.BooleanField(
        label=_("I understand: those cases will be closed and point to this one."),
        error_messages={"required": _("Tick the box to confirm the merge.")},
    )

    def __init__(self, *args, case: Case, user: AbstractBaseUser, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.case, self.user = case, user

    def clean_numbers(self) -> list[Case]:
        numbers = [n.upper() for n in re.split(r"[\s,;]+", self.cleaned_data["numbers"]) if n]
        numbers = list(dict.fromkeys(numbers))
        if not numbers:
            raise forms.ValidationError(_("Enter at least one case number."))
        found = {
            case.number: case
            for case in cases_for_user(user=self.user).filter(
                number__in=numbers, district_id=self.case.district_id
            )
        }
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(
                _("No case you can handle in this district has the number %(numbers)s.")
                % {"numbers": ", ".join(missing)}
            )
        return [found[n] for n in numbers]


class CaseSearchForm(forms.Form):
    """The queue's search box; the search app decides which words it can search for."""

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
        return self.cleaned_data["q"].strip()


class IdentityRevealForm(UniqueIdsForm):
    id_prefix = "identity"

    reason = forms.CharField(
        label=_("Why do you need to know who the reporter is?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REASON_LENGTH,
        help_text=_(
            "A second officer handling this case reads this and decides. Stored encrypted; "
            "the request and the decision are recorded in the audit trail."
        ),
    )
