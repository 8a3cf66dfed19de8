"""The interface every search backend implements, and the query an officer can ask."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from privacy.blind_index import query_tokens

# "NVU-2026-00012": a query of this shape is a case number, looked up exactly.
CASE_NUMBER = re.compile(r"^[A-Za-z0-9]{1,8}-\d{4}-\d{1,6}$")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CaseQuery:
    """What an officer searched for. Keywords match whole words inside encrypted text."""

    text: str = ""

    @property
    def case_number(self) -> str:
        text = self.text.strip()
        return text.upper() if CASE_NUMBER.match(text) else ""

    @property
    def tokens(self) -> list[str]:
        return [] if self.case_number else query_tokens(self.text)

    @property
    def has_unsearchable_text(self) -> bool:
        """Text made only of stop words or punctuation: nothing could ever match it."""
        return bool(self.text.strip()) and not self.case_number and not self.tokens


class SearchBackend(ABC):
    """Index sync and officer search. Results are always limited to `cases_for_user`."""

    name: str

    @abstractmethod
    def index_cases(self, case_ids: Iterable) -> None:
        """(Re)index these cases; ids that no longer exist are removed from the index."""

    @abstractmethod
    def delete_cases(self, case_ids: Iterable) -> None:
        """Remove these cases from the index (purge, merge)."""

    @abstractmethod
    def rebuild(self, *, progress: Progress | None = None) -> int:
        """Rebuild the whole index without a window where searches find nothing."""

    @abstractmethod
    def search(self, *, user: AbstractBaseUser, query: CaseQuery) -> QuerySet:
        """Cases the user may handle that match, as a queryset (permissions inside the query)."""

    @abstractmethod
    def is_reachable(self) -> bool:
        """Whether searches can be answered now (the readiness check asks)."""

    def first_matches(self, *, user: AbstractBaseUser, query: CaseQuery, limit: int) -> list | None:
        """The first `limit` matching cases `user` may handle, as pks in the case queue's
        order, or None when this backend cannot read matches in that order (the queue then
        narrows and sorts every match)."""
        return None

    def narrow(self, *, user: AbstractBaseUser, cases: QuerySet, query: CaseQuery) -> QuerySet:
        """`cases`, already limited to what `user` may handle, narrowed to those matching."""
        return cases.filter(pk__in=self.search(user=user, query=query).values("pk"))
