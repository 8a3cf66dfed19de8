"""The queue's CSV export: the listed columns of the cases the officer may handle, with the
queue's filters, and never a narrative, a person involved or a contact."""

import csv
import io

import pytest

from cases.models import Case
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

QUEUE = "/admin/cases/"
NARRATIVE = "Jordan Example pushed my son into the lockers and called him a slur."


def _rows(response) -> list[dict]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_holds_the_listed_columns_and_no_narrative(client, world):
    login_staff(client, world.staff["equity_officer"])
    intake = submit_report(school=world.school, narrative=NARRATIVE)

    rows = _rows(client.get(QUEUE, {"export": "csv"}))

    assert {row["Case"] for row in rows} == {world.case.number, intake.case.number}
    assert list(rows[0]) == [
        "Case",
        "School",
        "Status",
        "Priority",
        "Possible imminent harm",
        "Opened",
        "Due",
        "Overdue",
        "Unread replies",
        "Assigned to",
    ]
    flat = " ".join(" ".join(row.values()) for row in rows)
    for private in ("Jordan", "slur", "mocked my son"):
        assert private not in flat


def test_the_export_keeps_the_filters_and_the_officers_scope(client, world):
    submit_report(school=world.other_school)
    login_staff(client, world.staff["school_officer_same_school"])
    high = submit_report(school=world.school).case
    Case.objects.filter(pk=high.pk).update(status="triage")

    everything = _rows(client.get(QUEUE, {"export": "csv"}))
    triage = _rows(client.get(QUEUE, {"export": "csv", "status": "triage"}))

    assert {row["Case"] for row in everything} == {world.case.number, high.number}
    assert [row["Case"] for row in triage] == [high.number]


def test_the_filter_drawer_offers_the_queue_filters_and_narrows_the_list(client, world):
    login_staff(client, world.staff["equity_officer"])
    other = submit_report(school=world.other_school).case

    page = client.get(QUEUE).content.decode()
    narrowed = client.get(QUEUE, {"school": world.other_school.pk})

    assert 'id="filters-drilldown"' in page
    for name in ("status", "school", "basis", "incident_type", "assignee", "overdue", "sort"):
        assert f'name="{name}"' in page, name
    assert [case.number for case in narrowed.context["cases"]] == [other.number]
    assert str(world.other_school) in narrowed.content.decode()


@pytest.mark.parametrize("role", ["transfer_officer", "district_admin", "content_editor"])
def test_staff_who_handle_no_case_get_not_found_for_the_queue_and_its_export(client, world, role):
    login_staff(client, world.staff[role])

    for params in ({}, {"export": "csv"}):
        assert client.get(QUEUE, params).status_code == 404
    assert client.get(f"{QUEUE}results/").status_code == 404
