"""A district system pulling 100 rows at a time costs the database no more queries than one
pulling 10: the staff list endpoints run a fixed number of queries whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.roles import Role
from tests.api.client import ApiClient, token_for
from tests.factories import SchoolFactory, staff_user, submit_report
from transfers.models import TransferReason
from transfers.services import enter_transfer

pytestmark = pytest.mark.django_db


def _queries(api: ApiClient, path: str, limit: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path, limit=limit)
    assert response.status_code == 200, response.content
    assert len(response.json()["items"]) == limit
    return len(queries)


def test_the_case_list_runs_the_same_queries_for_10_and_100_cases(client):
    school = SchoolFactory()
    officer = staff_user(role=Role.EQUITY_OFFICER, district=school.district)
    for _ in range(100):
        submit_report(school=school)
    api = ApiClient(client, token_for(officer))
    api.get("/api/staff/cases")  # warm per-process caches (content types, permissions)

    assert _queries(api, "/api/staff/cases", 10) == _queries(api, "/api/staff/cases", 100)


def test_the_transfer_list_runs_the_same_queries_for_10_and_100_requests(client):
    sending, receiving = SchoolFactory().district, SchoolFactory()
    officer = staff_user(role=Role.TRANSFER_OFFICER, district=receiving.district)
    for _ in range(100):  # entered by the receiving district's transfer officer
        enter_transfer(
            actor=officer,
            sending_district=sending,
            sending_school=None,
            receiving_district=receiving.district,
            receiving_school=receiving,
            student_reference="S",
            reason_category=TransferReason.OTHER,
        )
    api = ApiClient(client, token_for(officer))
    api.get("/api/staff/transfers")

    assert _queries(api, "/api/staff/transfers", 10) == _queries(api, "/api/staff/transfers", 100)
