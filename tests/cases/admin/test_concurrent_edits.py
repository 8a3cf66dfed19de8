"""Two officers have the same case page open. The first save wins; the second is refused with
a message showing what the first one saved, the second officer's typed text stays in the form,
and nothing the first one saved is overwritten."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from cases.models import AuditEvent, Case
from tests.staff import login_staff

ANA_TEXT = "Ana wrote: the slurs at lunch were substantiated by two witnesses."
BEN_TEXT = "Ben wrote: the lunch monitor saw nothing on the days reported."


def _url(name, case):
    return reverse(f"cases_admin:{name}", kwargs={"case_id": case.pk})


def _client_for(user) -> Client:
    client = Client()
    login_staff(client, user)
    return client


def _open_page(client, case) -> int:
    """Open the case page the way an officer does; return the version its forms carry."""
    page = client.get(_url("detail", case)).content.decode()
    versions = set(re.findall(r'name="version" value="(\d+)"', page))
    assert len(versions) == 1, versions  # every edit form is built from the same version
    return int(versions.pop())


def _findings(version: int, text: str) -> dict:
    return {"findings": text, "actions_taken": "", "version": version}


@pytest.fixture
def ana_and_ben(world):
    return (
        _client_for(world.staff["equity_officer"]),
        _client_for(world.staff["title_ix"]),
    )


@pytest.mark.django_db
def test_the_second_findings_save_is_refused_showing_the_first_and_keeping_the_typed_text(
    world, ana_and_ben
):
    ana, ben = ana_and_ben
    ana_opened, ben_opened = _open_page(ana, world.case), _open_page(ben, world.case)

    saved = ana.post(_url("findings", world.case), _findings(ana_opened, ANA_TEXT))
    refused = ben.post(_url("findings", world.case), _findings(ben_opened, BEN_TEXT))

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Someone else saved this case while you were editing the findings" in page
    assert "your text is kept in the form" in page
    banner = page.split('id="findings-saved-by-someone-else"', 1)[1].split("</div>", 1)[0]
    assert ANA_TEXT in banner  # the newer text, shown
    assert re.search(r"<textarea[^>]*findings[^>]*>\s*" + re.escape(BEN_TEXT), page)  # kept
    assert Case.objects.get(pk=world.case.pk).findings == ANA_TEXT
    assert AuditEvent.objects.filter(action="case.findings_recorded").count() == 1


@pytest.mark.django_db
def test_having_seen_the_other_text_the_officer_can_deliberately_save_theirs(world, ana_and_ben):
    ana, ben = ana_and_ben
    opened = _open_page(ana, world.case)
    ana.post(_url("findings", world.case), _findings(opened, ANA_TEXT))
    refused = ben.post(_url("findings", world.case), _findings(opened, BEN_TEXT))

    # The refused page's form now carries the newer version: saving again is informed.
    hidden = re.search(r'<input[^>]*id="id_findings_version"[^>]*>', refused.content.decode())[0]
    newer = int(re.search(r'value="(\d+)"', hidden)[1])
    again = ben.post(_url("findings", world.case), _findings(newer, BEN_TEXT))

    assert again.status_code == 302
    assert Case.objects.get(pk=world.case.pk).findings == BEN_TEXT
    assert AuditEvent.objects.filter(action="case.findings_recorded").count() == 2


@pytest.mark.django_db
def test_a_status_move_from_an_old_page_is_refused_and_names_the_new_status(world, ana_and_ben):
    ana, ben = ana_and_ben
    ana_opened, ben_opened = _open_page(ana, world.case), _open_page(ben, world.case)

    ana.post(_url("change_status", world.case), {"to_status": "triage", "version": ana_opened})
    refused = ben.post(
        _url("change_status", world.case), {"to_status": "withdrawn", "version": ben_opened}
    )

    assert refused.status_code == 409
    assert "it is now Triage" in refused.content.decode()
    assert Case.objects.get(pk=world.case.pk).status == "triage"
    assert AuditEvent.objects.filter(action="case.status_changed").count() == 1


@pytest.mark.django_db
def test_assignment_and_priority_from_an_old_page_are_refused(world, ana_and_ben):
    ana, ben = ana_and_ben
    ana_opened, ben_opened = _open_page(ana, world.case), _open_page(ben, world.case)
    colleague = world.staff["school_officer_same_school"]

    ana.post(_url("assign", world.case), {"assignee": colleague.pk, "version": ana_opened})
    priority = ben.post(_url("priority", world.case), {"priority": "1", "version": ben_opened})
    assign = ben.post(
        _url("assign", world.case),
        {"assignee": world.staff["title_ix"].pk, "version": ben_opened},
    )

    assert priority.status_code == 409
    assert "its priority is now Normal" in priority.content.decode()
    assert assign.status_code == 409
    assert "it is now assigned to cedar.officer" in assign.content.decode()
    case = Case.objects.get(pk=world.case.pk)
    assert case.assignee == colleague
    assert case.priority == 2
    assert AuditEvent.objects.filter(action="case.priority_changed").count() == 0


@pytest.mark.django_db
def test_a_form_without_its_version_is_refused_and_keeps_the_typed_text(world, ana_and_ben):
    ana, _ = ana_and_ben

    response = ana.post(_url("findings", world.case), {"findings": ANA_TEXT, "actions_taken": ""})

    assert response.status_code == 400
    assert "This form is out of date: reload the page and try again." in response.content.decode()
    assert ANA_TEXT in response.content.decode()
    assert Case.objects.get(pk=world.case.pk).findings == ""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_pressing_save_findings_at_the_same_moment(world):
    """Real threads, one database connection each, released together by a barrier."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks); run with DATABASE_URL=postgres://...")
    officers = {ANA_TEXT: world.staff["equity_officer"], BEN_TEXT: world.staff["title_ix"]}
    clients = {text: _client_for(user) for text, user in officers.items()}
    opened = {text: _open_page(client, world.case) for text, client in clients.items()}
    barrier = threading.Barrier(len(clients))
    responses = {}

    def save(text):
        try:
            barrier.wait()
            responses[text] = clients[text].post(
                _url("findings", world.case), _findings(opened[text], text)
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(text,)) for text in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(response.status_code for response in responses.values())
    assert codes == [302, 409]
    winner = next(text for text, response in responses.items() if response.status_code == 302)
    loser = next(text for text in clients if text != winner)
    page = responses[loser].content.decode()
    banner = page.split('id="findings-saved-by-someone-else"', 1)[1].split("</div>", 1)[0]
    assert winner in banner
    assert re.search(r"<textarea[^>]*findings[^>]*>\s*" + re.escape(loser), page)
    assert Case.objects.get(pk=world.case.pk).findings == winner
    assert AuditEvent.objects.filter(action="case.findings_recorded").count() == 1
