"""Two districts, an officer in each, and the search backends to run the shared suite on."""

import os
import uuid
from dataclasses import dataclass

import pytest

from cases.roles import Role
from search.backends import get_backend
from tests.factories import DistrictFactory, SchoolFactory, staff_user

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


@dataclass
class SearchWorld:
    district: object
    school: object
    other_school: object
    other_district: object
    far_school: object
    officer: object
    school_officer: object
    stranger: object
    administrator: object


@pytest.fixture
def search_world(db):
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")
    school = SchoolFactory(district=district, name="Cedar Middle", slug="cedar")
    other_school = SchoolFactory(district=district, name="Lakeview Middle", slug="lakeview")
    other_district = DistrictFactory(name="Riverbend", slug="riverbend", code="RBU")
    far_school = SchoolFactory(district=other_district, name="Hill Middle", slug="hill")
    return SearchWorld(
        district=district,
        school=school,
        other_school=other_school,
        other_district=other_district,
        far_school=far_school,
        officer=staff_user(role=Role.EQUITY_OFFICER, district=district, username="officer"),
        school_officer=staff_user(
            role=Role.EQUITY_OFFICER, district=district, school=other_school, username="lake"
        ),
        stranger=staff_user(role=Role.EQUITY_OFFICER, district=other_district, username="stranger"),
        administrator=staff_user(
            role=Role.DISTRICT_ADMINISTRATOR, district=district, username="admin"
        ),
    )


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
