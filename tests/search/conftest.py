"""Two districts, an officer in each (tests/two_districts.py), and the search backends to run
the shared suite on."""

import os
import uuid

import pytest

from search.backends import get_backend
from tests.two_districts import two_districts

BACKENDS = [
    "database",
    pytest.param(
        "elasticsearch",
        marks=pytest.mark.skipif(
            not os.environ.get("ELASTICSEARCH_URL"),
            reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against",
        ),
    ),
]


@pytest.fixture
def search_world(db):
    return two_districts()


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    settings.SEARCH_BACKEND = request.param
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}-"
    search_backend = get_backend(request.param)
    yield search_backend
    if request.param == "elasticsearch":
        from search.backends.elastic import _client

        _client().indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}*")
