"""The "Similar reports" screen, the queue rows' note "part of a group of N similar reports"
(answering the case queue's `annotate_case_queue_rows` hook), and the same note as a section
of the case page (`insert_case_page_sections`)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext
from wagtail import hooks

from campaigns.selectors import queue_group_notes
from campaigns.views import SimilarReportsViewSet
from cases.admin.detail import CASE_PAGE_SECTIONS_HOOK
from cases.admin.queue import QUEUE_ROW_NOTES_HOOK


@hooks.register("register_admin_viewset")
def register_similar_reports_viewset():
    return SimilarReportsViewSet()


@hooks.register(QUEUE_ROW_NOTES_HOOK)
def similar_report_notes(request, cases) -> dict:
    notes = queue_group_notes(user=request.user, cases=cases)
    return {
        case_id: format_html(
            '<a class="case-badge case-badge--group" href="{}">{}</a>',
            reverse("similar_reports:inspect", args=[note.group_id]),
            ngettext(
                "part of a group of %(count)s similar report",
                "part of a group of %(count)s similar reports",
                note.count,
            )
            % {"count": note.count},
        )
        for case_id, note in notes.items()
    }


@hooks.register(CASE_PAGE_SECTIONS_HOOK)
def similar_reports_section(request, case) -> str:
    note = queue_group_notes(user=request.user, cases=[case]).get(case.pk)
    if note is None:
        return ""
    return render_to_string("campaigns/admin/_case_section.html", {"note": note}, request=request)
