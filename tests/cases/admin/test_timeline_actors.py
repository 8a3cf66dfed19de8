"""The case timeline names who did what, even after the account is renamed or deleted.

Each audit event keeps its actor's username and full name as they were when they acted
(cases.services.audit), so an auditor reading a case still sees the officer who left.
"""

import re

import pytest
from django.urls import reverse

from cases.models import AuditEvent, Case
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _case_page(client, case) -> str:
    return client.get(reverse("cases_admin:detail", kwargs={"case_id": case.pk})).content.decode()


def _timeline(page: str) -> dict[str, str]:
    """Each action's label and the actor named beside its newest entry."""
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    entries = re.findall(
        r'<strong>([^<]*)</strong>.*?<span class="help">— ([^<]*)</span>', timeline, re.S
    )
    return dict(reversed(entries))


def _raise_priority(client, case) -> None:
    client.post(
        reverse("cases_admin:priority", kwargs={"case_id": case.pk}),
        {"priority": "4", "version": Case.objects.get(pk=case.pk).version},
    )


def test_a_deleted_officer_is_still_named_on_the_timeline(client, world):
    officer, coordinator = world.staff["equity_officer"], world.staff["title_ix"]
    login_staff(client, officer)
    _raise_priority(client, world.case)
    client.logout()

    officer.delete()
    login_staff(client, coordinator)
    page = _case_page(client, world.case)

    assert _timeline(page)["Priority changed"] == "Ana (officer, deleted)"
    event = AuditEvent.objects.get(action="case.priority_changed")
    assert (event.actor, event.actor_username, event.actor_name) == (None, "officer", "Ana")


def test_renaming_an_officer_does_not_rewrite_the_timeline(client, world):
    officer = world.staff["equity_officer"]
    login_staff(client, officer)
    _raise_priority(client, world.case)

    officer.first_name, officer.username = "Anabel", "anabel.ortiz"
    officer.save()
    page = _case_page(client, world.case)

    assert _timeline(page)["Priority changed"] == "Ana"
    assert _timeline(page)["Report read"] == "Anabel"  # read just now, under the new name
