"""Issue 20: the queue page (and the dashboard) cost the same number of SQL queries whatever
the number of visible cases, within a fixed budget.

Before this work an equity officer's queue page ran 43 queries (a school officer's 47): every
menu item, panel, filter and form asked again which districts and schools the user holds a
role at. They now share one read per request (cases/selectors/access.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.roles import Role
from cases.services.memberships import grant_membership
from tests.cases.admin.query_budgets import DASHBOARD, DASHBOARD_BUDGET, QUEUE, QUEUE_BUDGET
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _add_cases(school, count: int) -> None:
    for index in range(count):
        submit_report(school=school, bias_basis_codes=["race"] if index % 2 else ["disability"])


def _queries(client, path: str, **params) -> int:
    client.get(path, params)  # warm per-process caches (content types), as a running server has
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("officer", ["equity_officer", "school_officer_same_school"])
def test_the_queue_page_costs_the_same_few_queries_for_10_and_100_cases(client, world, officer):
    login_staff(client, world.staff[officer])
    _add_cases(world.school, 9)  # and the world's own case: 10, all at the officer's school
    at_ten = _queries(client, QUEUE, per_page=100)

    _add_cases(world.school, 90)
    response = client.get(QUEUE, {"per_page": 100})
    assert len(response.context["cases"]) == 100
    at_hundred = _queries(client, QUEUE, per_page=100)

    assert at_ten == at_hundred <= QUEUE_BUDGET


def test_the_dashboard_costs_the_same_few_queries_for_10_and_100_cases(client, world):
    login_staff(client, world.staff["equity_officer"])
    _add_cases(world.school, 9)
    at_ten = _queries(client, DASHBOARD)

    _add_cases(world.other_school, 90)
    at_hundred = _queries(client, DASHBOARD)

    assert at_ten == at_hundred <= DASHBOARD_BUDGET


def test_a_role_granted_between_two_pages_shows_on_the_next_one(client, world):
    """What the user may do is kept for one request only: never a stale answer."""
    officer = world.staff["school_officer_other_school"]
    login_staff(client, officer)
    assert list(client.get(QUEUE).context["cases"]) == []

    grant_membership(
        user=officer,
        role=Role.EQUITY_OFFICER,
        district=world.district,
        school=world.school,
        granted_by=world.staff["district_admin"],
    )

    assert [case.pk for case in client.get(QUEUE).context["cases"]] == [world.case.pk]
