"""Elasticsearch through elasticsearch-dsl: one index per object type behind an alias.

Searches and writes go to the alias `<prefix>cases`; a rebuild fills a fresh concrete index
`<prefix>cases-<timestamp>` and then swaps the alias in one atomic `update_aliases` call, so
searches never see an empty or half-built index. The documents are `search.documents`
dictionaries: structured fields and blind-index tokens, never plaintext.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    connections,
)
from elasticsearch.helpers import bulk

from cases.models import Case
from cases.selectors.cases import cases_for_user
from search.backends.base import CaseQuery, Progress, SearchBackend
from search.backends.filters import apply_structured_filters
from search.documents import TOKEN_FIELDS, iter_case_documents
from search.scope import case_scope_for_user

CONNECTION = "equity"
MAX_RESULTS = 1000
SHOWN_IDS = 20  # a rejection message names at most this many document ids


class CaseIndexDocument(Document):
    case_id = Keyword()
    number = Keyword()
    district_id = Integer()
    school_id = Integer()
    status = Keyword()
    priority = Integer()
    assignee_id = Integer()
    opened_on = Date()
    sequence = Long()
    acknowledged_at = Date()
    closed_at = Date()
    acknowledge_due = Date()
    investigation_due = Date()
    incident_date = Date()
    grade_band = Keyword()
    location_type = Keyword()
    life_safety = Boolean()
    bias_bases = Keyword(multi=True)
    crdc_categories = Keyword(multi=True)
    incident_types = Keyword(multi=True)
    narrative_tokens = Keyword(multi=True)
    people_tokens = Keyword(multi=True)
    message_tokens = Keyword(multi=True)


def case_alias() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}cases"


def _client():
    try:
        return connections.get_connection(CONNECTION)
    except KeyError:
        return connections.create_connection(
            alias=CONNECTION, hosts=[settings.ELASTICSEARCH_URL], request_timeout=10
        )


class BulkRejectedError(RuntimeError):
    """Elasticsearch rejected documents of a bulk request. The message names how many and
    their ids (case ids), never a document's body: an error can quote the values it refused."""

    def __init__(self, ids: list[str], statuses: list[int]):
        self.ids = ids
        shown = ", ".join(ids[:SHOWN_IDS])
        if len(ids) > SHOWN_IDS:
            shown += f" and {len(ids) - SHOWN_IDS} more"
        codes = ", ".join(str(status) for status in sorted(set(statuses)))
        super().__init__(f"Elasticsearch rejected {len(ids)} document(s) (HTTP {codes}): {shown}")


def _bulk(actions: Iterable[dict], *, refresh) -> None:
    """Send `actions`; raise `BulkRejectedError` if Elasticsearch rejected any of them.

    A request the cluster refuses as a whole marks each of its documents rejected
    (`raise_on_exception=False`), so that error names them too. Deleting a document the index
    does not hold is not a rejection: it is already gone."""
    _done, errors = bulk(
        _client(), actions, refresh=refresh, raise_on_error=False, raise_on_exception=False
    )
    rejected = [
        item
        for error in errors
        for op_type, item in error.items()
        if not (op_type == "delete" and item.get("result") == "not_found")
    ]
    if rejected:
        raise BulkRejectedError(
            [str(item.get("_id")) for item in rejected],
            [item.get("status", 500) for item in rejected],
        )


def build_case_search(
    *, district_ids: list[int], school_ids: list[int], query: CaseQuery
) -> Search:
    """The search body: the user's districts and schools are a filter inside the query."""
    search = Search(index=case_alias()).filter(
        "bool",
        should=[Q("terms", district_id=district_ids), Q("terms", school_id=school_ids)],
        minimum_should_match=1,
    )
    if query.case_number:
        search = search.filter("term", number=query.case_number)
    for token in query.tokens:
        fields = [Q("term", **{field: token}) for field in TOKEN_FIELDS]
        search = search.filter("bool", should=fields, minimum_should_match=1)
    return search.source(False).extra(size=MAX_RESULTS, track_total_hits=False)


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def _ensure_alias(self) -> None:
        client = _client()
        if not client.indices.exists_alias(name=case_alias()):
            self._create_index_behind_alias(swap=True)

    def _create_index_behind_alias(self, *, swap: bool) -> str:
        client = _client()
        name = f"{case_alias()}-{timezone.now():%Y%m%d%H%M%S%f}"
        client.indices.create(index=name, mappings=CaseIndexDocument._doc_type.mapping.to_dict())
        if swap:
            self._swap_alias(name)
        return name

    def _swap_alias(self, name: str) -> None:
        client = _client()
        alias = case_alias()
        old = (
            list(client.indices.get_alias(name=alias).keys())
            if client.indices.exists_alias(name=alias)
            else []
        )
        actions = [{"remove": {"index": index, "alias": alias}} for index in old]
        actions.append({"add": {"index": name, "alias": alias}})
        client.indices.update_aliases(actions=actions)
        for index in old:
            client.indices.delete(index=index, ignore_unavailable=True)

    def is_reachable(self) -> bool:
        try:
            return bool(_client().ping())
        except Exception:  # any transport error means "not now"
            return False

    def index_cases(self, case_ids: Iterable) -> None:
        self._ensure_alias()
        case_ids = [str(pk) for pk in case_ids]
        documents = list(iter_case_documents(case_ids))
        found = {doc["case_id"] for doc in documents}
        actions = [
            {"_op_type": "index", "_index": case_alias(), "_id": doc["case_id"], "_source": doc}
            for doc in documents
        ] + [
            {"_op_type": "delete", "_index": case_alias(), "_id": pk}
            for pk in case_ids
            if pk not in found
        ]
        _bulk(actions, refresh="wait_for")

    def delete_cases(self, case_ids: Iterable) -> None:
        self._ensure_alias()
        actions = [
            {"_op_type": "delete", "_index": case_alias(), "_id": str(pk)} for pk in case_ids
        ]
        _bulk(actions, refresh="wait_for")

    def rebuild(self, *, progress: Progress | None = None) -> int:
        name = self._create_index_behind_alias(swap=False)
        total = Case.objects.count()
        done = 0

        def actions():
            nonlocal done
            for doc in iter_case_documents():
                done += 1
                if progress and (done % 100 == 0 or done == total):
                    progress(done, total)
                yield {"_index": name, "_id": doc["case_id"], "_source": doc}

        try:
            _bulk(actions(), refresh=True)
        except BulkRejectedError:  # the alias stays on the old, complete index
            _client().indices.delete(index=name, ignore_unavailable=True)
            raise
        self._swap_alias(name)
        return done

    def search(self, *, user: AbstractBaseUser, query: CaseQuery) -> QuerySet[Case]:
        if query.has_unsearchable_text:
            return Case.objects.none()
        district_ids, school_ids = case_scope_for_user(user=user)
        if not district_ids and not school_ids:
            return Case.objects.none()
        body = build_case_search(district_ids=district_ids, school_ids=school_ids, query=query)
        ids = [hit.meta.id for hit in body.using(_client()).execute()]
        # Checked again in SQL: a stale index can never widen what the user sees.
        return apply_structured_filters(cases_for_user(user=user).filter(pk__in=ids), query)
