"""Saving and deleting a saved search: what is kept (tokens, never words), who may, and why
a search is refused."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from alerts.models import SavedSearch
from alerts.services import MAX_SAVED_SEARCHES, create_saved_search, delete_saved_search
from cases.models import AuditEvent, BiasBasis
from privacy.blind_index import query_tokens
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _table(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{name}"')  # noqa: S608 - a fixed table name
        return json.dumps(cursor.fetchall(), default=str).casefold()


def test_a_saved_search_keeps_the_words_blind_index_tokens_and_never_the_words(world):
    saved = create_saved_search(
        owner=world.officer, label="Bus stop slurs", words="Trombone Quintanilla"
    )

    assert saved.tokens == query_tokens("Trombone Quintanilla")  # the search box's own tokens
    stored = _table("alerts_savedsearch") + _table("cases_auditevent")
    assert "trombone" not in stored
    assert "quintanilla" not in stored
    assert "bus stop slurs" in stored  # the label the officer chose is what they read back


def test_saving_and_deleting_are_audited_without_the_words_or_the_label(world):
    saved = create_saved_search(
        owner=world.officer, label="Locker room", words="trombone", school=world.school
    )
    saved_id = str(saved.pk)
    delete_saved_search(saved_search=saved, actor=world.officer)

    events = list(
        AuditEvent.objects.filter(target_type="alerts.savedsearch", target_id=saved_id).order_by(
            "pk"
        )
    )
    assert [event.action for event in events] == ["saved_search.created", "saved_search.deleted"]
    assert all(event.actor == world.officer for event in events)
    assert events[0].detail == {
        "words": 1,
        "school": world.school.pk,
        "bias_basis": None,
        "incident_type": None,
    }
    assert events[0].district == world.district
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    ("label", "words", "field", "message"),
    [
        ("A case", "NVU-2026-00012", "words", "case number"),
        ("Common", "the and of", "words", "too common"),
        ("Avery pushed", "avery", "label", "repeats one of the watched words"),
        ("   ", "trombone", "label", "Give the search a label"),
        ("Everything", "", "__all__", "at least one word or one filter"),
    ],
)
def test_a_search_that_could_never_alert_usefully_is_refused(world, label, words, field, message):
    with pytest.raises(ValidationError) as refused:
        create_saved_search(owner=world.officer, label=label, words=words)

    assert message in " ".join(refused.value.message_dict[field])
    assert not SavedSearch.objects.exists()


def test_filters_alone_make_a_saved_search(world):
    basis = BiasBasis.objects.get(code="religion")

    saved = create_saved_search(
        owner=world.officer,
        label="Religion at Cedar",
        words="",
        school=world.school,
        bias_basis=basis,
    )

    assert saved.tokens == []
    assert (saved.school, saved.bias_basis) == (world.school, basis)


def test_only_case_handlers_save_and_only_at_their_own_schools(world):
    with pytest.raises(PermissionDenied):
        create_saved_search(owner=UserFactory(), label="Nosy", words="trombone")
    with pytest.raises(PermissionDenied):
        create_saved_search(
            owner=world.officer, label="Elsewhere", words="trombone", school=world.far_school
        )
    with pytest.raises(PermissionDenied):  # a Lakeview officer does not handle Cedar's cases
        create_saved_search(
            owner=world.school_officer, label="Cedar", words="trombone", school=world.school
        )


def test_nobody_deletes_another_persons_saved_search(world):
    saved = create_saved_search(owner=world.officer, label="Mine", words="trombone")

    with pytest.raises(PermissionDenied):
        delete_saved_search(saved_search=saved, actor=world.administrator)

    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_one_person_keeps_a_bounded_number_of_saved_searches(world):
    for number in range(MAX_SAVED_SEARCHES):
        create_saved_search(owner=world.officer, label=f"Search {number}", words="trombone")

    with pytest.raises(ValidationError, match="Delete one first"):
        create_saved_search(owner=world.officer, label="One more", words="trombone")
