"""The embedded default: blind-index tokens in a table, matched with SQL subqueries."""

import operator
from collections.abc import Iterable
from datetime import date
from functools import reduce

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import Q, QuerySet

from cases.models import Case, School
from cases.roles import HANDLE_DISTRICT_CASES, HANDLE_SCHOOL_CASES
from cases.selectors.access import staff_access
from cases.selectors.cases import cases_for_user, conflicted_case_ids, visible_case_condition
from cases.selectors.queue import CASE_QUEUE_ORDER
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


def _token_rows(document: dict) -> list[CaseSearchToken]:
    """The case's rows, with its scope and queue order keys copied from the document."""
    keys = {
        "district_id": document["district_id"],
        "school_id": document["school_id"],
        "life_safety": document["life_safety"],
        "priority": document["priority"],
        "opened_on": date.fromisoformat(document["opened_on"]),
        "sequence": document["sequence"],
    }
    return [
        CaseSearchToken(case_id=document["case_id"], token=token, source=source, **keys)
        for field, source in _SOURCES.items()
        for token in document[field]
    ]


def _rows_for(documents: list[dict]) -> list[CaseSearchToken]:
    return [row for document in documents for row in _token_rows(document)]


# The queue's order on the token rows' own copies: the order of the `search_token_topk` index.
_TOKEN_QUEUE_ORDER = tuple("case_id" if key == "pk" else key for key in CASE_QUEUE_ORDER)
_TOKEN_ORDER_COLUMNS = [key.lstrip("-") for key in _TOKEN_QUEUE_ORDER]


def _scope_parts(user: AbstractBaseUser) -> tuple[list[int], list[Q]]:
    """`_token_scope` as ranges of the `search_token_topk` index, each already in the queue's
    order: the districts granted whole, and per other district the schools granted in it."""
    access = staff_access(user=user)
    district_ids = access.district_ids(HANDLE_DISTRICT_CASES)
    by_district: dict[int, list[int]] = {}
    school_rows = School.objects.filter(pk__in=access.school_ids(HANDLE_SCHOOL_CASES))
    for school_id, district_id in school_rows.values_list("pk", "district_id"):
        if district_id not in district_ids:  # a district grant covers its schools already
            by_district.setdefault(district_id, []).append(school_id)
    school_parts = [Q(district_id=d, school_id__in=sorted(ids)) for d, ids in by_district.items()]
    return sorted(district_ids), school_parts


def _token_scope(user: AbstractBaseUser) -> Q:
    """The token rows of the cases `user` may handle, as literal ids on the rows' own columns:
    `_scope_parts` in one condition.

    The same grants `cases_for_user` reads (kept for the request). It is a superset of the
    visible cases (kept-at-district cases, conflicts): the caller's `cases` decides; this only
    bounds how many token rows are read."""
    district_ids, school_parts = _scope_parts(user)
    parts = ([Q(district_id__in=district_ids)] if district_ids else []) + school_parts
    return reduce(operator.or_, parts) if parts else Q(pk__in=[])


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
        if query.tokens:
            scope = _token_scope(user)
            matching = _matching_rows(scope, _rarest_first(scope, query.tokens))
            cases = cases.filter(pk__in=matching.values("case_id"))
        return apply_structured_filters(cases, query)

    def first_matches(self, *, user: AbstractBaseUser, query: CaseQuery, limit: int):
        """The token rows are copies of the queue's order keys, and the `search_token_topk`
        index holds them in that order per district: a word's matches in each district are
        read in order, merged, and the reading stops at `limit`; no other match is read.

        A district granted whole needs nothing but the rows' own district copy (and the
        officer's conflicts); a school grant's rows are joined to their case for the rest of
        `cases_for_user`'s rule. The page's cases are read through `case_queue`, so a row not
        yet re-indexed after a move never shows a case the officer may not handle."""
        if not query.tokens:  # a case number, or nothing searchable: the general path
            return None
        visible = visible_case_condition(user=user, through="case__")
        district_ids, school_parts = _scope_parts(user)
        if visible is None or not (district_ids or school_parts):
            return []
        # No rarity count: one word reads ordered ranges; several go to one query, where
        # PostgreSQL hashes the smaller side itself.
        tokens = list(dict.fromkeys(query.tokens))
        not_conflicted = ~Q(case_id__in=conflicted_case_ids(user=user))
        parts = [Q(district_id=d) & not_conflicted for d in district_ids]
        parts += [part & visible for part in school_parts]

        def first(scope: Q) -> QuerySet:
            rows = _matching_rows(scope, tokens).order_by(*_TOKEN_QUEUE_ORDER)
            return rows.values_list(*_TOKEN_ORDER_COLUMNS).distinct()[:limit]

        # Several words: each other word's rows are checked against the first's whatever the
        # order, so the ranges read as much as one query, which is cheaper ('mosque graffiti'
        # over 60 districts at 1M: 1.54x plaintext search by ranges, 1.30x in one query).
        several = len(tokens) > 1
        if (
            len(parts) == 1
            or several
            or not connection.features.supports_slicing_ordering_in_compound
        ):
            # One query over the whole scope (the only way on SQLite, an embedded database).
            whole = [Q(district_id__in=district_ids) & not_conflicted] if district_ids else []
            whole += parts[len(district_ids) :]
            return [row[-1] for row in first(reduce(operator.or_, whole))]
        school_parts = parts[len(district_ids) :]
        return _merged_first_rows(first, district_ids, not_conflicted, school_parts, limit)


def _rarest_first(scope: Q, tokens: list[str]) -> list[str]:
    """The words, the one with fewest rows in `scope` first (counted up to RARITY_PROBE)."""
    tokens = list(dict.fromkeys(tokens))
    seen = {}
    if len(tokens) > 1:
        for token in tokens:
            rows = CaseSearchToken.objects.filter(scope, token=token)
            seen[token] = rows.values("pk")[:RARITY_PROBE].count()
        tokens.sort(key=seen.__getitem__)
    return tokens


def _matching_rows(scope: Q, tokens: list[str]) -> QuerySet[CaseSearchToken]:
    """The first word's rows in `scope` whose case has every other word too."""
    first, *others = tokens
    matching = CaseSearchToken.objects.filter(scope, token=first)
    for token in others:
        others_rows = CaseSearchToken.objects.filter(scope, token=token)
        matching = matching.filter(case_id__in=others_rows.values("case_id"))
    return matching


# A district id no district has: the one district range compiled is repeated for the others.
_STAND_IN_DISTRICT = -(2**62)


def _merged_first_rows(
    first, district_ids: list[int], not_conflicted: Q, school_parts: list[Q], limit: int
):
    """The parts' ordered ranges as one `UNION ALL ... ORDER BY ... LIMIT`: PostgreSQL merges
    them (Merge Append) and reads each range only as far as the merged order needs.

    Django would compile each district's part anew (~0.5 ms each, 30 ms for 60 districts), so
    one is compiled with a stand-in id and its SQL repeated with each district's id as a
    parameter; school parts (other shapes, few) are compiled one by one."""
    statements, params = [], []
    if district_ids:
        stand_in = Q(district_id=_STAND_IN_DISTRICT) & not_conflicted
        sql, template = first(stand_in).query.sql_with_params()
        for district_id in district_ids:
            statements.append(sql)
            params += [district_id if p == _STAND_IN_DISTRICT else p for p in template]
    for part in school_parts:
        sql, part_params = first(part).query.sql_with_params()
        statements.append(sql)
        params += part_params
    order = ", ".join(
        f"{key[1:]} DESC" if key.startswith("-") else f"{key} ASC" for key in _TOKEN_QUEUE_ORDER
    )
    union = " UNION ALL ".join(f"({statement})" for statement in statements)
    with connection.cursor() as cursor:
        # Only Django's compiled SQL and the fixed column names; every value is a parameter.
        cursor.execute(f"{union} ORDER BY {order} LIMIT %s", [*params, limit])
        return [row[-1] for row in cursor.fetchall()]
