"""Structured filters applied in SQL, shared by the backends' final querysets."""

from django.db.models import QuerySet

from cases.deadlines import overdue_condition
from cases.models import Case
from search.backends.base import CaseQuery


def apply_structured_filters(queryset: QuerySet[Case], query: CaseQuery) -> QuerySet[Case]:
    if query.case_number:
        queryset = queryset.filter(number__iexact=query.case_number)
    if query.statuses:
        queryset = queryset.filter(status__in=query.statuses)
    if query.district_ids:
        queryset = queryset.filter(district_id__in=query.district_ids)
    if query.school_ids:
        queryset = queryset.filter(school_id__in=query.school_ids)
    if query.basis_codes:
        through = Case.bias_bases.through.objects.filter(biasbasis__code__in=query.basis_codes)
        queryset = queryset.filter(pk__in=through.values("case_id"))
    if query.incident_type_codes:
        through = Case.incident_types.through.objects.filter(
            incidenttype__code__in=query.incident_type_codes
        )
        queryset = queryset.filter(pk__in=through.values("case_id"))
    if query.assignee_id is not None:
        queryset = queryset.filter(assignee_id=query.assignee_id)
    if query.opened_from:
        queryset = queryset.filter(opened_at__date__gte=query.opened_from)
    if query.opened_to:
        queryset = queryset.filter(opened_at__date__lte=query.opened_to)
    if query.overdue_on:
        queryset = queryset.filter(overdue_condition(today=query.overdue_on))
    return queryset
