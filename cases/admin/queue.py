"""The case queue: Wagtail's own index view for the cases a user may handle.

`CaseQueueViewSet` (registered from cases/admin/case_hooks.py) mounts the queue at
/admin/cases/ (`cases_admin:queue`, its results-only view at `cases_admin:queue_results`) and
every case screen of cases/admin/urls.py beside it, so no case URL moves. The queue has the
filter drawer (`CaseQueueFilter`: every parameter name the old form had still works, so saved
links and the alerts' links keep their meaning), the search box (narrowed through
`case_queue(search=...)`; words it cannot search show as a form error and list no case),
column ordering and the "Sort by" filter, 10/25/50/100 rows a page, a count that stops at
`CASE_QUEUE_COUNT_CAP` when searched, a CSV/XLSX export of the listed columns only (never a
narrative, a person or a contact) and the bulk actions of cases/admin/bulk_actions.py.

Who: a user holding a case-handling role; anyone else gets 404 on every URL. Rows come from
`case_queue`, so a case the user may not handle is neither listed, counted, filtered nor
exported.
"""

import uuid

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Value
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from cases.admin import urls as case_urls
from cases.admin.choices import vocabulary_choices
from cases.admin.filters import CaseQueueFilter
from cases.admin.forms import CaseSearchForm
from cases.admin.listings import (
    CappedWagtailPaginator,
    ObjectPermissionListing,
    PythonRowsTable,
    TextColumn,
    ViewOnlyPolicy,
    ViewOnlyViewSet,
)
from cases.models import BiasBasis, Case, CaseStatus, IncidentType, Priority
from cases.people import staff_name
from cases.request_cache import memoised
from cases.selectors.cases import cases_for_user
from cases.selectors.queue import case_queue, first_searched_cases, user_handles_cases
from cases.templatetags.case_badges import case_badges
from cases.templatetags.case_dates import case_date

# Other apps add buttons after the queue's search box and filters through this Wagtail hook
# (alerts adds "Save this search"): fn(request) -> HTML, or "" to add nothing. A button may
# send the search form elsewhere with `formaction`; it is a GET form without a CSRF token.
QUEUE_SEARCH_ACTIONS_HOOK = "insert_case_queue_search_actions"

# Other apps add a short note to queue rows through this Wagtail hook (campaigns says "part of
# a group of N similar reports"): fn(request, cases) -> {case pk: HTML}, given the page's cases
# at once so it costs one query per page, never one per row.
QUEUE_ROW_NOTES_HOOK = "annotate_case_queue_rows"


def handles_cases(user) -> bool:
    """`user_handles_cases`, asked once per GET request (the menu, the dashboard, the queue
    and its bulk actions all ask)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return memoised(("handles_cases", user.pk), lambda: user_handles_cases(user=user))


register_permission_policy(
    Case, ViewOnlyPolicy(Case, may_view=handles_cases, visible=cases_for_user)
)


def _assignee(case: Case) -> str:
    if case.assignee_id is None:
        return _("Nobody")
    return staff_name(case.assignee)


def _day(value) -> str:
    """A day as the case page writes it (issue 16: one date format across queue and case)."""
    return case_date(value) or "—"


def _due(case: Case) -> str:
    if case.status == CaseStatus.NEW:
        return _("Acknowledge by %(date)s") % {"date": _day(case.acknowledge_due)}
    return _("Investigation due %(date)s") % {"date": _day(case.investigation_due)}


def _yes_no(value) -> str:
    return _("Yes") if value else _("No")


_ANY_CASE = uuid.UUID(int=0)


class CaseNumberColumn(TitleColumn):
    """Wagtail's title cell (tables/title_cell.html): the case number linked to the case page,
    with the id the row's checkbox names for screen readers; written without a template, as
    it is on every row (a test compares it with Wagtail's own)."""

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td class="title"><div class="title-wrapper"><a href="{}">'
            '<span id="case_{}_title">{}</span></a></div></td>',
            self._case_url.replace(str(_ANY_CASE), str(instance.pk)),
            instance.pk,
            instance.number,
        )

    @cached_property
    def _case_url(self) -> str:
        return reverse("cases_admin:detail", args=[_ANY_CASE])  # once, not once per row


class CaseCheckboxColumn(BulkActionsCheckboxColumn):
    """Wagtail's bulk-action checkbox cell (bulk_actions/listing_checkbox_cell.html), written
    without a template (a test compares it with Wagtail's own)."""

    def render_cell_html(self, instance, parent_context):
        return format_html(
            '<td class="bulk-action-checkbox-cell"><input type="checkbox" data-object-id="{}" '
            'data-bulk-action-checkbox class="bulk-action-checkbox" aria-label="{}" '
            'aria-describedby="{}" /></td>',
            quote(instance.pk),
            _("Select"),
            self.get_aria_describedby(instance),
        )


class CaseQueueIndexView(ObjectPermissionListing, generic.IndexView):
    page_title = gettext_lazy("Cases")
    header_icon = "folder-open-inverse"
    table_class = PythonRowsTable  # every column below renders its cell without a template
    is_searchable = True
    # The export holds the list's columns only, as text: never a narrative, a person
    # involved, a reporter's contact, nor the row notes of other apps.
    list_export = [
        "number",
        "school",
        "status",
        "priority",
        "life_safety",
        "opened",
        "due",
        "overdue",
        "unread_replies",
        "assignee",
    ]

    def user_may_open(self, user) -> bool:
        return handles_cases(user)

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_search_form(self):
        return CaseSearchForm(self.request.GET if "q" in self.request.GET else None)

    @cached_property
    def search_query(self) -> str:
        form = self.search_form
        return form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""

    def visible_queryset(self) -> QuerySet[Case]:
        try:
            queue = case_queue(user=self.request.user, today=self.today, search=self.search_query)
        except ValidationError as error:
            self.search_form.add_error("q", error)
        if self.search_form.errors:
            # An unusable search shows its error and lists nothing, never every case.
            return Case.objects.none()
        return queue

    def search_queryset(self, queryset) -> QuerySet[Case]:
        return queryset  # the search already narrowed the selector's rows

    def get_queryset(self):
        """A search of the queue as it comes (no filter, its own order) lists no more than
        the count cap, so its first cap + 1 matches in order are all the listing needs: the
        search app reads them from its index (`first_searched_cases`)."""
        if (
            self.search_query
            and not self.is_filtering
            and not self.is_explicitly_ordered
            and not getattr(self, "is_export", False)
        ):
            matches = first_searched_cases(
                user=self.request.user,
                today=self.today,
                search=self.search_query,
                limit=settings.CASE_QUEUE_COUNT_CAP + 1,
            )
            if matches is not None:
                return matches
        return super().get_queryset()

    def get_filterset_kwargs(self) -> dict:
        return {**super().get_filterset_kwargs(), "user": self.request.user}

    def filter_queryset(self, queryset) -> QuerySet[Case]:
        if self.filters is None:
            return queryset
        self.filters.form.errors  # noqa: B018 (validates: each usable filter still applies)
        queryset = self.filters.filter_queryset(queryset)
        if self.is_explicitly_ordered and self.ordering:
            # A column header was clicked: it orders after possible imminent harm.
            return queryset.order_by("-life_safety", self.ordering, "pk")
        return queryset

    def order_queryset(self, queryset) -> QuerySet[Case]:
        return queryset  # the selector's order, or the chosen one (`filter_queryset`)

    def get_paginator(self, queryset, per_page, **kwargs):
        # Only a searched queue is capped: its count was the slow part (a common word matches
        # most cases); the unsearched queue keeps its exact total and every page.
        cap = settings.CASE_QUEUE_COUNT_CAP if self.search_query else None
        return CappedWagtailPaginator(queryset, per_page, cap=cap, **kwargs)

    @cached_property
    def columns(self) -> list[Column]:
        # Labels in the request's language once, not a choices look-up per row.
        statuses = {value: str(label) for value, label in CaseStatus.choices}
        priorities = {value: str(label) for value, label in Priority.choices}
        return [
            CaseCheckboxColumn("bulk_actions", obj_type="case"),
            CaseNumberColumn("number", label=_("Case"), sort_key="number"),
            TextColumn("school", label=_("School"), accessor=lambda case: case.school or "—"),
            TextColumn(
                "status",
                label=_("Status"),
                accessor=lambda case: statuses.get(case.status, case.status),
                sort_key="status",
            ),
            TextColumn(
                "priority",
                label=_("Priority"),
                accessor=lambda case: priorities.get(case.priority, case.priority),
                sort_key="priority",
            ),
            TextColumn("opened", label=_("Opened"), accessor=self._opened, sort_key="opened_on"),
            TextColumn("due", label=_("Due"), accessor=_due),
            TextColumn("bases", label=_("Bias basis"), accessor=lambda case: case.basis_labels),
            TextColumn("types", label=_("Incident type"), accessor=lambda case: case.type_labels),
            TextColumn("assignee", label=_("Assigned to"), accessor=_assignee),
            TextColumn("flags", label=_("Flags"), accessor=self._flags),
        ]

    @staticmethod
    def _opened(case: Case) -> str:
        return _day(case.opened_on)

    def _flags(self, case: Case) -> str:
        """Possible imminent harm, overdue, unread replies and the other badges, then the row
        notes of other apps."""
        notes = format_html_join(" ", "{}", ((note,) for note in case.row_notes))
        return format_html("{} {}", case_badges(case), notes)

    @cached_property
    def export_headings(self) -> dict:
        return {
            "number": _("Case"),
            "school": _("School"),
            "status": _("Status"),
            "priority": _("Priority"),
            "life_safety": _("Possible imminent harm"),
            "opened": _("Opened"),
            "due": _("Due"),
            "overdue": _("Overdue"),
            "unread_replies": _("Unread replies"),
            "assignee": _("Assigned to"),
        }

    def to_row_dict(self, item: Case) -> dict:
        return {
            "number": item.number,
            "school": str(item.school) if item.school_id else "—",
            "status": item.get_status_display(),
            "priority": item.get_priority_display(),
            "life_safety": _yes_no(item.life_safety),
            "opened": _day(item.opened_on),
            "due": _due(item),
            "overdue": _yes_no(item.is_overdue),
            "unread_replies": item.unread_replies,
            "assignee": _assignee(item),
        }

    def get_filename(self) -> str:
        return "cases"

    @cached_property
    def no_results_message(self) -> str:
        if self.search_form.errors:
            return _("No case is listed: the search could not be used.")
        if self.is_searching or self.is_filtering:
            return _("No case matches these filters.")
        return _("No cases.")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        cases = list(context["object_list"])
        if not getattr(self, "is_export", False):
            add_vocabulary_labels(cases)
            _add_row_notes(self.request, cases)
        paginator = context.get("paginator")
        cap = getattr(paginator, "cap", None)
        return {
            **context,
            "cases": cases,
            "filterset": self.filters,
            "per_page_param": self.get_paginate_by(None) if "per_page" in self.request.GET else "",
            "more_than_cap": bool(paginator and paginator.more_than_cap),
            "count_cap": number_format(cap, force_grouping=True) if cap else "",
            "search_actions": [
                action
                for action in (
                    fn(self.request) for fn in hooks.get_hooks(QUEUE_SEARCH_ACTIONS_HOOK)
                )
                if action
            ],
        }


def add_vocabulary_labels(cases: list) -> None:
    """Each case's bias bases and incident types, for a page in one `UNION` query of both
    link tables; the labels come from the vocabularies the filter drawer has read, each put
    in the request's language once (not once per row)."""
    found = {str(case.pk): ([], []) for case in cases}
    if found:
        bases = Case.bias_bases.through.objects.filter(case_id__in=found).annotate(kind=Value(0))
        types = Case.incident_types.through.objects.filter(case_id__in=found).annotate(
            kind=Value(1)
        )
        choices = [
            {
                choice.pk: (choice.order, choice.code, choice.label)
                for choice in vocabulary_choices(model)
            }
            for model in (BiasBasis, IncidentType)
        ]
        rows = bases.values_list("kind", "case_id", "biasbasis_id").union(
            types.values_list("kind", "case_id", "incidenttype_id"), all=True
        )
        for kind, case_id, choice_id in rows:
            choice = choices[kind].get(choice_id)
            if choice is not None:
                found[str(case_id)][kind].append(choice)
    for case in cases:
        bases, types = found[str(case.pk)]
        case.basis_labels = _labels(bases)
        case.type_labels = _labels(types)


def _labels(choices: list[tuple]) -> str:
    """(order, code, label) triples, in the vocabulary's order."""
    return ", ".join(label for _order, _code, label in sorted(choices)) or "—"


def _add_row_notes(request, cases: list) -> None:
    for case in cases:
        case.row_notes = []
    for annotate in hooks.get_hooks(QUEUE_ROW_NOTES_HOOK):
        notes = annotate(request, cases)
        for case in cases:
            if case.pk in notes:
                case.row_notes.append(notes[case.pk])


class CaseQueueViewSet(ViewOnlyViewSet):
    # A case is opened by a report and changed on its own page, through the services.
    model = Case
    name = "cases_admin"
    url_prefix = "cases"
    icon = "folder-open-inverse"
    add_to_admin_menu = False  # the menu item is case_hooks.py's, shown per user
    index_view_class = CaseQueueIndexView
    index_template_name = "cases/admin/queue.html"
    index_results_template_name = "cases/admin/queue_results.html"
    filterset_class = CaseQueueFilter

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            **{
                "index_url_name": "cases_admin:queue",
                "index_results_url_name": "cases_admin:queue_results",
                **kwargs,
            }
        )

    @property
    def url_finder_class(self):
        """Wagtail's links to a case (audit log, references) open the case page."""
        return type(
            "CaseURLFinder", (ModelAdminURLFinder,), {"edit_url_name": "cases_admin:detail"}
        )

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="queue"),
            path("results/", self.index_results_view, name="queue_results"),
            *case_urls.urlpatterns,
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        """None: the group editor must not offer checkboxes that would grant nothing."""
        return Permission.objects.none()
