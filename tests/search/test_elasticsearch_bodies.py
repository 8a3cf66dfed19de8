"""What the Elasticsearch backend asks the cluster, checked offline (no server runs here)."""

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig, TransportApiResponse
from elasticsearch import Elasticsearch
from elasticsearch_dsl import connections

from privacy.blind_index import query_tokens
from search.backends import CaseQuery
from search.backends.elastic import (
    CONNECTION,
    DATABASE_ONLY_TRENDS,
    ElasticsearchBackend,
    build_case_search,
    build_trend_body,
    build_trend_search,
)
from tests.factories import submit_report
from trends.reports import TREND_BUILDERS

pytestmark = pytest.mark.django_db


def test_the_users_districts_and_schools_are_a_filter_inside_the_query(settings):
    body = build_case_search(
        district_ids=[3], school_ids=[7, 8], query=CaseQuery(text="trombone locker")
    ).to_dict()
    filters = body["query"]["bool"]["filter"]

    assert filters[0] == {
        "bool": {
            "should": [{"terms": {"district_id": [3]}}, {"terms": {"school_id": [7, 8]}}],
            "minimum_should_match": 1,
        }
    }
    tokens = query_tokens("trombone locker")
    assert filters[1]["bool"]["should"][0] == {"term": {"narrative_tokens": tokens[0]}}
    assert filters[2]["bool"]["should"][2] == {"term": {"message_tokens": tokens[1]}}
    assert "trombone" not in str(body)
    assert body["_source"] is False


def test_a_case_number_and_filters_become_exact_terms():
    query = CaseQuery(text="nvu-2026-00012", statuses=("new",), basis_codes=("race",))
    filters = build_case_search(district_ids=[1], school_ids=[], query=query).to_dict()["query"][
        "bool"
    ]["filter"]

    assert {"term": {"number": "NVU-2026-00012"}} in filters
    assert {"terms": {"status": ["new"]}} in filters
    assert {"terms": {"bias_bases": ["race"]}} in filters


def test_trend_aggregations_use_calendar_histograms_and_composite_paging():
    body = build_trend_search(district_ids=[1], field="school_id", interval="month").to_dict()

    assert body["size"] == 0
    assert body["aggs"]["periods"] == {
        "date_histogram": {"field": "opened_at", "calendar_interval": "month", "min_doc_count": 0}
    }
    assert body["aggs"]["groups"]["composite"]["sources"] == [
        {"school_id": {"terms": {"field": "school_id"}}}
    ]


def test_every_case_trend_of_the_database_has_an_aggregation_body():
    case_trends = [key for key in TREND_BUILDERS if key not in DATABASE_ONLY_TRENDS]

    for key in [*case_trends, "timeliness"]:
        body = build_trend_body(key=key, district_id=4, school_year=2025).to_dict()
        assert body["size"] == 0, key
        assert body["query"]["bool"]["filter"][0] == {"term": {"district_id": 4}}, key
        assert body["aggs"], key
    # Transfer requests are not in the case index: both backends read them from the database.
    assert {
        "transfer_outcome",
        "transfer_basis",
        "transfer_steps",
        "transfer_timeline",
    } == DATABASE_ONLY_TRENDS


def test_breakdowns_group_by_the_same_fields_within_the_school_year():
    fields = {
        key: build_trend_body(key=key, district_id=4, school_year=2025).to_dict()
        for key in ("basis", "incident_type", "school", "grade_band", "status")
    }

    for key, field in [
        ("basis", "bias_bases"),
        ("incident_type", "incident_types"),
        ("school", "school_id"),
        ("grade_band", "grade_band"),
        ("status", "status"),
    ]:
        assert fields[key]["aggs"]["groups"]["composite"]["sources"] == [
            {field: {"terms": {"field": field}}}
        ]
        opened = fields[key]["query"]["bool"]["filter"][1]["range"]["opened_at"]
        assert opened["gte"].startswith("2025-07-01") and opened["lt"].startswith("2026-07-01")


def test_periods_are_calendar_histograms_and_year_over_year_spans_two_school_years():
    quarter = build_trend_body(key="quarter", district_id=4, school_year=2025).to_dict()
    years = build_trend_body(key="year_over_year", district_id=4, school_year=2025).to_dict()
    every_year = build_trend_body(key="school_year", district_id=4, school_year=2025).to_dict()

    assert quarter["aggs"]["periods"]["date_histogram"]["calendar_interval"] == "quarter"
    assert "interval" not in quarter["aggs"]["periods"]["date_histogram"]
    assert years["query"]["bool"]["filter"][1]["range"]["opened_at"]["gte"].startswith("2024-07-01")
    assert every_year["query"]["bool"]["filter"] == [{"term": {"district_id": 4}}]


def test_the_crdc_body_counts_harassment_and_bullying_per_school_and_category():
    body = build_trend_body(key="crdc", district_id=4, school_year=2025).to_dict()

    assert {"terms": {"incident_types": ["harassment", "bullying"]}} in body["query"]["bool"][
        "filter"
    ]
    assert body["aggs"]["groups"]["composite"]["sources"] == [
        {"school_id": {"terms": {"field": "school_id"}}},
        {"crdc_categories": {"terms": {"field": "crdc_categories"}}},
    ]


def test_timeliness_asks_for_median_days_from_opened_to_acknowledged_and_closed():
    body = build_trend_body(key="timeliness", district_id=4, school_year=2025).to_dict()

    assert body["aggs"]["acknowledged"] == {
        "filter": {"exists": {"field": "acknowledged_at"}},
        "aggs": {"median": {"percentiles": {"field": "acknowledged_days", "percents": [50]}}},
    }
    assert body["aggs"]["resolved"]["filter"] == {"exists": {"field": "closed_at"}}
    script = body["runtime_mappings"]["resolved_days"]["script"]["source"]
    assert "doc['closed_at']" in script and "doc['opened_at']" in script


def test_transfer_trends_are_not_asked_of_the_case_index():
    with pytest.raises(ValueError):
        build_trend_body(key="transfer_outcome", district_id=4, school_year=2025)


class _RecordingTransport:
    """Stands in for the network (not our code): records each request, answers with hits."""

    def __init__(self, hits):
        self.hits = hits
        self.bodies = []

    def perform_request(self, method, path, **kwargs):
        self.bodies.append((method, path, kwargs.get("body")))
        meta = ApiResponseMeta(
            status=200,
            http_version="1.1",
            headers=HttpHeaders({"x-elastic-product": "Elasticsearch"}),
            duration=0.0,
            node=NodeConfig("http", "localhost", 9200),
        )
        body = {"hits": {"hits": [{"_id": pk, "_index": "x"} for pk in self.hits]}}
        return TransportApiResponse(meta, body)


def test_search_results_are_checked_again_against_the_users_cases(search_world, settings):
    settings.ELASTICSEARCH_URL = "http://elasticsearch.invalid:9200"
    mine = submit_report(school=search_world.school).case
    theirs = submit_report(school=search_world.far_school).case
    client = Elasticsearch("http://elasticsearch.invalid:9200")
    transport = _RecordingTransport([str(mine.pk), str(theirs.pk)])
    client._transport = transport
    connections.add_connection(CONNECTION, client)
    try:
        found = ElasticsearchBackend().search(
            user=search_world.officer, query=CaseQuery(text="slur")
        )
        # Even a stale index naming another district's case cannot widen the result.
        assert list(found) == [mine]
        method, path, body = transport.bodies[0]
        assert path.endswith("/_search")
        assert body["query"]["bool"]["filter"][0]["bool"]["should"][0] == {
            "terms": {"district_id": [search_world.district.pk]}
        }
    finally:
        connections.remove_connection(CONNECTION)
