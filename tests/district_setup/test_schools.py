"""A district administrator adds schools and deactivates one: it leaves the report form, its
cases stay."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AuditEvent, Case, School, SchoolGradeBand
from reporting.forms.steps import WhereForm
from tests.factories import SchoolFactory, submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

INDEX = reverse("schools:index")
ADD = reverse("schools:add")


def _edit(school) -> str:
    return reverse("schools:edit", args=[school.pk])


def _offered_schools() -> set[str]:
    choices = WhereForm().fields["school"].choices[1:]
    return {name for _group, schools in choices for _pk, name in schools}


def test_the_administrator_adds_three_schools_to_their_district(client, world):
    login_staff(client, world.administrator)

    for name, slug, band in [
        ("Birch Elementary", "birch", SchoolGradeBand.ELEMENTARY),
        ("Maple Middle", "maple", SchoolGradeBand.MIDDLE),
        ("Oak High", "oak", SchoolGradeBand.HIGH),
    ]:
        added = client.post(
            ADD,
            {
                "district": world.district.pk,
                "name": name,
                "slug": slug,
                "grade_band": band,
                "active": "on",
            },
        )
        assert added.status_code == 302

    assert {"Birch Elementary", "Maple Middle", "Oak High"} <= _offered_schools()
    assert School.objects.get(slug="oak").grade_band == SchoolGradeBand.HIGH
    event = AuditEvent.objects.filter(action="school.created").latest("pk")
    assert event.actor == world.administrator
    assert event.detail["changes"]["name"] == {"before": None, "after": "Oak High"}
    assert "Oak High" in client.get(INDEX).content.decode()


def test_deactivating_a_school_takes_it_off_the_report_form_and_keeps_its_cases(client, world):
    case = submit_report(school=world.school).case
    login_staff(client, world.administrator)

    saved = client.post(_edit(world.school), {"name": world.school.name, "slug": world.school.slug})

    assert saved.status_code == 302
    world.school.refresh_from_db()
    assert world.school.active is False
    assert world.school.name not in _offered_schools()
    assert Case.objects.filter(pk=case.pk, school=world.school).exists()
    event = AuditEvent.objects.get(action="school.deactivated")
    assert event.detail["changes"]["active"] == {"before": True, "after": False}


def test_a_short_name_taken_in_the_district_is_refused_in_words_keeping_the_form(client, world):
    login_staff(client, world.administrator)

    refused = client.post(
        ADD, {"district": world.district.pk, "name": "Cedar Annex", "slug": "cedar"}
    )

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Another school of this district has this short name." in page
    assert 'value="Cedar Annex"' in page


def test_another_districts_schools_are_out_of_reach(client, world):
    login_staff(client, world.administrator)

    assert "Hill Middle" not in client.get(INDEX).content.decode()
    assert client.get(_edit(world.far_school)).status_code == 404
    refused = client.post(
        ADD, {"district": world.other_district.pk, "name": "Sneaky", "slug": "sneaky"}
    )
    assert refused.status_code == 200
    assert "Choose one of the districts you administer." in refused.content.decode()
    assert not School.objects.filter(slug="sneaky").exists()


def test_an_officer_gets_404(client, world):
    login_staff(client, world.officer)

    for url in (INDEX, ADD, _edit(world.school)):
        assert client.get(url).status_code == 404


def test_the_school_list_costs_the_same_queries_whatever_its_length(
    client, world, django_assert_max_num_queries
):
    login_staff(client, world.administrator)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    SchoolFactory.create_batch(30, district=world.district)
    with django_assert_max_num_queries(len(few)):
        assert client.get(INDEX).status_code == 200
