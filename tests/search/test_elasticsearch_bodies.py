"""What the Elasticsearch backend asks the cluster, checked offline (no server runs here)."""

import dataclasses
import uuid

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig, TransportApiResponse
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections

from privacy.blind_index import query_tokens
from search.backends import CaseQuery
from search.backends.elastic import (
    CONNECTION,
    BulkRejectedError,
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
        _method, path, body = transport.bodies[0]
        assert path.endswith("/_search")
        assert body["query"]["bool"]["filter"][0]["bool"]["should"][0] == {
            "terms": {"district_id": [search_world.district.pk]}
        }
    finally:
        connections.remove_connection(CONNECTION)


class _BulkTransport(_RecordingTransport):
    """Answers a bulk request with `items` as a cluster would (or refuses it as a whole with
    `status`), and any other request (alias check, index creation or deletion) with an ack."""

    def __init__(self, items=(), status=200):
        super().__init__(hits=[])
        self.items, self.status = list(items), status

    def perform_request(self, method, path, **kwargs):
        meta = super().perform_request(method, path, **kwargs).meta
        if not path.split("?")[0].endswith("/_bulk"):
            return TransportApiResponse(meta, {"acknowledged": True})
        if self.status != 200:
            error = {"type": "request_too_large", "reason": "too large"}
            body = {"error": error, "status": self.status}
            return TransportApiResponse(dataclasses.replace(meta, status=self.status), body)
        return TransportApiResponse(meta, {"took": 1, "errors": True, "items": self.items})


def _item(op_type, case_id, status, **answer):
    return {op_type: {"_index": "test-cases-1", "_id": case_id, "status": status, **answer}}


@pytest.fixture
def fake_cluster(settings):
    """Registers a client on the backend's connection whose transport is the given fake."""
    settings.ELASTICSEARCH_URL = "http://elasticsearch.invalid:9200"
    client = Elasticsearch(settings.ELASTICSEARCH_URL)

    def use(transport):
        transport.serializers = client.transport.serializers  # the bulk helper encodes with them
        client._transport = transport
        connections.add_connection(CONNECTION, client)
        return transport

    yield use
    connections.remove_connection(CONNECTION)


def test_a_document_the_cluster_rejects_is_an_error_naming_its_id_not_its_body(
    search_world, fake_cluster
):
    case = submit_report(school=search_world.school, narrative="The trombone locker.").case
    token = query_tokens("trombone")[0]
    gone = str(uuid.uuid4())  # no such case: the backend deletes it from the index
    refused = {"type": "document_parsing_exception", "reason": f"bad value '{token}'"}
    transport = fake_cluster(
        _BulkTransport(
            [
                _item("index", str(case.pk), 400, error=refused),
                _item("delete", gone, 404, result="not_found"),
            ]
        )
    )

    with pytest.raises(BulkRejectedError) as rejected:
        ElasticsearchBackend().index_cases([case.pk, gone])

    assert rejected.value.ids == [str(case.pk)]
    message = str(rejected.value)
    assert "rejected 1 document(s) (HTTP 400)" in message
    assert str(case.pk) in message
    assert token not in message
    assert "bad value" not in message
    assert gone not in message  # deleting what the index does not hold is not a rejection
    assert any("/_bulk" in path for _method, path, _body in transport.bodies)


def test_deleting_documents_the_index_never_held_is_not_an_error(fake_cluster):
    gone = str(uuid.uuid4())
    fake_cluster(_BulkTransport([_item("delete", gone, 404, result="not_found")]))

    ElasticsearchBackend().delete_cases([gone])


def test_a_refused_rebuild_names_the_documents_and_leaves_the_alias_alone(
    search_world, fake_cluster
):
    case = submit_report(school=search_world.school).case
    transport = fake_cluster(_BulkTransport(status=413))

    with pytest.raises(BulkRejectedError) as rejected:
        ElasticsearchBackend().rebuild()

    assert rejected.value.ids == [str(case.pk)]
    requests = [(method, path.split("?")[0]) for method, path, _body in transport.bodies]
    created = requests[0]
    assert created[0] == "PUT"
    assert ("DELETE", created[1]) in requests  # the half-built index is dropped
    assert not any("_alias" in path for _method, path in requests)
