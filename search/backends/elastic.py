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
from elasticsearch.helpers import bulk
from elasticsearch_dsl import Boolean, Date, Document, Integer, Keyword, Q, Search, connections
from elasticsearch_dsl.aggs import Composite, DateHistogram

from cases.models import Case
from cases.selectors.cases import cases_for_user
from search.backends.base import CaseQuery, Progress, SearchBackend
from search.backends.filters import apply_structured_filters
from search.documents import TOKEN_FIELDS, iter_case_documents
from search.scope import case_scope_for_user
from trends.counts import CRDC_ALLEGATION_TYPES
from trends.reports import TRANSFER_TRENDS, school_year_bounds

CONNECTION = "equity"
MAX_RESULTS = 1000


class CaseIndexDocument(Document):
    case_id = Keyword()
    number = Keyword()
    district_id = Integer()
    school_id = Integer()
    status = Keyword()
    priority = Integer()
    assignee_id = Integer()
    opened_at = Date()
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
    if query.statuses:
        search = search.filter("terms", status=list(query.statuses))
    if query.district_ids:
        search = search.filter("terms", district_id=list(query.district_ids))
    if query.school_ids:
        search = search.filter("terms", school_id=list(query.school_ids))
    if query.basis_codes:
        search = search.filter("terms", bias_bases=list(query.basis_codes))
    if query.incident_type_codes:
        search = search.filter("terms", incident_types=list(query.incident_type_codes))
    if query.assignee_id is not None:
        search = search.filter("term", assignee_id=query.assignee_id)
    opened = {}
    if query.opened_from:
        opened["gte"] = query.opened_from.isoformat()
    if query.opened_to:
        opened["lte"] = query.opened_to.isoformat()
    if opened:
        search = search.filter("range", opened_at=opened)
    return search.source(False).extra(size=MAX_RESULTS, track_total_hits=False)


def build_trend_search(
    *, district_ids: list[int], field: str | None, interval: str | None = None
) -> Search:
    """Aggregation body for counts: a calendar histogram, or a composite breakdown."""
    search = Search(index=case_alias()).filter("terms", district_id=district_ids).extra(size=0)
    if interval:
        search.aggs.bucket(
            "periods", DateHistogram(field="opened_at", calendar_interval=interval, min_doc_count=0)
        )
    if field:
        search.aggs.bucket(
            "groups", Composite(sources=[{field: {"terms": {"field": field}}}], size=500)
        )
    return search


# Each case trend of `search.trends` and the field its breakdown groups by.
TREND_FIELDS = {
    "basis": "bias_bases",
    "incident_type": "incident_types",
    "school": "school_id",
    "grade_band": "grade_band",
    "status": "status",
}
# Period trends: one calendar histogram, folded into quarters or school years as in SQL.
TREND_INTERVALS = {"month": "month", "quarter": "quarter", "school_year": "month"}
# Read from the database by either backend: transfer requests are not in the case index.
DATABASE_ONLY_TRENDS = frozenset(TRANSFER_TRENDS)
_DAYS_SCRIPT = (
    "if (doc['{end}'].size() > 0 && doc['opened_at'].size() > 0) {{"
    " emit((doc['{end}'].value.toInstant().toEpochMilli()"
    " - doc['opened_at'].value.toInstant().toEpochMilli()) / 86400000.0); }}"
)


def _opened_between(search: Search, start, end) -> Search:
    return search.filter("range", opened_at={"gte": start.isoformat(), "lt": end.isoformat()})


def build_trend_body(*, key: str, district_id: int, school_year: int) -> Search:
    """The aggregation body of one trend report, or of "timeliness" (median days to
    acknowledge and to close); the same dimensions the database computes in `search.trends`."""
    if key in DATABASE_ONLY_TRENDS:
        raise ValueError(f"{key} is read from the database: transfers are not indexed")
    search = Search(index=case_alias()).filter("term", district_id=district_id).extra(size=0)
    start, end = school_year_bounds(school_year)
    zone = str(timezone.get_current_timezone())
    if key in TREND_INTERVALS:
        if key != "school_year":  # every school year is one bar
            search = _opened_between(search, start, end)
        search.aggs.bucket(
            "periods",
            DateHistogram(
                field="opened_at",
                calendar_interval=TREND_INTERVALS[key],
                min_doc_count=0,
                time_zone=zone,
            ),
        )
    elif key == "year_over_year":
        previous_start, _end = school_year_bounds(school_year - 1)
        search = _opened_between(search, previous_start, end)
        search.aggs.bucket(
            "periods",
            DateHistogram(
                field="opened_at", calendar_interval="month", min_doc_count=0, time_zone=zone
            ),
        )
    elif key in TREND_FIELDS:
        search = _opened_between(search, start, end)
        field = TREND_FIELDS[key]
        search.aggs.bucket(
            "groups", Composite(sources=[{field: {"terms": {"field": field}}}], size=500)
        )
    elif key == "crdc":
        search = _opened_between(search, start, end).filter(
            "terms", incident_types=list(CRDC_ALLEGATION_TYPES)
        )
        sources = [
            {"school_id": {"terms": {"field": "school_id"}}},
            {"crdc_categories": {"terms": {"field": "crdc_categories"}}},
        ]
        search.aggs.bucket("groups", Composite(sources=sources, size=500))
    elif key == "timeliness":
        durations = {"acknowledged": "acknowledged_at", "resolved": "closed_at"}
        search = _opened_between(search, start, end).extra(
            runtime_mappings={
                f"{name}_days": {
                    "type": "double",
                    "script": {"source": _DAYS_SCRIPT.format(end=field)},
                }
                for name, field in durations.items()
            }
        )
        for name, field in durations.items():
            search.aggs.bucket(name, "filter", exists={"field": field}).metric(
                "median", "percentiles", field=f"{name}_days", percents=[50]
            )
    else:
        raise ValueError(key)
    return search


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
        bulk(_client(), actions, refresh="wait_for", raise_on_error=False)

    def delete_cases(self, case_ids: Iterable) -> None:
        self._ensure_alias()
        actions = [
            {"_op_type": "delete", "_index": case_alias(), "_id": str(pk)} for pk in case_ids
        ]
        bulk(_client(), actions, refresh="wait_for", raise_on_error=False)

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

        bulk(_client(), actions(), refresh=True)
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
