"""Staff create, list and revoke their API tokens in the back office ("API tokens").

Any staff member manages their own tokens; a district administrator also lists and revokes
those of their district's staff; the secret is shown once.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.models import ApiToken
from cases.models import AuditEvent
from tests.api.client import ApiClient, token_for
from tests.staff import login_staff
from tests.two_districts import two_districts

pytestmark = pytest.mark.django_db

INDEX = reverse("api_tokens:index")
ADD = reverse("api_tokens:add")


@pytest.fixture
def world():
    return two_districts()


def _revoke(token) -> str:
    return reverse("api_tokens:delete", args=[token.pk])


def test_an_officer_creates_a_token_sees_it_once_and_it_works(client, world):
    login_staff(client, world.officer)

    created = client.post(ADD, {"name": "Northvale SIS", "days": "30"})

    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    secret = re.search(r'value="(eqr_[^"]+)"', created.content.decode()).group(1)
    token = ApiToken.objects.get(user=world.officer)
    assert token.name == "Northvale SIS"
    assert secret not in client.get(INDEX).content.decode()
    assert token.prefix in client.get(INDEX).content.decode()
    assert ApiClient(Client(), secret).get("/api/staff/cases").status_code == 200
    event = AuditEvent.objects.get(action="api.token_issued")
    assert (event.actor, event.detail["days"]) == (world.officer, 30)


def test_a_lifetime_out_of_bounds_is_refused_keeping_the_name(client, world):
    login_staff(client, world.officer)

    refused = client.post(ADD, {"name": "Northvale SIS", "days": "400"})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "at most 366 days" in page
    assert 'value="Northvale SIS"' in page
    assert not ApiToken.objects.exists()


def test_the_district_administrator_revokes_a_district_officers_token(client, world):
    secret = token_for(world.officer)
    token = ApiToken.objects.get(user=world.officer)
    login_staff(client, world.administrator)

    assert token.prefix in client.get(INDEX).content.decode()
    assert client.get(_revoke(token)).status_code == 200
    assert client.post(_revoke(token)).status_code == 302

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(Client(), secret).get("/api/staff/cases").status_code == 401
    assert AuditEvent.objects.get(action="api.token_revoked").actor == world.administrator


def test_nobody_sees_or_revokes_a_token_outside_their_reach(client, world):
    token_for(world.stranger)
    theirs = ApiToken.objects.get(user=world.stranger)

    for who in (world.officer, world.administrator):
        login_staff(client, who)
        assert theirs.prefix not in client.get(INDEX).content.decode()
        assert client.get(_revoke(theirs)).status_code == 404
        assert client.post(_revoke(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_the_token_list_costs_the_same_queries_whatever_its_length(
    client, world, django_assert_max_num_queries
):
    login_staff(client, world.administrator)
    token_for(world.officer)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for _ in range(20):
        token_for(world.officer)
    with django_assert_max_num_queries(len(few)):
        assert client.get(INDEX).status_code == 200
