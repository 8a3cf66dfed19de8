"""The officer's page for closing a case with an outcome notice, and the case page's
"Outcome and check-ins" section (through the cases app's `insert_case_page_sections` hook).

The page is its own screen rather than a form on the case page so that a refused or stale
send comes back with everything typed, and choosing a district wording is a plain link
(`?wording=<id>`), which needs no JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from cases.admin.access import case_or_404
from cases.languages import default_report_language, language_choices
from cases.models import Case, CaseStatus
from cases.selectors.cases import cases_for_user
from cases.services.versions import StaleVersion
from cases.workflow import ALLOWED_TRANSITIONS, InvalidTransition
from outcomes.admin.forms import OutcomeNoticeForm
from outcomes.selectors import (
    check_ins_of_case,
    latest_notice,
    outcome_wordings,
    rights_text,
)
from outcomes.services import issue_outcome_notice


def _reporter_language(case: Case) -> str:
    report = case.reports.order_by("submitted_on", "sequence").first()
    return report.language if report is not None else default_report_language()


def _may_close(case: Case) -> bool:
    return case.status == CaseStatus.CLOSED or CaseStatus.CLOSED in ALLOWED_TRANSITIONS.get(
        case.status, ()
    )


def _page(request, case: Case, form: OutcomeNoticeForm, *, status: int = 200, stale=False):
    wordings = list(outcome_wordings(district=case.district))
    context = {
        "case": case,
        "form": form,
        "wordings": wordings,
        "rights": [
            (label, rights_text(district=case.district, language=code))
            for code, label in language_choices()
        ],
        "may_close": _may_close(case),
        "stale": stale,
        "header_title": _("Outcome notice for %(number)s") % {"number": case.number},
    }
    return render(request, "outcomes/admin/notice.html", context, status=status)


@never_cache
@sensitive_post_parameters()
def outcome_notice_view(request, case_id):
    case = case_or_404(request, case_id)
    if request.method != "POST":
        initial = {"language": _reporter_language(case)}
        wording_id = request.GET.get("wording", "")
        wording = (
            outcome_wordings(district=case.district).filter(pk=int(wording_id)).first()
            if wording_id.isdigit() and len(wording_id) < 12
            else None
        )
        if wording is not None:
            initial = {"language": wording.language, "body": wording.body}
        return _page(request, case, OutcomeNoticeForm(edits=case, initial=initial))
    form = OutcomeNoticeForm(request.POST, edits=case)
    if not form.is_valid():
        return _page(request, case, form, status=400)
    try:
        issue_outcome_notice(
            case=case,
            language=form.cleaned_data["language"],
            body=form.cleaned_data["body"],
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersion as stale:
        form.rebase(stale.current)
        form.add_error(
            None,
            _(
                "Someone else changed this case since you opened this page (it is now "
                "%(status)s). Your text is kept below: send it again to close the case as it is "
                "now."
            )
            % {"status": stale.current.get_status_display()},
        )
        return _page(request, stale.current, form, status=409, stale=True)
    except (InvalidTransition, ValidationError) as error:
        for text in error.messages if isinstance(error, ValidationError) else [str(error)]:
            form.add_error(None, text)
        return _page(request, case, form, status=400)
    messages.success(request, _("The case is closed and the reporter can read the outcome."))
    return redirect(reverse("cases_admin:detail", args=[case.pk]) + "#outcome")


def case_outcome_section(request, case: Case) -> str:
    """The case's outcome notice and check-ins, and the way to write the notice."""
    notice = latest_notice(case=case)
    check_ins = check_ins_of_case(case=case)
    linked_ids = {c.follow_up_case_id for c in check_ins if c.follow_up_case_id} | {
        c.notice.case_id for c in check_ins
    }
    if case.follow_up_of_id:
        linked_ids.add(case.follow_up_of_id)
    visible = {
        str(pk)
        for pk in cases_for_user(user=request.user)
        .filter(pk__in=linked_ids)
        .values_list("pk", flat=True)
    }
    if notice is None and not check_ins and not case.follow_up_of_id and not _may_close(case):
        return ""
    return render_to_string(
        "outcomes/admin/_case_section.html",
        {
            "case": case,
            "notice": notice,
            "check_ins": check_ins,
            "visible_ids": visible,
            "may_close": _may_close(case),
        },
        request=request,
    )
