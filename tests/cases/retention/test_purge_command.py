"""`manage.py purge_expired_cases`: a dry run by default, and an explicit decision to delete."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.models import AuditEvent, Case, PurgedCase
from tests.cases.retention.factories import NARRATIVE, finished_case, years
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def run(*args, capture=None) -> str:
    out = StringIO()
    call_command("purge_expired_cases", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def opted_in():
    return DistrictFactory(slug="opted-in", purge_enabled=True)


@pytest.fixture
def opted_out():
    return DistrictFactory(slug="opted-out", purge_enabled=False)


def test_the_default_is_a_dry_run_that_lists_and_deletes_nothing(opted_in):
    old = finished_case(district=opted_in, closed_days_ago=years(8), with_everything=True)
    finished_case(district=opted_in, closed_days_ago=years(2))

    output = run()

    assert "Dry run" in output
    assert old.number in output
    assert "reports 1, evidence files 1, messages 1, notes 1" in output
    assert "1 case(s) past retention; 1 would be purged with --execute." in output
    assert Case.objects.count() == 2
    assert not PurgedCase.objects.exists()
    assert NARRATIVE not in output


def test_execute_purges_only_districts_that_turned_purge_on(
    opted_in, opted_out, django_capture_on_commit_callbacks
):
    purge_me = finished_case(district=opted_in, closed_days_ago=years(8))
    keep_me = finished_case(district=opted_out, closed_days_ago=years(8))

    assert "kept: the district has not turned on purge" in run()
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--execute")

    assert "Purged 1 case(s)." in output
    assert not Case.objects.filter(pk=purge_me.pk).exists()
    assert Case.objects.filter(pk=keep_me.pk).exists()
    assert PurgedCase.objects.get().number == purge_me.number
    assert AuditEvent.objects.filter(action="case.purged").count() == 1


def test_naming_a_district_purges_it_even_with_its_setting_off(opted_in, opted_out):
    keep_me = finished_case(district=opted_in, closed_days_ago=years(8))
    purge_me = finished_case(district=opted_out, closed_days_ago=years(8))

    run("--execute", "--district", "opted-out")

    assert not Case.objects.filter(pk=purge_me.pk).exists()
    assert Case.objects.filter(pk=keep_me.pk).exists()


def test_all_districts_purges_everywhere(opted_in, opted_out):
    finished_case(district=opted_in, closed_days_ago=years(8))
    finished_case(district=opted_out, closed_days_ago=years(8))

    output = run("--execute", "--all-districts")

    assert "Purged 2 case(s)." in output
    assert not Case.objects.exists()


def test_a_case_under_legal_hold_is_never_touched_and_the_run_says_so(opted_in):
    held = finished_case(district=opted_in, closed_days_ago=years(9), legal_hold=True)

    dry = run()
    real = run("--execute", "--all-districts")

    assert held.number not in dry + real
    assert "1 case(s) past retention are under legal hold and were not touched." in real
    assert Case.objects.filter(pk=held.pk).exists()
    assert held.reports.exists()


def test_an_unknown_district_is_a_clear_error_not_a_silent_no_op(opted_in):
    with pytest.raises(CommandError, match="No district with short name: nowhere"):
        run("--execute", "--district", "nowhere")


def test_district_and_all_districts_cannot_be_combined(opted_in):
    with pytest.raises(CommandError):
        run("--district", "opted-in", "--all-districts")


def test_nothing_due_is_a_calm_no_op(opted_in):
    assert "Purged 0 case(s)." in run("--execute")
