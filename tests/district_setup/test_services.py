"""The services check who acts, whatever screen or script calls them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import AuditEvent, District, DistrictBiasBasis
from cases.services.audit import UnsafeAuditDetail, record_audit_event
from cases.services.taxonomy import ensure_taxonomy_entries
from district_setup.services import (
    create_district,
    update_district,
    update_school,
    update_taxonomy_entry,
)

pytestmark = pytest.mark.django_db


def test_only_the_operator_creates_a_district(world):
    with pytest.raises(PermissionDenied):
        create_district(
            actor=world.administrator,
            values={"name": "Westbrook", "slug": "westbrook", "code": "WBU"},
            closures=[],
        )
    assert not District.objects.filter(slug="westbrook").exists()


def test_nobody_changes_a_district_they_do_not_administer(world):
    with pytest.raises(PermissionDenied):
        update_district(
            actor=world.administrator,
            district=world.other_district,
            values={"retention_years": 1},
            closures=[],
        )
    with pytest.raises(PermissionDenied):
        update_school(actor=world.officer, school=world.school, values={"active": False})
    world.other_district.refresh_from_db()
    assert world.other_district.retention_years == 7
    assert not AuditEvent.objects.filter(action__startswith="district.").exists()


def test_labels_only_in_the_sites_languages(world):
    ensure_taxonomy_entries(district=world.district)
    entry = DistrictBiasBasis.objects.get(district=world.district, choice__code="race")

    with pytest.raises(ValidationError):
        update_taxonomy_entry(
            actor=world.administrator, entry=entry, labels={"xx": "Raza"}, order=0, active=True
        )


def test_saving_unchanged_settings_writes_no_audit_event(world):
    update_district(
        actor=world.administrator,
        district=world.district,
        values={"retention_years": world.district.retention_years},
        closures=[],
    )

    assert not AuditEvent.objects.filter(action="district.settings_changed").exists()


def test_a_settings_change_cannot_smuggle_a_paragraph_into_the_audit_trail():
    with pytest.raises(UnsafeAuditDetail):
        record_audit_event(action="district.settings_changed", changes={"name": ("a", "x" * 500)})
    with pytest.raises(UnsafeAuditDetail):
        record_audit_event(action="district.settings_changed", changes={"name": ("a", "b\nc")})


def test_the_first_day_of_taking_reports_is_set_on_screen_and_audited_as_a_date(world):
    """Staff-entered intake refuses reports received before this day; the administrator sets it."""
    update_district(
        actor=world.administrator,
        district=world.district,
        values={"established_on": date(2024, 8, 1)},
        closures=[],
    )

    world.district.refresh_from_db()
    assert world.district.established_on == date(2024, 8, 1)
    event = AuditEvent.objects.get(action="district.settings_changed")
    assert event.detail["changes"]["established_on"] == {"before": None, "after": "2024-08-01"}
