"""The officer's queue has a search box that looks inside encrypted narratives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

QUEUE = "/admin/cases/"


def _numbers(response) -> set[str]:
    return {case.number for case in response.context["cases"]}


def test_an_officer_finds_a_case_from_the_queue_search_box(
    client, search_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wanted = submit_report(school=search_world.school, narrative="Graffiti on the bleachers.")
        submit_report(school=search_world.school)
        submit_report(school=search_world.far_school, narrative="Graffiti on the bleachers.")
    login_staff(client, search_world.officer)

    page = client.get(QUEUE)
    assert 'name="q"' in page.content.decode()
    response = client.get(QUEUE, {"q": "bleachers"})

    assert _numbers(response) == {wanted.case.number}
    assert 'value="bleachers"' in response.content.decode()  # what was typed stays


def test_an_officer_of_another_district_does_not_find_it_from_their_queue(
    client, search_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_report(school=search_world.school, narrative="Graffiti on the bleachers.")
    login_staff(client, search_world.stranger)

    assert _numbers(client.get(QUEUE, {"q": "bleachers"})) == set()


def test_an_unusable_search_is_explained_and_shows_no_cases(client, search_world):
    submit_report(school=search_world.school)
    login_staff(client, search_world.officer)

    common = client.get(QUEUE, {"q": "the and of"})
    too_long = client.get(QUEUE, {"q": "x" * 201})

    assert common.status_code == too_long.status_code == 200
    assert "too common to search for" in common.content.decode()
    assert "at most 200 characters" in too_long.content.decode()
    assert _numbers(common) == _numbers(too_long) == set()


def _queries(client, size: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE, {"q": "slur lockers", "per_page": size})
    assert response.status_code == 200
    return len(queries)


def test_a_searched_queue_runs_the_same_number_of_queries_for_10_and_100_rows(client, search_world):
    from search.backends import get_backend

    for _ in range(100):
        submit_report(school=search_world.school)
    get_backend().rebuild()
    login_staff(client, search_world.officer)
    client.get(QUEUE)  # warm per-session caches

    assert _queries(client, 10) == _queries(client, 100)


def _pager(response) -> str:
    return response.content.decode().split('class="pagination"', 1)[-1]


def hallway_reports(count: int, *, world, capture) -> None:
    """`count` committed reports that all mention the hallway, indexed by their outbox jobs."""
    with capture(execute=True):
        for _ in range(count):
            submit_report(school=world.school, narrative="Slurs shouted in the hallway.")


def test_a_search_matching_more_than_the_cap_says_more_than_and_still_pages(
    client, search_world, settings, django_capture_on_commit_callbacks
):
    """A common word matches more cases than are counted: the queue stops counting at the cap."""
    settings.CASE_QUEUE_COUNT_CAP = 20
    hallway_reports(25, world=search_world, capture=django_capture_on_commit_callbacks)
    login_staff(client, search_world.officer)

    first = client.get(QUEUE, {"q": "hallway", "per_page": 10})
    second = client.get(QUEUE, {"q": "hallway", "per_page": 10, "p": 2})
    beyond = client.get(QUEUE, {"q": "hallway", "per_page": 10, "p": 3})

    page = first.content.decode()
    assert "More than 20 cases match." in page
    assert "25 cases" not in page
    assert "Page 1 of 2" in page
    assert "p=2" in _pager(first)
    assert len(_numbers(first)) == len(_numbers(second)) == 10
    assert _numbers(first).isdisjoint(_numbers(second))
    # The pages cover the first 20 matches; the last one offers no next page, and a page
    # number past them shows that last page rather than an empty one.
    assert "Page 2 of 2" in second.content.decode()
    assert "p=3" not in _pager(second)
    assert _numbers(beyond) == _numbers(second)


def test_a_search_matching_fewer_than_the_cap_shows_the_exact_count(
    client, search_world, settings, django_capture_on_commit_callbacks
):
    settings.CASE_QUEUE_COUNT_CAP = 20
    hallway_reports(20, world=search_world, capture=django_capture_on_commit_callbacks)
    login_staff(client, search_world.officer)

    response = client.get(QUEUE, {"q": "hallway", "per_page": 10})

    page = response.content.decode()
    assert "20 cases" in page
    assert "More than" not in page
    assert "Page 1 of 2" in page
