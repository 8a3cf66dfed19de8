"""Audit events written before cases migration 0011 take their actor's names from the
account as it is then; an event whose account was already gone stays nameless."""

import pytest

from cases.models import AuditEvent
from cases.selectors.timeline import actor_label
from cases.services.audit import record_audit_event
from tests.factories import UserFactory
from tests.migrations.executor import migrate, migrate_to_latest

BEFORE = [("cases", "0010_arrival_days")]
AFTER = [("cases", "0011_auditevent_actor_names")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("latest_schema_afterwards")
def test_existing_events_take_their_actors_names():
    officer = UserFactory(username="maria.lopez", first_name="María", last_name="López")
    coordinator = UserFactory(username="dana.kim", first_name="", last_name="")
    for actor in (officer, officer, coordinator, None):
        record_audit_event(action="case.note_added", actor=actor)

    migrate(BEFORE)
    migrate(AFTER)

    names = list(AuditEvent.objects.order_by("id").values_list("actor_username", "actor_name"))
    assert names == [
        ("maria.lopez", "María López"),
        ("maria.lopez", "María López"),
        ("dana.kim", ""),
        ("", ""),
    ]
    migrate_to_latest()  # the models below are today's
    officer.delete()
    labels = [actor_label(event=event) for event in AuditEvent.objects.order_by("id")]
    assert labels == ["María López (maria.lopez, deleted)"] * 2 + ["dana.kim", "System"]
