"""The "Transfers" listing (Wagtail's ModelViewSet): a transfer officer finds the requests of
their district with the filter drawer, pages through them and exports what the list shows."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from tests.staff import login_staff
from tests.transfers.factories import transfer_world
from transfers.models import TransferReason, TransferStatus
from transfers.services import enter_transfer, share_incident_summary

pytestmark = pytest.mark.django_db

LIST = "/admin/transfers/"
SUMMARY = "The family says older students followed her home every day"


def _enter(world, count=1, reference="S"):
    return [
        enter_transfer(
            actor=world.receiving_transfer,
            sending_district=world.transfer.sending_district,
            sending_school=None,
            receiving_district=world.transfer.receiving_district,
            receiving_school=world.transfer.receiving_school,
            student_reference=reference,
            reason_category=TransferReason.OTHER,
        )
        for _ in range(count)
    ]


def _numbers(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in page.select("tbody td a")]


def _queries(client, url, per_page) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"per_page": per_page})
    assert response.status_code == 200
    assert len(_numbers(response)) == per_page
    return len(queries)


def test_the_list_keeps_its_address_and_runs_the_same_queries_for_10_or_100_rows(client):
    """The listing's results (what the filter drawer and the page links reload) take at most
    15 queries; the whole page adds the admin shell's (the menu asks each app), as many for
    10 rows as for 100."""
    world = transfer_world()
    login_staff(client, world.receiving_transfer)
    _enter(world, 9)
    assert reverse("transfers_admin:index") == LIST
    results = reverse("transfers_admin:index_results")
    client.get(LIST)  # per-session caches (the two-factor check) are warm from here on
    page_10, results_10 = _queries(client, LIST, 10), _queries(client, results, 10)
    _enter(world, 90)

    page_100, results_100 = _queries(client, LIST, 100), _queries(client, results, 100)

    assert page_10 == page_100
    assert results_10 == results_100
    assert results_100 <= 15


def test_the_filter_drawer_narrows_by_step_and_number(client):
    world = transfer_world()
    entered = _enter(world)[0]
    login_staff(client, world.receiving_transfer)

    everything = client.get(LIST)
    submitted = client.get(LIST, {"status": TransferStatus.SUBMITTED})
    accepted = client.get(LIST, {"status": TransferStatus.ACCEPTED})
    by_number = client.get(LIST, {"number": entered.number[-5:]})

    assert set(_numbers(everything)) == {world.transfer.number, entered.number}
    assert 'name="status"' in everything.content.decode()  # the drawer offers the step
    assert set(_numbers(submitted)) == {world.transfer.number, entered.number}
    assert _numbers(accepted) == []
    assert "No transfer request matches these filters." in accepted.content.decode()
    assert _numbers(by_number) == [entered.number]


def test_the_list_shows_the_due_day_in_the_queue_format_and_the_entry_button(client):
    world = transfer_world()
    login_staff(client, world.receiving_transfer)

    page = client.get(LIST).content.decode()

    assert date_format(world.transfer.step_due, "SHORT_DATE_FORMAT") in page
    assert reverse("transfers_admin:create") in page
    assert "?per_page=100" in page  # the page sizes, in the header's menu
    login_staff(client, world.sending_officer)  # handles the linked case, enters no request
    page = client.get(LIST).content.decode()
    assert world.transfer.number in page
    assert reverse("transfers_admin:create") not in page


def test_the_csv_export_holds_the_list_columns_and_nothing_sensitive(client):
    world = transfer_world()
    share_incident_summary(
        transfer=world.transfer,
        expected_version=world.transfer.version,
        summary=SUMMARY,
        consent_recorded=True,
        actor=world.sending_officer,
    )
    login_staff(client, world.receiving_transfer)

    response = client.get(LIST, {"export": "csv"})

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Number", "From", "To", "Step", "Owner", "Due"]
    assert [row[0] for row in rows[1:]] == [world.transfer.number]
    for secret in ("STU-4471", SUMMARY, "Discrimination", "discrimination"):
        assert secret not in text


def test_another_districts_officer_gets_not_found_and_never_sees_the_rows(client):
    world = transfer_world()
    login_staff(client, world.other_transfer)

    page = client.get(LIST)
    export = client.get(LIST, {"export": "csv"})

    assert page.status_code == 200  # a transfer officer of a third district
    assert world.transfer.number not in page.content.decode()
    assert "No transfer requests." in page.content.decode()
    assert world.transfer.number not in b"".join(export.streaming_content).decode()
    assert client.get(f"{LIST}{world.transfer.pk}/").status_code == 404
    for who in (world.receiving_equity, world.sending_admin):
        login_staff(client, who)
        assert client.get(LIST).status_code == 404
        assert client.get(reverse("transfers_admin:index_results")).status_code == 404


def test_an_old_page_link_is_sent_to_wagtails_page_parameter(client):
    world = transfer_world()
    _enter(world, 11)
    login_staff(client, world.receiving_transfer)

    response = client.get(LIST, {"page": "2", "per_page": "10"})

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?per_page=10&p=2"
    assert len(_numbers(client.get(response["Location"]))) == 2
