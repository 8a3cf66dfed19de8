"""The seam through which the search app answers the queue's search box.

Data flows reporting -> cases -> search, so cases cannot import search. The search app registers
its implementation here when it loads; without it, the box matches a case number only.
"""

from collections.abc import Callable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from cases.models import Case

# (user=..., text=..., visible=...) -> `visible` (cases the user may handle) narrowed to those
# that match. Raises django.core.exceptions.ValidationError when the text cannot be searched.
CaseSearch = Callable[..., QuerySet[Case]]

_case_search: CaseSearch | None = None


def register_case_search(search: CaseSearch) -> None:
    global _case_search
    _case_search = search


def matching_cases(*, user: AbstractBaseUser, text: str, visible: QuerySet[Case]) -> QuerySet[Case]:
    """`visible` narrowed to the cases matching `text`.

    The search narrows `visible` itself rather than returning its own permitted cases to be
    intersected: that nested the permission filter twice, and PostgreSQL then hashed every
    match of a common word before the first page (docs/benchmarks.md)."""
    if _case_search is None:
        return visible.filter(number=text.strip().upper())
    return _case_search(user=user, text=text, visible=visible)
