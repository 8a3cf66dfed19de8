"""Cases that may be about the same incident, offered to the officer as merge candidates.

Two signals, both computed in the database without decrypting anything:
* same school, an overlapping bias basis, and incident dates within a window;
* a report naming the same person (shared `Report.people_tokens` blind-index tokens).
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import reduce
from operator import or_

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from cases.models import Case, Report
from cases.selectors.cases import cases_for_user

WINDOW_DAYS = 30
MAX_SUGGESTIONS = 10
MAX_PEOPLE_TOKENS = 30


@dataclass(frozen=True)
class RelatedCase:
    case: Case
    reasons: tuple[str, ...]


def _reference_date(case: Case):
    return case.incident_date or case.opened_on


def _same_school_and_basis(*, case: Case, candidates) -> set:
    if not case.school_id:
        return set()
    basis_ids = list(case.bias_bases.values_list("pk", flat=True))
    if not basis_ids:
        return set()
    start = _reference_date(case) - timedelta(days=WINDOW_DAYS)
    end = _reference_date(case) + timedelta(days=WINDOW_DAYS)
    in_window = Q(incident_date__range=(start, end)) | Q(
        incident_date__isnull=True, opened_on__range=(start, end)
    )
    return set(
        candidates.filter(in_window, school_id=case.school_id, bias_bases__in=basis_ids)
        .values_list("pk", flat=True)
        .distinct()
    )


def _same_person_named(*, case: Case, candidates) -> set:
    tokens = set()
    for report_tokens in case.reports.values_list("people_tokens", flat=True):
        tokens.update(report_tokens or [])
    tokens = sorted(tokens)[:MAX_PEOPLE_TOKENS]
    if not tokens:
        return set()
    # Tokens are fixed-length hex, so a substring match on the stored JSON is an exact match.
    shares_token = reduce(or_, (Q(people_tokens__icontains=token) for token in tokens))
    return set(
        Report.objects.filter(shares_token, case__in=candidates.values("pk"))
        .values_list("case_id", flat=True)
        .distinct()
    )


def related_cases(*, case: Case, user: AbstractBaseUser) -> list[RelatedCase]:
    """Suggestions among the cases `user` may see, most recent first."""
    # A case emptied by a merge has no report left: never suggest it.
    has_reports = Exists(Report.objects.filter(case=OuterRef("pk")))
    candidates = (
        cases_for_user(user=user)
        .filter(has_reports, district_id=case.district_id)
        .exclude(pk=case.pk)
    )
    by_basis = _same_school_and_basis(case=case, candidates=candidates)
    by_person = _same_person_named(case=case, candidates=candidates)
    found = (
        Case.objects.filter(pk__in=by_basis | by_person)
        .select_related("school")
        .order_by("-opened_on", "-sequence")[:MAX_SUGGESTIONS]
    )
    basis_reason = _("Same school and bias basis, within %(days)s days") % {"days": WINDOW_DAYS}
    person_reason = _("A report names the same person")
    suggestions = []
    for other in found:
        reasons = []
        if other.pk in by_basis:
            reasons.append(basis_reason)
        if other.pk in by_person:
            reasons.append(person_reason)
        suggestions.append(RelatedCase(case=other, reasons=tuple(reasons)))
    return suggestions
