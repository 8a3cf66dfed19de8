"""An officer keeps their saved searches on the "Saved searches" screen, and saves one from
the case queue's search box. Only their own: another person's answers 404, as does the whole
screen for staff who handle no case."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alerts.models import SavedSearch
from alerts.services import create_saved_search
from cases.models import AuditEvent, BiasBasis
from privacy.blind_index import query_tokens
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

INDEX = reverse("saved_searches:index")
ADD = reverse("saved_searches:add")
QUEUE = reverse("cases_admin:queue")


def _delete_url(saved) -> str:
    return reverse("saved_searches:delete", args=[saved.pk])


def test_an_officer_saves_the_queue_search_with_a_label_and_sees_it_listed(client, world):
    basis = BiasBasis.objects.get(code="race")
    login_staff(client, world.officer)

    queue = client.get(QUEUE, {"q": "trombone lockers", "basis": basis.pk}).content.decode()
    assert "Save this search" in queue
    assert f'formaction="{ADD}"' in queue
    # The button sends the queue's own search form to the save screen, which fills it in.
    form = client.get(ADD, {"q": "trombone lockers", "basis": basis.pk, "status": "new"})
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    page = form.content.decode()
    assert 'value="trombone lockers"' in page
    assert f'<option value="{basis.pk}" selected' in page
    assert "Never put a student" in page

    saved = client.post(
        ADD, {"label": "Band room", "words": "trombone lockers", "bias_basis": basis.pk}
    )

    assert saved.status_code == 302
    search = SavedSearch.objects.get(owner=world.officer)
    assert search.tokens == query_tokens("trombone lockers")
    listing = client.get(INDEX).content.decode()
    assert "Band room" in listing
    assert "2 words" in listing
    assert str(basis) in listing
    assert "trombone" not in listing  # never shown again: it is not kept


def test_a_refused_search_comes_back_with_what_was_typed_and_why(client, world):
    login_staff(client, world.officer)

    refused = client.post(ADD, {"label": "Avery again", "words": "Avery lockers"})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "repeats one of the watched words" in page
    assert 'value="Avery lockers"' in page
    assert 'value="Avery again"' in page
    assert not SavedSearch.objects.exists()


def test_the_list_shows_only_the_officers_own_saved_searches(client, world):
    create_saved_search(owner=world.officer, label="Mine", words="trombone")
    create_saved_search(owner=world.school_officer, label="Lakeview's", words="violin")
    login_staff(client, world.officer)

    listing = client.get(INDEX).content.decode()

    assert "Mine" in listing
    assert "Lakeview" not in listing


def test_an_officer_deletes_their_own_saved_search_after_confirming(client, world):
    saved = create_saved_search(owner=world.officer, label="Done with it", words="trombone")
    login_staff(client, world.officer)

    confirm = client.get(_delete_url(saved))
    assert confirm.status_code == 200
    assert "no longer be announced" in confirm.content.decode()
    deleted = client.post(_delete_url(saved))

    assert deleted.status_code == 302
    assert not SavedSearch.objects.exists()
    assert AuditEvent.objects.filter(action="saved_search.deleted", actor=world.officer).exists()


def test_another_persons_saved_search_is_a_404(client, world):
    theirs = create_saved_search(owner=world.school_officer, label="Theirs", words="trombone")
    login_staff(client, world.officer)

    assert client.get(_delete_url(theirs)).status_code == 404
    assert client.post(_delete_url(theirs)).status_code == 404
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()


def test_staff_who_handle_no_case_find_no_screen(client, world):
    login_staff(client, world.administrator)  # reads trends, handles no case

    assert client.get(INDEX).status_code == 404
    assert client.get(ADD).status_code == 404
    assert client.post(ADD, {"label": "x", "words": "trombone"}).status_code == 404
    assert not SavedSearch.objects.exists()


def test_the_menu_offers_saved_searches_to_case_handlers_only(client, world):
    login_staff(client, world.officer)
    assert INDEX in client.get(reverse("wagtailadmin_home")).content.decode()

    login_staff(client, world.administrator)
    assert INDEX not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_list_runs_the_same_number_of_queries_for_3_and_20_searches(client, world):
    login_staff(client, world.officer)
    case = submit_report(school=world.school).case

    def add_searches(count: int) -> None:
        for index in range(count):
            saved = create_saved_search(
                owner=world.officer, label=f"Search {index}", words="trombone", school=world.school
            )
            saved.matches.create(case=case, delivery="email")

    def queries() -> tuple[int, int]:
        client.get(INDEX)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(INDEX)
        return len(captured), len(response.context["object_list"])

    add_searches(3)
    few, shown_few = queries()
    SavedSearch.objects.all().delete()
    add_searches(20)
    many, shown_many = queries()

    assert (shown_few, shown_many) == (3, 20)
    assert many == few
