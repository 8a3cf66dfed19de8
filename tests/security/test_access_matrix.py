"""Who may open which URL, for every route the URLconf serves.

Case screens have their own role-by-role matrix in `tests/cases/admin/test_access.py`; this file
makes sure every other route is classified and that each class behaves as its name promises.
Every public form is fuzzed with hypothesis in `tests/reporting/test_malformed_input.py`, and
a reporter's session reaching only their own report is in `tests/reporting/test_status_access.py`.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from jobs.models import OutboxMessage
from tests.cases.admin.access import ALL_ROLES, CASE_URLS, LIST_URLS
from tests.factories import UserFactory
from tests.security.routes import (
    ADMIN_ONLY,
    PUBLIC,
    REPORTER_SESSION,
    STAFF_OBJECT,
    STAFF_OBJECT_NAMESPACES,
    STAFF_SIGN_IN,
    WAGTAIL_INTERNAL,
    classify,
    walk,
)
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

CASE_ROUTE_NAMES = {f"cases_admin:{name}" for name in (*CASE_URLS, *LIST_URLS)}
ROUTES = list(walk())
CLASSES = {route: classify(route, CASE_ROUTE_NAMES) for route in ROUTES}
SIGNED_IN_ONLY = (STAFF_OBJECT, ADMIN_ONLY, WAGTAIL_INTERNAL)
# Wagtail screens that hold accounts, site settings or history: superusers only.
SUPERUSER_SCREENS = (
    "wagtailusers_users:index",
    "wagtailusers_groups:index",
    "wagtailsites:index",
    "wagtaillocales:index",
    "wagtailadmin_workflows:index",
)


def _routes_of(*classes):
    return [route for route in ROUTES if CLASSES[route] in classes]


def test_every_route_is_classified():
    unclassified = [f"{route.route} ({route.name})" for route in ROUTES if CLASSES[route] is None]
    assert unclassified == [], "Classify these routes in tests/security/routes.py"


def test_every_case_screen_has_a_role_by_role_matrix():
    case_routes = {route.name for route in ROUTES if route.name.startswith("cases_admin:")}
    assert case_routes == CASE_ROUTE_NAMES
    assert len(ALL_ROLES) == 8


def test_each_screen_with_its_own_matrix_is_tested_in_the_folder_routes_py_names():
    """The folder exists and its tests open the namespace's screens, by name or by path."""
    root = Path(__file__).resolve().parents[2]
    for namespace, folder in STAFF_OBJECT_NAMESPACES.items():
        routes = [route.route for route in ROUTES if route.name.startswith(f"{namespace}:")]
        # Character by character on purpose: the prefix is cut back to its last "/" next.
        prefix = "/" + os.path.commonprefix(routes).rsplit("/", 1)[0] + "/"  # noqa: RUF071
        tests = [path.read_text() for path in sorted((root / folder).glob("test_*.py"))]
        assert tests, f"{namespace}: no tests in {folder}"
        assert any(f'"{namespace}:' in text or prefix in text for text in tests), namespace


def test_anonymous_visitors_are_sent_to_the_staff_sign_in(client):
    """One test walks all ~200 routes: a test per route would cost a database setup each."""
    login = reverse("wagtailadmin_login")
    let_through = {}
    for route in _routes_of(*SIGNED_IN_ONLY):
        response = client.get(route.sample_path())
        if response.status_code != 302 or login not in response["Location"]:
            let_through[route.route] = response.status_code
    assert let_through == {}


def test_public_pages_open_without_an_account_and_never_fail(client):
    login = reverse("wagtailadmin_login")
    for route in _routes_of(PUBLIC):
        response = client.get(route.sample_path())
        assert response.status_code in (200, 302, 404, 405), route.route
        assert login not in response.get("Location", ""), route.route


def test_sign_in_pages_never_fail_for_an_anonymous_visitor(client):
    for route in _routes_of(STAFF_SIGN_IN):
        response = client.get(route.sample_path())
        assert response.status_code in (200, 302, 404), route.route


@pytest.mark.parametrize("route", _routes_of(REPORTER_SESSION), ids=lambda route: route.route)
def test_reporter_pages_without_a_receipt_show_only_the_receipt_box(client, world, route):
    response = client.get(route.sample_path())

    assert response.status_code == 200
    assert 'name="receipt"' in response.content.decode()
    assert world.case.number not in response.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_accounts_sites_and_workflows_are_for_superusers_only(client, world, role):
    login_staff(client, world.staff[role])
    for name in SUPERUSER_SCREENS:
        response = client.get(reverse(name))

        assert response.status_code in (302, 403, 404), name
        assert "riverbend.officer" not in response.content.decode()


def test_a_superuser_opens_the_account_and_site_screens(client, world):
    login_staff(client, UserFactory(is_superuser=True, is_staff=True))
    for name in SUPERUSER_SCREENS:
        assert client.get(reverse(name)).status_code == 200, name


def _district_job(world):
    return OutboxMessage.objects.filter(payload__district=world.district.pk).first()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_district_administrator_sees_and_retries_the_districts_jobs(client, world, role):
    job = _district_job(world)
    assert job is not None
    login_staff(client, world.staff[role])

    listing = client.get(reverse("jobs_admin:index"), {"status": "all"})
    retrying = client.post(reverse("jobs_admin:retry", args=[job.pk]))

    if role == "district_admin":
        assert listing.status_code == 200
        assert retrying.status_code == 302
    else:
        assert listing.status_code == 404
        assert retrying.status_code == 404
