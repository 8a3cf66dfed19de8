"""Audit events record who did what, and refuse free text."""

import pytest

from cases.models import AuditEvent
from cases.services.audit import UnsafeAuditDetail, record_audit_event
from tests.factories import DistrictFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_event_names_actor_action_object_and_time():
    district = DistrictFactory()
    officer = UserFactory()

    event = record_audit_event(
        action="district.rules_changed",
        actor=officer,
        target=district,
        district=district,
        detail={"field": "investigation_days", "to": 45},
    )

    event.refresh_from_db()
    assert (event.actor, event.actor_kind, event.action) == (
        officer,
        "staff",
        "district.rules_changed",
    )
    assert (event.target_type, event.target_id) == ("cases.district", str(district.pk))
    assert event.at is not None


def test_an_event_without_an_actor_is_the_system():
    assert record_audit_event(action="retention.dry_run").actor_kind == "system"


@pytest.mark.parametrize(
    "detail",
    [
        {"note": "My son was called a slur in the hallway"},
        {"contact": "parent@example.org and 555 0100"},
        {"nested": {"a": 1}},
        {"free text key": 1},
    ],
)
def test_free_text_never_reaches_the_audit_trail(detail):
    with pytest.raises(UnsafeAuditDetail):
        record_audit_event(action="case.note_added", detail=detail)
    assert not AuditEvent.objects.exists()


def test_an_event_keeps_its_actors_name_through_a_rename_and_a_deletion():
    officer = UserFactory(username="maria.lopez", first_name="María", last_name="López")
    event = record_audit_event(action="case.note_added", actor=officer)

    officer.username, officer.last_name = "maria.garcia", "García"
    officer.save()
    event.refresh_from_db()
    assert (event.actor_username, event.actor_name) == ("maria.lopez", "María López")

    officer.delete()
    event.refresh_from_db()
    assert (event.actor, event.actor_username, event.actor_name) == (
        None,
        "maria.lopez",
        "María López",
    )


def test_a_system_or_reporter_event_names_nobody():
    event = record_audit_event(action="report.submitted", actor_kind="reporter")
    assert (event.actor_username, event.actor_name) == ("", "")
