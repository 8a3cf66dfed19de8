"""A reporter who began anonymously tells the district who they are, from the status page."""

import pytest

from cases.models import AuditEvent, IdentityDisclosure
from tests.factories import submit_report
from tests.reporting.portal import check_receipt

pytestmark = pytest.mark.django_db


def _signed_in_reporter(client, *, prefix: str = ""):
    result = submit_report()
    check_receipt(client, result.receipt, prefix=prefix)
    return result


def test_a_reporter_shares_their_name_and_is_told_who_will_see_it(client):
    result = _signed_in_reporter(client)

    page = client.get("/report/status/").content.decode()
    assert "Tell the district who you are" in page
    assert "only officers handling your case, after two of them agree" in page
    assert '<label for="id_name">Your name</label>' in page

    page = client.post(
        "/report/status/",
        {"action": "identity", "name": "Jordan Rivers", "email": "jr@example.org", "phone": ""},
    ).content.decode()

    assert "Your name was received." in page
    assert "Jordan Rivers" not in page  # never shown back to whoever holds the receipt
    disclosure = IdentityDisclosure.objects.get(report=result.report)
    assert (disclosure.name, disclosure.email, disclosure.phone) == (
        "Jordan Rivers",
        "jr@example.org",
        "",
    )
    shared = AuditEvent.objects.get(action="identity.shared")
    assert shared.at is None  # the day only, as for everything a reporter does
    assert "Jordan" not in str(shared.detail)


def test_a_second_submission_corrects_a_typo(client):
    result = _signed_in_reporter(client)
    client.post("/report/status/", {"action": "identity", "name": "Jordna Rivers"})

    page = client.post(
        "/report/status/", {"action": "identity", "name": "Jordan Rivers", "phone": "555 0100"}
    ).content.decode()

    assert "Your correction was received." in page
    disclosure = IdentityDisclosure.objects.get(report=result.report)
    assert (disclosure.name, disclosure.phone) == ("Jordan Rivers", "555 0100")
    assert disclosure.corrected_on is not None


def test_in_spanish_the_form_and_its_errors_are_translated_and_nothing_typed_is_lost(client):
    _signed_in_reporter(client, prefix="/es")

    page = client.post(
        "/es/report/status/",
        {"action": "identity", "name": "", "email": "not-an-address", "phone": "call me"},
    ).content.decode()

    assert "Diga al distrito quién es usted" in page
    assert "solo los encargados que atienden su caso" in page
    assert "Escriba su nombre." in page
    assert "Escriba un correo electrónico como nombre@ejemplo.org" in page
    assert "solo con dígitos, espacios" in page
    assert 'value="not-an-address"' in page
    assert 'value="call me"' in page
    assert 'aria-invalid="true"' in page
    assert not IdentityDisclosure.objects.exists()


def test_the_receipt_code_is_refused_in_the_name(client):
    result = _signed_in_reporter(client)

    page = client.post(
        "/report/status/", {"action": "identity", "name": f"Jordan {result.receipt}"}
    ).content.decode()

    assert "contains your receipt code" in page
    assert not IdentityDisclosure.objects.exists()


def test_a_signed_out_reporter_is_asked_for_the_receipt_and_nothing_is_stored(client):
    page = client.post(
        "/report/status/", {"action": "identity", "name": "Jordan Rivers"}
    ).content.decode()

    assert 'name="receipt"' in page
    assert "Jordan Rivers" not in page
    assert not IdentityDisclosure.objects.exists()
