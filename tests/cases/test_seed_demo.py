"""A newcomer seeds the demo twice and gets the same organisation, with fresh logins."""

import pytest
from django.core.management import call_command

from cases.models import BiasBasis, District, IncidentType, School, StaffMembership

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_logins_in_development(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    second = capsys.readouterr().out

    assert District.objects.count() == 3
    assert School.objects.count() == 12
    assert StaffMembership.objects.filter(
        user__username="officer.cedar", school__isnull=False
    ).exists()
    assert "officer.northvale" in first
    assert "officer.northvale" in second
    assert first != second  # new passwords each run


def test_outside_development_no_password_is_printed_or_usable(settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo")
    out = capsys.readouterr().out
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="officer.northvale")
    assert not officer.has_usable_password()
    assert "no usable password" in out


def test_taxonomy_is_seeded_with_crdc_aligned_defaults():
    assert IncidentType.objects.filter(code="retaliation").exists()
    sex = BiasBasis.objects.get(code="sex")
    assert sex.crdc_category == "sex"
    assert BiasBasis.objects.get(code="national_origin").crdc_category == "race"
    assert BiasBasis.objects.get(code="other").crdc_category == ""
