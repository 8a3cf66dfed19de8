"""Officer search: the one entry point views and the queue use."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cases.models import Case
from search.backends import CaseQuery, get_backend


def search_case_queue(
    *, user: AbstractBaseUser, text: str, visible: QuerySet[Case]
) -> QuerySet[Case]:
    """What the officer's queue search box asks (through the queue's Wagtail hook): `visible`,
    the queue's cases (already limited to what `user` may handle), narrowed to the matches."""
    query = CaseQuery(text=text)
    if query.has_unsearchable_text:
        raise ValidationError(
            _("These words are too common to search for. Add a more specific word."),
            code="unsearchable",
        )
    return get_backend().narrow(user=user, cases=visible, query=query)


def first_case_queue_matches(*, user: AbstractBaseUser, text: str, limit: int) -> list | None:
    """The first `limit` cases `user` may handle matching `text`, in the queue's order, for
    the searched queue's first pages; None when the backend cannot read them in that order."""
    query = CaseQuery(text=text)
    if query.has_unsearchable_text:
        return None  # the general path shows the form error
    return get_backend().first_matches(user=user, query=query, limit=limit)
