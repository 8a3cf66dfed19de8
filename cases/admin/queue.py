"""The case queue: filters, sorting, pagination and bulk assignment."""

from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail import hooks

from cases.admin.access import handlers_only
from cases.admin.filters import CaseQueueFilter
from cases.admin.forms import BulkAssignForm, CaseSearchForm
from cases.admin.pagination import CappedCountPaginator
from cases.selectors.queue import case_queue
from cases.services.assignment import bulk_assign_cases

# Other apps add buttons after "Apply filters" in the queue's search and filter form through
# this Wagtail hook (alerts adds "Save this search"): fn(request) -> HTML, or "" to add
# nothing. A button may send the form elsewhere with `formaction`; it is a GET form without a
# CSRF token, and "Apply filters" stays the first button, the one Enter presses.
QUEUE_SEARCH_ACTIONS_HOOK = "insert_case_queue_search_actions"

# Other apps add a short note to queue rows through this Wagtail hook (campaigns says "part of
# a group of N similar reports"): fn(request, cases) -> {case pk: HTML}, given the page's cases
# at once so it costs one query per page, never one per row.
QUEUE_ROW_NOTES_HOOK = "annotate_case_queue_rows"

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("per_page", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def _query_without(request, *names: str) -> str:
    params = [(k, v) for k, values in request.GET.lists() if k not in names for v in values]
    return urlencode(params)


@never_cache
@handlers_only
def case_queue_view(request):
    today = timezone.localdate()
    search_form = CaseSearchForm(request.GET or None)
    search = search_form.cleaned_data["q"] if search_form.is_valid() else ""
    try:
        queue = case_queue(user=request.user, today=today, search=search)
    except ValidationError as error:
        search_form.add_error("q", error)
        queue = case_queue(user=request.user, today=today)
    if search_form.errors:
        queue = queue.none()  # an unusable search shows its error, never every case
    filterset = CaseQueueFilter(request.GET or None, queryset=queue, user=request.user)
    # Only a searched queue is capped: its count was the slow part (a common word matches most
    # cases), while the unsearched queue keeps its exact total and every page.
    cap = settings.CASE_QUEUE_COUNT_CAP if search else None
    paginator = CappedCountPaginator(filterset.qs, _page_size(request), cap=cap)
    page = paginator.get_page(request.GET.get("page"))
    cases = list(page.object_list)
    _add_row_notes(request, cases)
    context = {
        "filterset": filterset,
        "search_form": search_form,
        "page": page,
        "cases": cases,
        "page_sizes": PAGE_SIZES,
        "per_page": paginator.per_page,
        "count_cap": number_format(cap, force_grouping=True) if cap else "",
        "query_without_page": _query_without(request, "page"),
        "return_query": request.GET.urlencode(),
        "bulk_form": BulkAssignForm(user=request.user),
        "header_title": _("Cases"),
        "search_actions": [
            action
            for action in (fn(request) for fn in hooks.get_hooks(QUEUE_SEARCH_ACTIONS_HOOK))
            if action
        ],
    }
    return render(request, "cases/admin/queue.html", context)


def _add_row_notes(request, cases: list) -> None:
    for case in cases:
        case.row_notes = []
    for annotate in hooks.get_hooks(QUEUE_ROW_NOTES_HOOK):
        notes = annotate(request, cases)
        for case in cases:
            if case.pk in notes:
                case.row_notes.append(notes[case.pk])


@handlers_only
def bulk_assign_view(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = BulkAssignForm(request.POST, user=request.user)
    back = reverse("cases_admin:queue")
    # Re-encoded so only query parameters come back, never another path or header.
    query = urlencode(parse_qsl(request.POST.get("return_query", "")[:2000]))
    if query:
        back = f"{back}?{query}"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    cases, assignee = list(form.cleaned_data["cases"]), form.cleaned_data["assignee"]
    try:
        count = bulk_assign_cases(cases=cases, assignee=assignee, actor=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(back)
    messages.success(
        request,
        _("%(count)s case(s) assigned to %(name)s.")
        % {"count": count, "name": assignee.get_full_name() or assignee.get_username()},
    )
    return redirect(back)
