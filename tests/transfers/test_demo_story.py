"""With the demo data, Northvale and Riverbend take the seeded request to enrollment."""

import pytest
from django.contrib.auth import get_user_model

from cases.demo import seed_organisation, seed_staff
from reporting.demo import seed_sample_reports
from tests.staff import login_staff
from transfers.models import TransferRequest, TransferStatus

pytestmark = pytest.mark.django_db
T = TransferStatus


def test_two_demo_districts_take_the_seeded_request_from_submitted_to_enrolled(client):
    seed_organisation()
    seed_staff(set_passwords=False)
    seed_sample_reports()
    seed_sample_reports()  # seeding again adds no second request
    transfer = TransferRequest.objects.get()
    assert transfer.status == T.SUBMITTED
    assert transfer.sending_district.slug == "northvale"
    assert transfer.receiving_district.slug == "riverbend"
    users = get_user_model().objects
    northvale = users.get(username="transfer.northvale")
    riverbend = users.get(username="transfer.riverbend")
    url = f"/admin/transfers/{transfer.pk}/"

    steps = [
        (northvale, T.SENDING_REVIEW),
        (northvale, T.RELEASED),
        (riverbend, T.RECEIVING_REVIEW),
        (riverbend, T.ACCEPTED),
        (riverbend, T.RECORDS_REQUESTED),
        (northvale, T.RECORDS_SENT),
        (riverbend, T.ENROLLED),
    ]
    for user, status in steps:
        login_staff(client, user)
        transfer.refresh_from_db()  # the page the officer opened carries this version
        response = client.post(f"{url}status/", {"to_status": status, "version": transfer.version})
        assert response.status_code == 302, response.content.decode()[:500]
        if status == T.RECORDS_REQUESTED:
            assert client.post(f"{url}records/", {"kind": "transcript"}).status_code == 302
        if status == T.RECORDS_SENT:
            item = transfer.records.get()
            assert client.post(f"{url}records/{item.pk}/sent/").status_code == 302

    transfer.refresh_from_db()
    assert transfer.status == T.ENROLLED
    # The other demo district's transfer officer never sees it.
    login_staff(client, users.get(username="officer.eastfield"))
    assert client.get(url).status_code == 404
