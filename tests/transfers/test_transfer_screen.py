"""The transfers screen as officers use it: a number people can say and search for, buttons
named for what they do, school lists narrowed to the chosen district without JavaScript, and
the school records in one section."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from tests.api.client import ApiClient, token_for
from tests.factories import SchoolFactory
from tests.staff import login_staff
from tests.transfers.factories import transfer_world
from transfers.models import TransferReason, TransferStatus
from transfers.notifications import STEP_CHANGED, send_transfer_notice
from transfers.selectors import MOVE_LABELS
from transfers.services import change_transfer_status, enter_transfer
from transfers.workflow import ALLOWED_TRANSITIONS, APPEAL_OUTCOMES

pytestmark = pytest.mark.django_db
T = TransferStatus
NUMBER = re.compile(r"^TR-\d{4}-\d{5}$")


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _buttons(soup, selector="#workflow") -> list[str]:
    return [button.get_text(strip=True) for button in soup.select(f"{selector} button")]


def _enter(world, reference="S"):
    return enter_transfer(
        actor=world.receiving_transfer,
        sending_district=world.transfer.sending_district,
        sending_school=None,
        receiving_district=world.transfer.receiving_district,
        receiving_school=None,
        student_reference=reference,
        reason_category=TransferReason.OTHER,
    )


def _move(transfer, to_status, actor):
    transfer.refresh_from_db()
    return change_transfer_status(
        transfer=transfer, to_status=to_status, actor=actor, expected_version=transfer.version
    )


def test_each_request_gets_the_next_number_of_the_year_and_the_list_finds_it(client):
    world = transfer_world()
    second, third = _enter(world), _enter(world)
    year = timezone.localdate().year
    first_count = int(world.transfer.number.rsplit("-", 1)[1])
    assert NUMBER.match(world.transfer.number)
    assert [second.number, third.number] == [
        f"TR-{year}-{first_count + 1:05d}",
        f"TR-{year}-{first_count + 2:05d}",
    ]

    login_staff(client, world.receiving_transfer)
    listing = _page(client.get("/admin/transfers/", {"number": second.number.lower()}))
    assert [a.get_text(strip=True) for a in listing.select("tbody a")] == [second.number]
    by_digits = _page(client.get("/admin/transfers/", {"number": third.number[-5:]}))
    assert [a.get_text(strip=True) for a in by_digits.select("tbody a")] == [third.number]
    nothing = client.get("/admin/transfers/", {"number": "TR-1999-99999"}).content.decode()
    assert "No transfer request has a number containing" in nothing

    detail = _page(client.get(f"/admin/transfers/{second.pk}/"))
    assert second.number in detail.select_one("header").get_text()
    assert detail.select_one("#summary-heading").get_text() == second.number
    assert str(second.pk)[:8] not in detail.select_one("main").get_text()


def test_the_number_is_in_the_staff_email_and_the_api(client):
    world = transfer_world()
    world.receiving_transfer.email = "officer@receiving.example"
    world.receiving_transfer.save()

    send_transfer_notice(user=world.receiving_transfer, transfer=world.transfer, kind=STEP_CHANGED)
    assert world.transfer.number in mail.outbox[-1].body

    api = ApiClient(client, token_for(world.receiving_transfer, name="Receiving SIS"))
    listed = api.get("/api/staff/transfers").json()["items"]
    assert [(item["id"], item["number"]) for item in listed] == [
        (str(world.transfer.pk), world.transfer.number)
    ]
    assert api.transfer(str(world.transfer.pk))["number"] == world.transfer.number
    found = api.get("/api/staff/transfers", number=world.transfer.number[-5:]).json()
    assert [item["number"] for item in found["items"]] == [world.transfer.number]
    assert api.get("/api/staff/transfers", number="TR-1999").json()["items"] == []


def test_buttons_say_what_each_district_may_do_now(client):
    world = transfer_world()
    login_staff(client, world.sending_transfer)
    page = _page(client.get(f"/admin/transfers/{world.transfer.pk}/"))
    assert _buttons(page) == ["Start the review", "Withdraw the request"]

    _move(world.transfer, T.SENDING_REVIEW, world.sending_transfer)
    page = _page(client.get(f"/admin/transfers/{world.transfer.pk}/"))
    assert _buttons(page) == ["Release", "Deny the release", "Withdraw the request"]

    _move(world.transfer, T.RELEASED, world.sending_transfer)
    _move(world.transfer, T.RECEIVING_REVIEW, world.receiving_transfer)
    login_staff(client, world.receiving_transfer)
    page = _page(client.get(f"/admin/transfers/{world.transfer.pk}/"))
    assert _buttons(page) == ["Accept", "Deny the transfer", "Withdraw the request"]

    # Pressing "Accept" accepts.
    world.transfer.refresh_from_db()
    response = client.post(
        f"/admin/transfers/{world.transfer.pk}/status/",
        {"to_status": T.ACCEPTED, "version": world.transfer.version},
    )
    assert response.status_code == 302
    world.transfer.refresh_from_db()
    assert world.transfer.status == T.ACCEPTED


def test_every_move_the_workflow_allows_has_a_button_that_names_it():
    targets = set().union(*ALLOWED_TRANSITIONS.values(), *APPEAL_OUTCOMES.values())
    assert targets <= set(MOVE_LABELS)


def test_the_records_step_sits_with_the_records_checklist(client):
    world = transfer_world()
    for status, actor in [
        (T.SENDING_REVIEW, world.sending_transfer),
        (T.RELEASED, world.sending_transfer),
        (T.RECEIVING_REVIEW, world.receiving_transfer),
        (T.ACCEPTED, world.receiving_transfer),
    ]:
        _move(world.transfer, status, actor)
    login_staff(client, world.receiving_transfer)
    page = _page(client.get(f"/admin/transfers/{world.transfer.pk}/"))
    records = page.select_one("#records")
    assert "Ask the sending district for the records" in _buttons(page, "#records")
    assert "Request this record" in _buttons(page, "#records")
    assert "Ask the sending district for the records" not in _buttons(page)
    assert "Enrollment record" in records.get_text()
    assert "Health and immunization" in records.get_text()

    version = records.select_one("input[name=version]")["value"]
    response = client.post(
        f"/admin/transfers/{world.transfer.pk}/status/",
        {"to_status": T.RECORDS_REQUESTED, "version": version},
    )
    assert response["Location"].endswith("#records")  # back where the officer was
    world.transfer.refresh_from_db()
    assert world.transfer.status == T.RECORDS_REQUESTED


def test_the_school_list_shows_only_the_chosen_districts_schools_without_javascript(client):
    world = transfer_world()
    receiving = world.transfer.receiving_district
    second_school = SchoolFactory(district=receiving)
    login_staff(client, world.sending_officer)
    url = f"/admin/transfers/from-case/{world.case.pk}/"

    before = _page(client.get(url))
    assert [o.get_text() for o in before.select("#id_receiving_school option")] == [
        "Choose the district first"
    ]
    response = client.post(
        url,
        {
            "receiving_district": receiving.pk,
            "student_reference": "STU-77",
            "reason_category": TransferReason.SAFETY,
            "show_schools": "receiving_district",
        },
    )
    assert response.status_code == 200
    after = _page(response)
    offered = [o.get_text() for o in after.select("#id_receiving_school option") if o["value"]]
    assert offered == sorted([world.transfer.receiving_school.name, second_school.name])
    assert after.select_one("#id_student_reference")["value"] == "STU-77"
    assert after.select_one("#id_reason_category option[selected]")["value"] == "safety"
    assert not after.select(".error-message, .help-critical")  # nothing refused yet


def test_a_school_of_another_district_is_refused_by_name_and_nothing_typed_is_lost(client):
    world = transfer_world()
    receiving = world.transfer.receiving_district
    elsewhere = SchoolFactory(name="Hilltop Middle")
    login_staff(client, world.receiving_transfer)

    response = client.post(
        "/admin/transfers/new/",
        {
            "sending_district": world.transfer.sending_district_id,
            "receiving_district": receiving.pk,
            "receiving_school": elsewhere.pk,
            "student_reference": "STU-88",
            "reason_category": TransferReason.FAMILY,
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert (
        f"Hilltop Middle belongs to another district ({elsewhere.district.name}), not to "
        f"{receiving.name}." in text
    )
    page = _page(response)
    assert page.select_one("#id_student_reference")["value"] == "STU-88"
    offered = [o.get_text() for o in page.select("#id_receiving_school option") if o["value"]]
    assert offered == [world.transfer.receiving_school.name]
    assert world.transfer.__class__.objects.count() == 1
