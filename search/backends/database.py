"""The embedded default: blind-index tokens in a table, matched with SQL subqueries."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet

from cases.models import Case, School
from cases.roles import HANDLE_DISTRICT_CASES, HANDLE_SCHOOL_CASES
from cases.selectors.access import staff_access
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


# A word's rows in the officer's scope are counted up to this many to find the rarest word of
# a query: enough to tell a rare word from a common one, cheap for both (an index range).
RARITY_PROBE = 5000


def _token_rows(document: dict, sequence: int) -> list[CaseSearchToken]:
    """The case's rows, with its scope and queue order keys copied from the document."""
    keys = {
        "district_id": document["district_id"],
        "school_id": document["school_id"],
        "life_safety": document["life_safety"],
        "priority": document["priority"],
        "opened_on": date.fromisoformat(document["opened_on"]),
        "sequence": sequence,
    }
    return [
        CaseSearchToken(case_id=document["case_id"], token=token, source=source, **keys)
        for field, source in _SOURCES.items()
        for token in document[field]
    ]


def _sequences(case_ids: Iterable[str]) -> dict[str, int]:
    """`Case.sequence` (the queue's last order key, not part of the shared document)."""
    rows = Case.objects.filter(pk__in=list(case_ids)).values_list("pk", "sequence")
    return {str(pk): sequence for pk, sequence in rows}


def _rows_for(documents: list[dict]) -> list[CaseSearchToken]:
    sequences = _sequences(doc["case_id"] for doc in documents)
    return [row for doc in documents for row in _token_rows(doc, sequences[doc["case_id"]])]


def _token_scope(user: AbstractBaseUser) -> Q:
    """The token rows of the cases `user` may handle, as literal ids on the rows' own columns.

    The same grants `cases_for_user` reads (kept for the request). A school grant also names
    its district, so that lookup too is a range of the `(token, district_id, ...)` index. It is
    a superset of the visible cases (kept-at-district cases, conflicts): the caller's `cases`
    decides; this only bounds how many token rows are read."""
    access = staff_access(user=user)
    district_ids = access.district_ids(HANDLE_DISTRICT_CASES)
    school_ids = access.school_ids(HANDLE_SCHOOL_CASES)
    scope = Q(district_id__in=district_ids) if district_ids else Q(pk__in=[])
    if school_ids:
        school_districts = sorted(
            set(School.objects.filter(pk__in=school_ids).values_list("district_id", flat=True))
        )
        scope |= Q(district_id__in=school_districts, school_id__in=school_ids)
    return scope


class DatabaseBackend(SearchBackend):
    name = "database"

    @transaction.atomic
    def index_cases(self, case_ids: Iterable) -> None:
        case_ids = [str(case_id) for case_id in case_ids]
        CaseSearchToken.objects.filter(case_id__in=case_ids).delete()
        rows = _rows_for(list(iter_case_documents(case_ids)))
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
            batch.append(document)
            done += 1
            if len(batch) >= 100:
                CaseSearchToken.objects.bulk_create(_rows_for(batch), batch_size=1000)
                batch = []
            if progress and (done % 100 == 0 or done == total):
                progress(done, total)
        CaseSearchToken.objects.bulk_create(_rows_for(batch), batch_size=1000)
        if progress and done != total:
            progress(done, done)
        return done

    def search(self, *, user: AbstractBaseUser, query: CaseQuery) -> QuerySet[Case]:
        return self.narrow(user=user, cases=cases_for_user(user=user), query=query)

    def is_reachable(self) -> bool:
        return True  # it is the database, which the readiness check tests on its own

    def narrow(self, *, user: AbstractBaseUser, cases: QuerySet, query: CaseQuery) -> QuerySet:
        """Every word must occur (in any field). The words' token rows are read within the
        user's scope, starting from the rarest word, so a rare word bounds the work."""
        if query.has_unsearchable_text:
            return cases.none()
        tokens = list(dict.fromkeys(query.tokens))
        if tokens:
            scope = _token_scope(user)

            def rows(token: str) -> QuerySet:
                return CaseSearchToken.objects.filter(scope, token=token)

            if len(tokens) > 1:
                seen = {t: rows(t).values("pk")[:RARITY_PROBE].count() for t in tokens}
                tokens.sort(key=seen.__getitem__)
            rarest, *others = tokens
            matching = rows(rarest)
            for token in others:
                matching = matching.filter(case_id__in=rows(token).values("case_id"))
            cases = cases.filter(pk__in=matching.values("case_id"))
        return apply_structured_filters(cases, query)
