"""Every case URL, for every role: who may use it, and that everyone else gets a 404.

The URLs are read from the URLconf, so a new case URL fails `test_every_case_url_is_covered`
until it is listed in `CASE_URLS` or `LIST_URLS` (tests/cases/admin/access.py).
"""

import pytest
from django.urls import get_resolver, reverse

from cases.models import AuditEvent, Case
from tests.cases.admin.access import (
    ALL_ROLES,
    CASE_HIDDEN,
    CASE_URLS,
    HANDLERS,
    LIST_URLS,
    NO_CASE_ACCESS,
)
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _case_url_names() -> set[str]:
    _prefix, resolver = get_resolver().namespace_dict["cases_admin"]
    return {pattern.name for pattern in resolver.url_patterns}


def _prepare(world, name, spec):
    """The request to make, built before anything is measured (building may write)."""
    method, kwargs, data = spec
    url = reverse(f"cases_admin:{name}", kwargs=kwargs(world))
    if method == "post":
        payload = data(world) if data else {}
        return lambda client: client.post(url, payload)
    return lambda client: client.get(url)


def _request(client, world, name, spec):
    return _prepare(world, name, spec)(client)


def test_every_case_url_is_covered():
    assert _case_url_names() == set(CASE_URLS) | set(LIST_URLS)


@pytest.mark.parametrize("role", HANDLERS)
@pytest.mark.parametrize("name", sorted(CASE_URLS))
def test_staff_handling_the_school_may_use_every_case_url(client, world, role, name):
    login_staff(client, world.staff[role])

    response = _request(client, world, name, CASE_URLS[name])

    assert response.status_code in (200, 302), response.status_code


@pytest.mark.parametrize("role", [*CASE_HIDDEN, *NO_CASE_ACCESS])
@pytest.mark.parametrize("name", sorted(CASE_URLS))
def test_anyone_else_gets_not_found_and_changes_nothing(client, world, role, name):
    login_staff(client, world.staff[role])
    send = _prepare(world, name, CASE_URLS[name])
    events_before = AuditEvent.objects.count()

    response = send(client)

    assert response.status_code == 404
    assert b"mocked my son" not in response.content
    assert AuditEvent.objects.count() == events_before
    case = Case.objects.get(pk=world.case.pk)
    assert (case.status, case.assignee_id, case.legal_hold) == ("new", None, False)


@pytest.mark.parametrize("role", HANDLERS)
def test_handlers_see_the_case_in_their_queue(client, world, role):
    login_staff(client, world.staff[role])
    response = client.get(reverse("cases_admin:queue"))
    assert response.status_code == 200
    assert world.case.number in response.content.decode()


BULK_ACTIONS = {
    "assign": lambda w: {"assignee": w.staff["equity_officer"].pk},
    "set_priority": lambda w: {"priority": "3"},
}


def _bulk(client, world, action: str, ids):
    url = reverse("wagtail_bulk_action", args=["cases", "case", action])
    query = "&".join(f"id={pk}" for pk in ids)
    return client.post(f"{url}?{query}", BULK_ACTIONS[action](world))


@pytest.mark.parametrize("role", CASE_HIDDEN)
@pytest.mark.parametrize("action", sorted(BULK_ACTIONS))
def test_other_schools_and_districts_neither_list_nor_change_the_case(client, world, role, action):
    login_staff(client, world.staff[role])

    listing = client.get(reverse("cases_admin:queue"))
    changing = _bulk(client, world, action, [world.case.pk])

    assert listing.status_code == 200
    assert world.case.number not in listing.content.decode()
    assert changing.status_code == 404
    case = Case.objects.get(pk=world.case.pk)
    assert (case.assignee_id, case.priority) == (None, world.case.priority)


@pytest.mark.parametrize("role", NO_CASE_ACCESS)
@pytest.mark.parametrize("action", sorted(BULK_ACTIONS))
def test_roles_without_case_access_get_not_found_on_the_bulk_actions(client, world, role, action):
    login_staff(client, world.staff[role])
    events_before = AuditEvent.objects.count()

    confirming = client.get(
        reverse("wagtail_bulk_action", args=["cases", "case", action]), {"id": world.case.pk}
    )
    changing = _bulk(client, world, action, [world.case.pk])

    assert (confirming.status_code, changing.status_code) == (404, 404)
    assert AuditEvent.objects.count() == events_before


@pytest.mark.parametrize("role", NO_CASE_ACCESS)
@pytest.mark.parametrize("name", sorted(LIST_URLS))
def test_roles_without_case_access_get_not_found_on_the_queue(client, world, role, name):
    login_staff(client, world.staff[role])
    response = _request(client, world, name, LIST_URLS[name])
    assert response.status_code == 404
    assert Case.objects.get(pk=world.case.pk).assignee_id is None


@pytest.mark.parametrize("role", ["transfer_officer", "district_admin"])
def test_roles_without_case_access_still_reach_the_dashboard(client, world, role):
    login_staff(client, world.staff[role])
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert world.case.number not in response.content.decode()


@pytest.mark.parametrize("name", sorted({**CASE_URLS, **LIST_URLS}))
def test_anonymous_visitors_are_sent_to_the_login_page(client, world, name):
    response = _request(client, world, name, {**CASE_URLS, **LIST_URLS}[name])
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_a_guessed_case_id_is_not_found(client, world):
    import uuid

    login_staff(client, world.staff["equity_officer"])
    response = client.get(reverse("cases_admin:detail", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_every_role_is_covered():
    assert set(ALL_ROLES) == {
        "equity_officer",
        "title_ix",
        "school_officer_same_school",
        "school_officer_other_school",
        "other_district_officer",
        "transfer_officer",
        "district_admin",
        "content_editor",
    }
