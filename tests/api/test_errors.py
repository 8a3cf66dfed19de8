"""Every error is JSON of one shape, {"detail": ..., "errors": {field: [messages]}}, with the
portal's own translated messages and nothing of what was sent."""

import pytest

from tests.api.client import ApiClient, new_draft, submit, token_for
from tests.factories import SchoolFactory
from tests.transfers.factories import transfer_world

pytestmark = pytest.mark.django_db


def test_an_incomplete_report_lists_every_missing_answer_with_the_forms_messages(client):
    api = ApiClient(client)
    draft = new_draft(api)

    response = api.post("/api/public/reports", {"draft": draft, "narrative": ""})

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["narrative"] == ["Tell us what happened, even in a few words."]
    assert errors["incident_types"] == ["Choose at least one kind of incident."]
    assert {"district", "school", "location_type", "reporter_relation", "grade_band"} <= set(errors)


def test_messages_come_in_spanish_when_asked(client):
    api = ApiClient(client, language="es")

    response = submit(api, SchoolFactory(), contact_email="not-an-address")
    no_token = api.get("/api/staff/cases")

    assert response.status_code == 400
    assert response["Content-Language"] == "es"
    assert response.json()["errors"]["contact_email"] == [
        "Escriba un correo electrónico como nombre@ejemplo.org."
    ]
    assert no_token.json()["detail"].startswith("Envíe un token de API válido")


def test_a_school_of_another_district_is_refused_on_the_school_field(client):
    school, other = SchoolFactory(), SchoolFactory()

    response = submit(ApiClient(client), school, school=other.pk)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "school": ["This school is not in the district you chose."]
    }


def test_wrong_types_and_broken_json_are_json_errors_too(client):
    api = ApiClient(client)
    typed = api.post("/api/public/reports", {"draft": "x", "district": "north", "narrative": 7})
    broken = client.post("/api/public/reports", "{not json", content_type="application/json")

    assert typed.status_code == 422
    assert set(typed.json()["errors"]) == {"district", "narrative"}
    assert broken.status_code == 400
    assert broken.json() == {"detail": "The request body is not valid JSON.", "errors": {}}


def test_a_move_the_workflow_does_not_allow_names_the_allowed_ones(client):
    world = transfer_world()
    api = ApiClient(client, token_for(world.sending_transfer))

    response = api.post(
        f"/api/staff/transfers/{world.transfer.pk}/status", {"to_status": "enrolled"}
    )
    unknown = api.post(f"/api/staff/transfers/{world.transfer.pk}/status", {"to_status": "gone"})

    assert response.status_code == 400
    assert "Allowed next" in response.json()["errors"]["to_status"][0]
    assert unknown.status_code == 422
    assert list(unknown.json()["errors"]) == ["to_status"]


def test_unknown_ids_and_missing_tokens_are_json(client):
    world = transfer_world()
    api = ApiClient(client, token_for(world.sending_transfer))

    missing = api.get("/api/staff/transfers/00000000-0000-0000-0000-000000000001")
    no_token = ApiClient(client).get("/api/staff/transfers")

    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found.", "errors": {}}
    assert no_token.status_code == 401
    assert no_token["WWW-Authenticate"] == "Bearer"
    assert no_token.json()["errors"] == {}
    unknown = client.get("/api/staff/nothing-here/")
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "Not found."
