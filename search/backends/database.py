"""The embedded default: blind-index tokens in a table, matched with SQL subqueries."""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from cases.models import Case
from cases.selectors.cases import cases_for_user
from search.backends.base import CaseQuery, Progress, SearchBackend
from search.backends.filters import apply_structured_filters
from search.documents import iter_case_documents
from search.models import CaseSearchToken, TokenSource

_SOURCES = {
    "narrative_tokens": TokenSource.NARRATIVE,
    "people_tokens": TokenSource.PEOPLE,
    "message_tokens": TokenSource.MESSAGE,
}


def _token_rows(document: dict) -> list[CaseSearchToken]:
    return [
        CaseSearchToken(case_id=document["case_id"], token=token, source=source)
        for field, source in _SOURCES.items()
        for token in document[field]
    ]


class DatabaseBackend(SearchBackend):
    name = "database"

    @transaction.atomic
    def index_cases(self, case_ids: Iterable) -> None:
        case_ids = [str(case_id) for case_id in case_ids]
        CaseSearchToken.objects.filter(case_id__in=case_ids).delete()
        rows = [row for doc in iter_case_documents(case_ids) for row in _token_rows(doc)]
        CaseSearchToken.objects.bulk_create(rows, batch_size=1000)

    def delete_cases(self, case_ids: Iterable) -> None:
        CaseSearchToken.objects.filter(case_id__in=[str(pk) for pk in case_ids]).delete()

    @transaction.atomic
    def rebuild(self, *, progress: Progress | None = None) -> int:
        # One transaction: other sessions keep reading the old rows until the commit.
        total = Case.objects.count()
        CaseSearchToken.objects.all().delete()
        done, batch = 0, []
        for document in iter_case_documents():
            batch.extend(_token_rows(document))
            done += 1
            if len(batch) >= 1000:
                CaseSearchToken.objects.bulk_create(batch)
                batch = []
            if progress and (done % 100 == 0 or done == total):
                progress(done, total)
        CaseSearchToken.objects.bulk_create(batch)
        if progress and done != total:
            progress(done, done)
        return done

    def search(self, *, user: AbstractBaseUser, query: CaseQuery) -> QuerySet[Case]:
        return self.narrow(user=user, cases=cases_for_user(user=user), query=query)

    def is_reachable(self) -> bool:
        return True  # it is the database, which the readiness check tests on its own

    def narrow(self, *, user: AbstractBaseUser, cases: QuerySet, query: CaseQuery) -> QuerySet:
        if query.has_unsearchable_text:
            return cases.none()
        for token in query.tokens:  # every word must occur (in any field)
            matching = CaseSearchToken.objects.filter(token=token).values("case_id")
            cases = cases.filter(pk__in=matching)
        return apply_structured_filters(cases, query)
