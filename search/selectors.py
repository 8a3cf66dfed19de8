"""Officer search: the one entry point views and the queue use."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from cases.models import Case
from search.backends import CaseQuery, get_backend


def search_cases(*, user: AbstractBaseUser, query: CaseQuery) -> QuerySet[Case]:
    """Cases `user` may handle that match `query`; permissions are part of the query."""
    return get_backend().search(user=user, query=query)
