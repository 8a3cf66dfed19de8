"""Selectors cost the same number of queries at 10 and at 100 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.roles import Role
from cases.selectors.organisation import schools_for_case_handling
from tests.factories import DistrictFactory, SchoolFactory, staff_user

pytestmark = pytest.mark.django_db


def _queries_to_list_schools(user) -> int:
    with CaptureQueriesContext(connection) as ctx:
        rows = [
            (school.name, school.district.name) for school in schools_for_case_handling(user=user)
        ]
    assert rows
    return len(ctx.captured_queries)


@pytest.mark.parametrize("size", [10, 100])
def test_listing_schools_takes_one_query_whatever_the_size(size):
    district = DistrictFactory()
    SchoolFactory.create_batch(size, district=district)
    officer = staff_user(role=Role.EQUITY_OFFICER, district=district)
    # also a school-level grant elsewhere, so both branches of the query are exercised
    other = SchoolFactory()
    from cases.services.memberships import SYSTEM, grant_membership

    grant_membership(
        user=officer,
        role=Role.EQUITY_OFFICER,
        district=other.district,
        school=other,
        granted_by=SYSTEM,
    )

    assert len(list(schools_for_case_handling(user=officer))) == size + 1
    # The user's grants (one read, shared by the whole request), then the schools.
    assert _queries_to_list_schools(officer) == 2
