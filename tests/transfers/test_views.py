"""The transfer screens: each district sees what it should, everyone else gets a 404."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.evidence_files import pdf_with_author
from tests.staff import login_staff
from tests.transfers.factories import transfer_world
from transfers.models import TransferReason, TransferRequest, TransferStatus
from transfers.services import enter_transfer, share_incident_summary

pytestmark = pytest.mark.django_db

NARRATIVE = "Older students called my daughter a slur"


def _url(transfer, suffix=""):
    return f"/admin/transfers/{transfer.pk}/{suffix}"


@pytest.mark.parametrize("who", ["sending_officer", "sending_transfer", "receiving_transfer"])
def test_both_districts_open_the_request(client, who):
    world = transfer_world()
    login_staff(client, getattr(world, who))
    response = client.get(_url(world.transfer))
    assert response.status_code == 200
    assert "STU-4471" in response.content.decode()


@pytest.mark.parametrize("who", ["other_transfer", "receiving_equity", "sending_admin", "nobody"])
def test_everyone_else_gets_not_found_on_every_transfer_url(client, who):
    world = transfer_world()
    user = getattr(world, who)
    user.is_superuser = who == "nobody"  # even a superuser without a role sees nothing
    user.save()
    login_staff(client, user)
    assert client.get(_url(world.transfer)).status_code == 404
    for suffix in ("status/", "messages/", "records/", "summary/"):
        assert (
            client.post(
                _url(world.transfer, suffix), {"to_status": "withdrawn", "version": 1}
            ).status_code
            == 404
        )
    world.transfer.refresh_from_db()
    assert world.transfer.status == TransferStatus.SUBMITTED


def test_anonymous_visitors_are_sent_to_sign_in(client):
    world = transfer_world()
    response = client.get(_url(world.transfer))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_receiving_district_never_gets_the_linked_case(client):
    world = transfer_world()
    login_staff(client, world.receiving_transfer)
    assert client.get(f"/admin/cases/{world.case.pk}/").status_code == 404
    page = client.get(_url(world.transfer)).content.decode()
    assert NARRATIVE not in page
    assert world.case.number not in page


def test_the_receiving_district_reads_the_summary_only_while_consent_stands(client):
    world = transfer_world()
    login_staff(client, world.sending_officer)
    refused = client.post(
        _url(world.transfer, "summary/"), {"summary": "Slurs at the lockers.", "version": 1}
    )
    assert refused.status_code == 400
    assert "consent" in refused.content.decode()
    assert "Slurs at the lockers." in refused.content.decode()  # what was typed is kept
    client.post(
        _url(world.transfer, "summary/"),
        {"summary": "Slurs at the lockers.", "consent_recorded": "on", "version": 1},
    )

    login_staff(client, world.receiving_transfer)
    assert "Slurs at the lockers." in client.get(_url(world.transfer)).content.decode()

    share = world.transfer.summary_shares.get()
    login_staff(client, world.sending_transfer)
    client.post(_url(world.transfer, f"summary/{share.pk}/withdraw/"))
    login_staff(client, world.receiving_transfer)
    assert "Slurs at the lockers." not in client.get(_url(world.transfer)).content.decode()


def test_a_wrong_district_move_is_explained_and_keeps_the_typed_reason(client):
    world = transfer_world()
    login_staff(client, world.receiving_transfer)
    response = client.post(
        _url(world.transfer, "status/"),
        {"to_status": "sending_review", "reason": "typed words", "version": 1},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "only its officers can act" in page
    assert "typed words" in page


def test_malformed_input_is_refused_without_a_server_error(client):
    world = transfer_world()
    login_staff(client, world.sending_transfer)
    assert (
        client.post(
            _url(world.transfer, "status/"), {"to_status": "nonsense", "version": 1}
        ).status_code
        == 400
    )
    assert client.post(_url(world.transfer, "records/"), {"kind": "x"}).status_code == 400
    assert client.post(_url(world.transfer, "records/99999/sent/")).status_code == 404
    assert client.get("/admin/transfers/not-a-uuid/").status_code == 404


def test_moving_and_messaging_through_the_screens(client):
    world = transfer_world()
    login_staff(client, world.sending_transfer)
    assert (
        client.post(
            _url(world.transfer, "status/"), {"to_status": "sending_review", "version": 1}
        ).status_code
        == 302
    )
    client.post(_url(world.transfer, "messages/"), {"body": "Release expected Friday."})
    login_staff(client, world.receiving_transfer)
    page = client.get(_url(world.transfer)).content.decode()
    assert "Release expected Friday." in page
    assert "Sending district review" in page


def test_an_officer_starts_a_request_from_a_case_prefilled_from_the_familys_answer(client):
    world = transfer_world()
    login_staff(client, world.sending_officer)
    form = client.get(f"/admin/transfers/from-case/{world.case.pk}/").content.decode()
    assert re.search(r'<option value="discrimination" selected', form)
    assert 'name="sending_district"' not in form
    response = client.post(
        f"/admin/transfers/from-case/{world.case.pk}/",
        {
            "receiving_district": world.transfer.receiving_district_id,
            "student_reference": "",
            "reason_category": "discrimination",
        },
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = client.post(
        f"/admin/transfers/from-case/{world.case.pk}/",
        {
            "receiving_district": world.transfer.receiving_district_id,
            "student_reference": "STU-9",
            "reason_category": "discrimination",
        },
    )
    created = TransferRequest.objects.exclude(pk=world.transfer.pk).get()
    assert response["Location"].endswith(f"/admin/transfers/{created.pk}/")
    assert list(created.linked_cases.all()) == [world.case]
    login_staff(client, world.receiving_transfer)
    assert client.get(f"/admin/transfers/from-case/{world.case.pk}/").status_code == 404


def test_a_transfer_officer_enters_a_request_directly(client):
    world = transfer_world()
    login_staff(client, world.receiving_transfer)
    response = client.post(
        "/admin/transfers/new/",
        {
            "sending_district": world.transfer.sending_district_id,
            "receiving_district": world.transfer.receiving_district_id,
            "sending_school": world.transfer.receiving_school_id,  # wrong district
            "student_reference": "STU-10",
            "reason_category": "safety",
        },
    )
    assert response.status_code == 400
    assert "another district" in response.content.decode()
    login_staff(client, world.sending_officer)  # an equity officer is no transfer officer
    assert client.get("/admin/transfers/new/").status_code == 404


def _many(world, count):
    for _ in range(count):
        enter_transfer(
            actor=world.receiving_transfer,
            sending_district=world.transfer.sending_district,
            sending_school=None,
            receiving_district=world.transfer.receiving_district,
            receiving_school=world.transfer.receiving_school,
            student_reference="S",
            reason_category=TransferReason.OTHER,
        )


def test_the_list_runs_the_same_queries_for_10_and_100_rows(client):
    world = transfer_world()
    share_incident_summary(
        transfer=world.transfer,
        expected_version=world.transfer.version,
        summary="s",
        consent_recorded=True,
        actor=world.sending_officer,
    )
    login_staff(client, world.receiving_transfer)
    _many(world, 9)
    with CaptureQueriesContext(connection) as ten:
        response = client.get("/admin/transfers/?per_page=10")
    assert response.content.decode().count("/admin/transfers/") >= 10
    _many(world, 90)
    with CaptureQueriesContext(connection) as hundred:
        response = client.get("/admin/transfers/?per_page=100")
    assert response.status_code == 200
    assert len(ten) == len(hundred)
    login_staff(client, world.other_transfer)
    page = client.get("/admin/transfers/").content.decode()
    assert str(world.transfer.pk) not in page
    assert "No transfer requests." in page


def test_a_message_attachment_downloads_for_both_districts_only(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from transfers.services import send_transfer_message

    world = transfer_world()
    pdf = pdf_with_author()
    message = send_transfer_message(
        transfer=world.transfer,
        actor=world.sending_transfer,
        body="Attendance attached.",
        attachment=SimpleUploadedFile("attendance.pdf", pdf),
    )
    url = _url(world.transfer, f"messages/{message.pk}/attachment/")
    login_staff(client, world.receiving_transfer)
    assert "attendance.pdf" in client.get(_url(world.transfer)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    login_staff(client, world.other_transfer)
    assert client.get(url).status_code == 404


def test_the_receiving_district_is_told_it_cannot_withdraw_a_shared_summary(client):
    world = transfer_world()
    share = share_incident_summary(
        transfer=world.transfer,
        summary="Repeated slurs at lockers.",
        consent_recorded=True,
        actor=world.sending_officer,
        expected_version=world.transfer.version,
    )
    login_staff(client, world.receiving_transfer)

    response = client.post(_url(world.transfer, f"summary/{share.pk}/withdraw/"))

    assert response.status_code == 400
    assert "only its officers can act on it" in response.content.decode()
    share.refresh_from_db()
    assert share.withdrawn_at is None
