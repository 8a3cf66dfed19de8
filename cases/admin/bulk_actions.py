"""The queue's bulk actions, on Wagtail's bulk-action framework: "Assign" and "Set priority".

Wagtail serves them at /admin/bulk/cases/case/<action>/ (`wagtail_bulk_action`): a GET lists
the chosen cases with the form to confirm, the POST runs the service (which checks the actor
itself, audits each case and writes all or nothing) and goes back to the queue as it was.

Who: a user who handles cases; anyone else gets 404, as does a chosen id that is not one of
their cases (nothing says whether it exists). "Select all" takes every case the queue lists
with the same search and filters, never more.
"""

import uuid

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from cases.admin.filters import CaseQueueFilter
from cases.admin.forms import CaseSearchForm, StaffChoiceField
from cases.admin.queue import handles_cases
from cases.models import Case, Priority
from cases.people import staff_name
from cases.selectors.cases import cases_for_user
from cases.selectors.queue import case_queue
from cases.selectors.staff import handlers_in_scope_of
from cases.services.assignment import bulk_assign_cases
from cases.services.workflow import bulk_set_case_priority


class CaseBulkAction(BulkAction):
    models = [Case]
    action_priority = 10
    template_name = "cases/admin/bulk_confirm.html"
    title = question = action_button_text = ""

    def dispatch(self, request, *args, **kwargs):
        if not handles_cases(request.user):
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_all_objects_in_listing_query(self, parent_id):
        """The cases the queue lists with the same search and filters (its query string)."""
        data = self.request.GET
        search = CaseSearchForm(data if "q" in data else None)
        text = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
        try:
            queue = case_queue(user=self.request.user, today=timezone.localdate(), search=text)
        except ValidationError:
            return []
        filters = CaseQueueFilter(data, queryset=queue, user=self.request.user)
        filters.form.errors  # noqa: B018 (validates: each usable filter applies, as listed)
        return filters.filter_queryset(queue).values_list("pk", flat=True)

    def get_actionable_objects(self):
        ids = self.request.GET.getlist("id")
        if "all" in ids:
            ids = list(self.get_all_objects_in_listing_query(None))
        try:
            ids = {uuid.UUID(str(pk)) for pk in ids}
        except ValueError:
            raise Http404 from None
        cases = list(
            cases_for_user(user=self.request.user)
            .filter(pk__in=ids)
            .select_related("school", "assignee")
            .order_by("number")
        )
        if not cases or len(cases) != len(ids):
            raise Http404  # another district's case, exactly as if it did not exist
        return cases, {"items_with_no_access": []}

    def object_context(self, obj):
        return {"item": obj}

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "question": self.question,
            "action_button_text": self.action_button_text,
            "no_action_button_text": _("Back to the cases"),
        }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        self.prepare_form(form)
        return form

    def prepare_form(self, form) -> None:
        """Gives the form what depends on the user (the assignee choices)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as refusal:
            texts = refusal.messages if isinstance(refusal, ValidationError) else [str(refusal)]
            for text in texts:
                messages.error(self.request, text)
            return redirect(self.next_url)

    def get_execution_context(self) -> dict:
        return {"actor": self.request.user, **self.cleaned_form.cleaned_data}


class AssignForm(forms.Form):
    assignee = StaffChoiceField(
        label=_("Assign to"),
        queryset=None,
        error_messages={"required": _("Choose who to assign the cases to.")},
    )


class AssignCasesBulkAction(CaseBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected cases")
    form_class = AssignForm
    title = _("Assign cases")
    question = _("Assign these cases to:")
    action_button_text = _("Assign")

    def prepare_form(self, form) -> None:
        form.fields["assignee"].queryset = handlers_in_scope_of(user=self.request.user)

    @classmethod
    def execute_action(cls, objects, actor=None, assignee=None, **kwargs):
        return bulk_assign_cases(cases=objects, assignee=assignee, actor=actor), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        assignee = self.cleaned_form.cleaned_data["assignee"]
        return ngettext(
            "%(count)s case assigned to %(name)s.",
            "%(count)s cases assigned to %(name)s.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "name": staff_name(assignee),
        }


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)


class SetPriorityBulkAction(CaseBulkAction):
    display_name = _("Set priority")
    action_type = "set_priority"
    aria_label = _("Set the priority of the selected cases")
    form_class = PriorityForm
    title = _("Set the priority of cases")
    question = _("Set the priority of these cases to:")
    action_button_text = _("Set priority")
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, actor=None, priority=None, **kwargs):
        return bulk_set_case_priority(cases=objects, priority=priority, actor=actor), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        level = Priority(self.cleaned_form.cleaned_data["priority"]).label
        return ngettext(
            "%(count)s case set to priority %(priority)s.",
            "%(count)s cases set to priority %(priority)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "priority": level}


hooks.register("register_bulk_action", AssignCasesBulkAction)
hooks.register("register_bulk_action", SetPriorityBulkAction)
