"""The case-number filter applied in SQL, shared by the backends' final querysets."""

from django.db.models import QuerySet

from cases.models import Case
from search.backends.base import CaseQuery


def apply_structured_filters(queryset: QuerySet[Case], query: CaseQuery) -> QuerySet[Case]:
    if query.case_number:
        queryset = queryset.filter(number__iexact=query.case_number)
    return queryset
