"""Who may call which API route. Staff routes need a live bearer token and then answer only
within its user's object permissions; a session cookie is not enough."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from api.models import ApiToken
from cases.models import AuditEvent
from tests.api.client import ApiClient, token_for
from tests.security.routes import API_TOKEN, PUBLIC, PUBLIC_API, classify, walk
from tests.staff import login_staff
from tests.transfers.factories import transfer_world

pytestmark = pytest.mark.django_db

ROUTES = [route for route in walk() if route.route.startswith("api/")]
TOKEN_ROUTES = [route for route in ROUTES if classify(route, set()) == API_TOKEN]


def test_every_api_route_is_public_or_needs_a_token():
    classes = {route.name: classify(route, set()) for route in ROUTES}
    # The docs page is the one public HTML page under /api/ (tests/api/test_docs.py).
    assert classes.pop("api:openapi-view") == PUBLIC
    assert set(classes.values()) == {PUBLIC_API, API_TOKEN}
    assert all(route.route.startswith("api/staff/") for route in TOKEN_ROUTES)


def test_public_api_routes_answer_json_to_anyone_and_never_send_to_a_sign_in(client):
    for route in ROUTES:
        if classify(route, set()) != PUBLIC_API:
            continue
        response = client.get(route.sample_path())
        assert response.status_code in (200, 404, 405), route.route
        assert "Location" not in response, route.route
        if response.status_code != 405:
            assert response["Content-Type"].startswith("application/json"), route.route


@pytest.mark.parametrize("method", ["get", "post"])
def test_staff_routes_answer_401_json_without_a_live_token(client, method):
    world = transfer_world()
    expired = token_for(world.sending_transfer)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    login_staff(client, world.sending_transfer)  # a signed-in session does not count
    for token in ("", "eqr_not-a-token", expired):
        api = ApiClient(client, token)
        for route in TOKEN_ROUTES:
            response = getattr(api, method)(route.sample_path())
            assert response.status_code in (401, 405), route.route
            if response.status_code == 401:
                assert response.json()["errors"] == {}


def test_a_token_of_another_district_gets_404_for_the_request_and_changes_nothing(client):
    world = transfer_world()
    other = ApiClient(client, token_for(world.other_transfer))
    base = f"/api/staff/transfers/{world.transfer.pk}"

    assert other.get(base).status_code == 404
    assert other.get(f"{base}/messages").status_code == 404
    assert other.post(f"{base}/status", {"to_status": "withdrawn"}).status_code == 404
    assert other.post(f"{base}/messages", {"body": "hello"}).status_code == 404
    assert other.post(f"{base}/records", {"kind": "transcript"}).status_code == 404
    assert other.get("/api/staff/transfers").json() == {"count": 0, "items": []}
    world.transfer.refresh_from_db()
    assert world.transfer.status == "submitted"
    assert world.transfer.messages.count() == 0


def test_a_district_administrator_token_sees_no_case_and_no_request(client):
    world = transfer_world()
    admin = ApiClient(client, token_for(world.sending_admin))

    assert admin.get("/api/staff/cases").json()["count"] == 0
    assert admin.get(f"/api/staff/cases/{world.case.pk}").status_code == 404
    assert admin.get(f"/api/staff/transfers/{world.transfer.pk}").status_code == 404


def test_an_officer_reads_their_cases_without_any_narrative_and_the_read_is_audited(client):
    world = transfer_world()
    officer = ApiClient(client, token_for(world.sending_officer))

    listed = officer.get("/api/staff/cases")
    one = officer.get(f"/api/staff/cases/{world.case.pk}")

    assert [item["number"] for item in listed.json()["items"]] == [world.case.number]
    assert one.status_code == 200
    assert "narrative" not in one.content.decode()
    assert "Jordan" not in one.content.decode()
    viewed = AuditEvent.objects.get(action="api.case_viewed")
    assert viewed.actor == world.sending_officer
    assert viewed.target_id == str(world.case.pk)


def test_a_revoked_token_stops_working_at_once(client, capsys):
    world = transfer_world()
    secret = token_for(world.sending_transfer)
    api = ApiClient(client, secret)
    assert api.get("/api/staff/transfers").status_code == 200

    call_command("revoke_api_token", username=world.sending_transfer.username)

    assert api.get("/api/staff/transfers").status_code == 401
    assert AuditEvent.objects.filter(action="api.token_revoked").count() == 1


def test_the_command_prints_the_token_once_and_keeps_only_its_hash(client, capsys):
    world = transfer_world()

    call_command("create_api_token", username=world.receiving_transfer.username, name="SIS")

    secret = capsys.readouterr().out.strip()
    token = ApiToken.objects.get()
    assert secret.startswith("eqr_")
    assert len(secret) > 40
    assert secret not in {token.secret_hash, token.prefix, token.name}
    assert token.user == world.receiving_transfer
    assert ApiClient(client, secret).get("/api/staff/transfers").json()["count"] == 1


def test_a_token_that_calls_too_fast_is_slowed_down_not_served(client, settings):
    settings.API_STAFF_REQUESTS_PER_MINUTE = 3
    world = transfer_world()
    api = ApiClient(client, token_for(world.sending_transfer))

    answers = [api.get("/api/staff/transfers") for _ in range(4)]

    assert [response.status_code for response in answers] == [200, 200, 200, 429]
    assert answers[-1]["Retry-After"] == "60"
    assert "Wait a minute" in answers[-1].json()["detail"]
