"""The index follows the cases after commit, rebuilds on demand, and never holds plaintext."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cases.selectors.cases import cases_for_user
from cases.services.messages import record_reporter_message
from jobs.models import OutboxMessage
from search.documents import case_document, cases_for_indexing
from search.models import CaseSearchToken
from search.selectors import search_case_queue
from search.topics import SEARCH_INDEX_CASE
from tests.factories import submit_report

pytestmark = pytest.mark.django_db

SECRETS = {
    "narrative": "Marisol Quintanilla was shoved by the trombone lockers.",
    "people_involved": "Deshawn Abernathy-Kowalski",
    "contact_email": "parent.quintanilla@example.org",
    "contact_phone": "555-0142",
    "contact_consent": True,
}
SECRET_WORDS = ["marisol", "quintanilla", "trombone", "deshawn", "abernathy", "555-0142"]


def test_a_new_report_is_searchable_once_its_transaction_commits(
    search_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit_report(school=search_world.school, **SECRETS).case

    assert OutboxMessage.objects.filter(topic=SEARCH_INDEX_CASE.code, payload__case=str(case.pk))
    officer = search_world.officer
    found = search_case_queue(
        user=officer, text="quintanilla", visible=cases_for_user(user=officer)
    )
    assert list(found) == [case]


def test_a_reporter_message_is_searchable_after_commit(
    search_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        intake = submit_report(school=search_world.school)
    with django_capture_on_commit_callbacks(execute=True):
        record_reporter_message(report=intake.report, body="The bus driver saw it too.")

    officer = search_world.officer
    found = search_case_queue(user=officer, text="bus driver", visible=cases_for_user(user=officer))
    assert list(found) == [intake.case]


def test_the_index_holds_tokens_and_structured_fields_but_no_plaintext(
    search_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        intake = submit_report(school=search_world.school, **SECRETS)
        record_reporter_message(report=intake.report, body="Marisol is scared of the trombone room")

    document = case_document(cases_for_indexing([intake.case.pk]).get())
    with connection.cursor() as cursor:
        cursor.execute("SELECT token, source FROM search_casesearchtoken")
        table = json.dumps(cursor.fetchall())
    indexed = json.dumps(document).casefold() + table.casefold()

    assert document["narrative_tokens"]
    assert document["people_tokens"]
    assert document["message_tokens"]
    for word in SECRET_WORDS:
        assert word not in indexed
    assert CaseSearchToken.objects.filter(case=intake.case).count() > 0


def test_the_indexed_case_holds_the_day_it_was_opened_never_a_time(search_world):
    intake = submit_report(school=search_world.school)
    record_reporter_message(report=intake.report, body="It happened again.")

    document = case_document(cases_for_indexing([intake.case.pk]).get())

    assert document["opened_on"] == timezone.localdate().isoformat()
    assert "opened_at" not in document
    assert all(
        value is None or "T" not in value
        for key, value in document.items()
        if key.endswith(("_on", "_due", "_date"))
    )


def test_manage_py_reindex_reports_progress_and_rebuilds(search_world):
    cases = [submit_report(school=search_world.school).case for _ in range(3)]
    assert not CaseSearchToken.objects.exists()  # written without the after-commit job
    output = StringIO()

    call_command("reindex", stdout=output)

    assert "Indexed 3 of 3 cases (100%)" in output.getvalue()
    assert "3 cases" in output.getvalue()
    assert set(CaseSearchToken.objects.values_list("case_id", flat=True)) == {
        case.pk for case in cases
    }
