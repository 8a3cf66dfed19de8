"""What the Elasticsearch backend asks the cluster, checked offline (no server runs here)."""

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig, TransportApiResponse
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections

from privacy.blind_index import query_tokens
from search.backends import CaseQuery
from search.backends.elastic import (
    CONNECTION,
    ElasticsearchBackend,
    build_case_search,
)
from tests.factories import submit_report

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


def test_a_case_number_becomes_an_exact_term():
    query = CaseQuery(text="nvu-2026-00012")
    filters = build_case_search(district_ids=[1], school_ids=[], query=query).to_dict()["query"][
        "bool"
    ]["filter"]

    assert {"term": {"number": "NVU-2026-00012"}} in filters


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
