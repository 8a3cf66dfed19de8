"""The case page: reports (decrypted, each view audited), threads, timeline and actions."""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail import hooks

from cases.admin.access import case_or_404
from cases.admin.forms import (
    AssignForm,
    ConflictForm,
    FindingsForm,
    IdentityRevealForm,
    LegalHoldForm,
    MergeForm,
    MessageForm,
    NoteForm,
    PriorityForm,
    StatusForm,
)
from cases.deadlines import is_overdue
from cases.models import (
    Case,
    CaseStatus,
    IdentityDisclosure,
    MessageDirection,
    Report,
    RevealStatus,
)
from cases.selectors.cases import cases_for_user
from cases.selectors.conflicts import conflicts_for_supervisor
from cases.selectors.related import related_cases
from cases.selectors.timeline import case_timeline, merged_into_case_id
from cases.services.disclosure import record_narrative_views
from cases.services.identity_reveal import RevealedIdentity, view_identity
from cases.services.messages import mark_replies_read
from cases.workflow import ALLOWED_TRANSITIONS

STATUS_ORDER = list(CaseStatus.values)


@dataclass
class ReportPanel:
    report: Report
    messages: list
    unread_ids: set
    message_form: MessageForm
    evidence: list = field(default_factory=list)


def _transition_buttons(case: Case) -> list[tuple[str, str]]:
    allowed = sorted(ALLOWED_TRANSITIONS.get(case.status, ()), key=STATUS_ORDER.index)
    buttons = []
    for status in allowed:
        label = CaseStatus(status).label
        if case.status == CaseStatus.NEW and status == CaseStatus.TRIAGE:
            buttons.append((status, _("Acknowledge (move to %(status)s)") % {"status": label}))
        else:
            buttons.append((status, _("Move to %(status)s") % {"status": label}))
    return buttons


def _report_panels(case: Case, message_forms: dict) -> list[ReportPanel]:
    reports = case.reports.select_related("school").prefetch_related(
        "evidence", "messages", "bias_bases", "incident_types"
    )
    panels = []
    for report in reports:
        messages = list(report.messages.all())
        unread = {
            m.pk
            for m in messages
            if m.direction == MessageDirection.FROM_REPORTER and m.read_on is None
        }
        panels.append(
            ReportPanel(
                report=report,
                messages=messages,
                unread_ids=unread,
                message_form=message_forms.get(report.pk) or MessageForm(report_id=report.pk),
                evidence=list(report.evidence.all()),
            )
        )
    return panels


@dataclass
class IdentityPanel:
    disclosure: IdentityDisclosure
    requests: list
    form: IdentityRevealForm
    may_request: bool
    revealed: RevealedIdentity | None = None


def _identity_panels(request, case: Case, forms: dict) -> list[IdentityPanel]:
    """Each identity a reporter of the case shared: hidden, unless an approved request names
    this officer (then shown, and the view audited)."""
    disclosures = IdentityDisclosure.objects.filter(report__case=case).select_related("report")
    panels = []
    for disclosure in disclosures:
        requests = list(disclosure.reveal_requests.select_related("requested_by", "decided_by"))
        mine = [r for r in requests if r.requested_by_id == request.user.pk]
        took_part = any(
            r.status == RevealStatus.APPROVED
            and request.user.pk in (r.requested_by_id, r.decided_by_id)
            for r in requests
        )
        panels.append(
            IdentityPanel(
                disclosure=disclosure,
                requests=requests,
                form=forms.get(disclosure.pk) or IdentityRevealForm(),
                may_request=not took_part
                and not any(r.status == RevealStatus.PENDING for r in mine),
                revealed=view_identity(case=case, disclosure=disclosure, viewer=request.user)
                if took_part
                else None,
            )
        )
    return panels


# Other apps add sections to the case page through this Wagtail hook (transfers lists the
# case's transfer requests): fn(request, case) -> HTML, or "" to add nothing.
CASE_PAGE_SECTIONS_HOOK = "insert_case_page_sections"


def render_case(
    request, case: Case, *, forms: dict | None = None, status: int = 200, conflict: str = ""
):
    """Render the case page; `forms` holds a refused, bound form so nothing typed is lost.
    `conflict` names the form whose save was refused as stale: its section shows the newer
    value saved by someone else beside the typed one."""
    forms = forms or {}
    panels = _report_panels(case, forms.get("messages", {}))
    record_narrative_views(case=case, reports=[p.report for p in panels], actor=request.user)
    merged_into = merged_into_case_id(case=case)
    timeline = case_timeline(case=case)
    visible = cases_for_user(user=request.user)
    linked_ids = {entry.other_case_id for entry in timeline if entry.other_case_id} | (
        {merged_into} if merged_into else set()
    )
    # Link only to cases this user may open: a school-level officer may not see the other.
    linkable = {str(pk) for pk in visible.filter(pk__in=linked_ids).values_list("pk", flat=True)}
    today = timezone.localdate()
    context = {
        "case": case,
        "panels": panels,
        "identity_panels": _identity_panels(request, case, forms.get("identity", {})),
        "is_overdue": is_overdue(case, today=today),
        "timeline": timeline,
        "linkable_case_ids": linkable,
        "related": related_cases(case=case, user=request.user),
        "transitions": _transition_buttons(case),
        "merged_into": merged_into,
        "merged_into_visible": merged_into in linkable,
        "conflict": conflict,
        "status_form": forms.get("status") or StatusForm(case=case),
        "assign_form": forms.get("assign") or AssignForm(case=case),
        "priority_form": forms.get("priority")
        or PriorityForm(case=case, initial={"priority": case.priority}),
        "note_form": forms.get("note") or NoteForm(),
        "notes": list(case.notes.select_related("author")),
        "findings_form": forms.get("findings")
        or FindingsForm(
            case=case,
            initial={"findings": case.findings, "actions_taken": case.actions_taken},
        ),
        "legal_hold_form": forms.get("legal_hold") or LegalHoldForm(case=case),
        "conflict_form": forms.get("conflict") or ConflictForm(),
        "declared_conflicts": list(conflicts_for_supervisor(user=request.user, case=case)),
        "merge_form": forms.get("merge")
        or MergeForm(
            case=case, user=request.user, initial={"numbers": request.GET.get("merge", "")[:100]}
        ),
        "header_title": case.number,
        "extra_sections": [
            section
            for section in (fn(request, case) for fn in hooks.get_hooks(CASE_PAGE_SECTIONS_HOOK))
            if section
        ],
    }
    return render(request, "cases/admin/detail.html", context, status=status)


@never_cache
def case_detail(request, case_id):
    case = case_or_404(request, case_id)
    response = render_case(request, case)
    # Replies shown on this page are now read; they were flagged "new" while rendering.
    mark_replies_read(case=case, reader=request.user)
    return response
