"""The queue's capped count: at most `cap + 1` rows read, pages over the first `cap`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.admin.pagination import CappedCountPaginator
from cases.models import Case
from tests.factories import submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_cases(world):
    for _ in range(6):
        submit_report(school=world.school)
    return Case.objects.order_by("pk")


def test_past_the_cap_the_count_stops_at_the_cap_in_one_limited_query(seven_cases):
    paginator = CappedCountPaginator(seven_cases, 2, cap=4)

    with CaptureQueriesContext(connection) as queries:
        assert (paginator.count, paginator.more_than_cap, paginator.num_pages) == (4, True, 2)

    (count,) = queries.captured_queries
    assert "LIMIT 5" in count["sql"]
    assert "ORDER BY" not in count["sql"]
    assert list(paginator.get_page(2).object_list) == list(seven_cases[2:4])
    assert paginator.get_page(9).number == 2


def test_at_or_under_the_cap_the_count_is_exact(seven_cases):
    exactly = CappedCountPaginator(seven_cases, 2, cap=7)
    uncapped = CappedCountPaginator(seven_cases, 2, cap=None)

    assert (exactly.count, exactly.more_than_cap, exactly.num_pages) == (7, False, 4)
    assert (uncapped.count, uncapped.more_than_cap, uncapped.num_pages) == (7, False, 4)
    assert CappedCountPaginator(list(seven_cases), 2, cap=3).count == 3
