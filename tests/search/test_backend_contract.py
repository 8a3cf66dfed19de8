"""The behaviour every search backend shares, run on each configured backend.

The database backend always runs; Elasticsearch runs wherever ELASTICSEARCH_URL points at a
cluster (and is skipped, with that reason, everywhere else).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case, CaseStatus
from cases.services.messages import record_reporter_message
from cases.services.retention import purge_case
from cases.services.workflow import change_case_status
from search.backends import CaseQuery
from tests.factories import submit_report

pytestmark = pytest.mark.django_db


def _numbers(backend, user, **query) -> set[str]:
    return set(backend.search(user=user, query=CaseQuery(**query)).values_list("number", flat=True))


def _report(backend, **overrides):
    intake = submit_report(**overrides)
    backend.index_cases([intake.case.pk])
    return intake.case


def test_an_officer_finds_a_case_by_a_word_only_in_its_encrypted_narrative(backend, search_world):
    case = _report(
        backend,
        school=search_world.school,
        narrative="Someone scratched a swastika into the trombone locker.",
    )
    _report(backend, school=search_world.school, narrative="They mocked his accent at lunch.")

    assert _numbers(backend, search_world.officer, text="Trombone") == {case.number}
    assert _numbers(backend, search_world.officer, text="trombones locker") == {case.number}


def test_an_officer_of_another_district_does_not_find_it(backend, search_world):
    _report(backend, school=search_world.school, narrative="The trombone locker again.")

    assert _numbers(backend, search_world.stranger, text="trombone") == set()


def test_a_school_level_officer_finds_only_their_schools_cases(backend, search_world):
    _report(backend, school=search_world.school, narrative="Trombone case one.")
    theirs = _report(backend, school=search_world.other_school, narrative="Trombone case two.")

    assert _numbers(backend, search_world.school_officer, text="trombone") == {theirs.number}


def test_people_involved_and_reporter_messages_are_searchable(backend, search_world):
    case = _report(
        backend, school=search_world.school, people_involved="A boy called Quentin Marsh"
    )
    record_reporter_message(report=case.reports.get(), body="It happened again near the gym.")
    backend.index_cases([case.pk])

    assert _numbers(backend, search_world.officer, text="quentin") == {case.number}
    assert _numbers(backend, search_world.officer, text="gym") == {case.number}
    assert _numbers(backend, search_world.officer, text="gym quentin") == {case.number}
    assert _numbers(backend, search_world.officer, text="gym orchestra") == set()


def test_the_case_number(backend, search_world):
    race = _report(backend, school=search_world.school, narrative="Trombone.")
    _report(backend, school=search_world.other_school, narrative="Trombone.")
    officer = search_world.officer

    assert _numbers(backend, officer, text=race.number) == {race.number}
    assert _numbers(backend, search_world.stranger, text=race.number) == set()


def test_a_rebuild_finds_everything_again_and_a_purge_forgets_the_case(backend, search_world):
    case = submit_report(school=search_world.school, narrative="Trombone locker.").case
    assert _numbers(backend, search_world.officer, text="trombone") == set()  # not yet indexed

    assert backend.rebuild() == Case.objects.count()
    assert _numbers(backend, search_world.officer, text="trombone") == {case.number}

    for status in (CaseStatus.TRIAGE, CaseStatus.WITHDRAWN):
        case = change_case_status(
            case=case, to_status=status, actor=search_world.officer, expected_version=case.version
        )
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=3650))
    purge_case(case=Case.objects.get(pk=case.pk), actor=search_world.officer)
    backend.delete_cases([case.pk])

    assert _numbers(backend, search_world.officer, text="trombone") == set()


def test_only_common_words_find_nothing_rather_than_everything(backend, search_world):
    _report(backend, school=search_world.school)

    assert _numbers(backend, search_world.officer, text="the and of") == set()
