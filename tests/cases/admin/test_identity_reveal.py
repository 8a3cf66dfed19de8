"""An identity a reporter shared is seen only after two officers handling the case agree.

Officer A asks with a reason, A cannot approve their own request, officer B approves; then A
and B see the name, every step and view is in the audit trail, never the name itself."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.urls import reverse

from cases.models import AuditEvent, IdentityDisclosure, IdentityRevealRequest, RevealStatus
from cases.services.identity import share_identity
from cases.services.identity_reveal import decide_identity_reveal, request_identity_reveal
from tests.factories import UserFactory
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

NAME = "Marisol Quintanilla"


@pytest.fixture
def shared(world):
    share_identity(report=world.report, name=NAME, email="mq@example.org", phone="555 0142")
    return IdentityDisclosure.objects.get(report=world.report)


def _case_page(client, world) -> str:
    return client.get(reverse("cases_admin:detail", args=[world.case.pk])).content.decode()


def _ask(client, world, disclosure, reason="The family asked us to call back."):
    url = reverse("cases_admin:request_identity_reveal", args=[world.case.pk, disclosure.pk])
    return client.post(url, {"reason": reason})


def _decide(client, world, reveal, decision="approve"):
    url = reverse("cases_admin:decide_identity_reveal", args=[world.case.pk, reveal.pk])
    return client.post(url, {"decision": decision}, follow=True)


def test_two_officers_agree_before_the_name_shows_and_every_step_is_audited(client, world, shared):
    officer_a, officer_b = world.staff["equity_officer"], world.staff["title_ix"]
    login_staff(client, officer_a)

    page = _case_page(client, world)
    assert "The reporter has shared their identity" in page
    assert NAME not in page
    assert "mq@example.org" not in page

    assert _ask(client, world, shared).status_code == 302
    reveal = IdentityRevealRequest.objects.get()
    own = _decide(client, world, reveal).content.decode()
    assert "A different officer must decide on your own request." in own
    assert NAME not in own
    reveal.refresh_from_db()
    assert reveal.status == RevealStatus.PENDING
    assert "Approve: show the identity" not in _case_page(client, world)

    login_staff(client, officer_b)
    page = _case_page(client, world)
    assert "The family asked us to call back." in page  # B reads the reason before deciding
    approved = _decide(client, world, reveal).content.decode()
    assert NAME in approved
    assert "555 0142" in approved

    login_staff(client, officer_a)
    page = _case_page(client, world)
    assert NAME in page
    assert "Identity reveal approved" in page  # on the case timeline
    login_staff(client, world.staff["school_officer_same_school"])
    assert NAME not in _case_page(client, world)  # handles the case, took no part

    events = AuditEvent.objects.filter(action__startswith="identity.").order_by("id")
    assert [event.action for event in events] == [
        "identity.shared",
        "identity.reveal_requested",
        "identity.reveal_approved",
        "identity.viewed",  # B, on the page after approving
        "identity.viewed",  # A
    ]
    details = " ".join(
        str(d)
        for d in AuditEvent.objects.filter(action__startswith="identity.").values_list(
            "detail", flat=True
        )
    )
    for secret in ("Marisol", "mq@", "0142"):
        assert secret not in details


def test_a_refused_request_shows_nothing(client, world, shared):
    reveal = request_identity_reveal(
        case=world.case, disclosure=shared, requester=world.staff["equity_officer"], reason="Why"
    )
    login_staff(client, world.staff["title_ix"])

    page = _decide(client, world, reveal, decision="refuse").content.decode()

    assert "Request refused." in page
    assert NAME not in page
    assert AuditEvent.objects.filter(action="identity.reveal_refused").count() == 1


def test_a_request_is_decided_once(world, shared):
    """The claim is one conditional UPDATE: a second approval finds nothing pending."""
    reveal = request_identity_reveal(
        case=world.case, disclosure=shared, requester=world.staff["equity_officer"], reason="Why"
    )
    decide_identity_reveal(
        case=world.case, reveal=reveal, decider=world.staff["title_ix"], approve=True
    )

    with pytest.raises(ValidationError, match="already decided"):
        decide_identity_reveal(
            case=world.case,
            reveal=reveal,
            decider=world.staff["school_officer_same_school"],
            approve=True,
        )
    assert AuditEvent.objects.filter(action="identity.reveal_approved").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_approving_at_the_same_moment_make_one_approval(world):
    """Real threads, one database connection each, released together by a barrier."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent writers); run with DATABASE_URL=postgres://...")
    share_identity(report=world.report, name=NAME)
    reveal = request_identity_reveal(
        case=world.case,
        disclosure=IdentityDisclosure.objects.get(report=world.report),
        requester=world.staff["equity_officer"],
        reason="Why",
    )
    deciders = [world.staff["title_ix"], world.staff["school_officer_same_school"]]
    barrier = threading.Barrier(len(deciders))
    outcomes = []

    def approve(decider):
        try:
            barrier.wait()
            decide_identity_reveal(case=world.case, reveal=reveal, decider=decider, approve=True)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("already decided")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(decider,)) for decider in deciders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already decided", "approved"]
    assert AuditEvent.objects.filter(action="identity.reveal_approved").count() == 1


def test_a_superuser_without_a_case_role_can_neither_ask_nor_approve(world, shared):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    reveal = request_identity_reveal(
        case=world.case, disclosure=shared, requester=world.staff["equity_officer"], reason="Why"
    )

    with pytest.raises(PermissionDenied):
        request_identity_reveal(case=world.case, disclosure=shared, requester=superuser, reason="x")
    with pytest.raises(PermissionDenied):
        decide_identity_reveal(case=world.case, reveal=reveal, decider=superuser, approve=True)
    reveal.refresh_from_db()
    assert reveal.status == RevealStatus.PENDING


def test_an_officer_of_another_district_gets_not_found(client, world, shared):
    login_staff(client, world.staff["other_district_officer"])

    response = _ask(client, world, shared)

    assert response.status_code == 404
    assert not IdentityRevealRequest.objects.exists()


def test_the_database_column_holds_no_plaintext_name(world, shared):
    table = IdentityDisclosure._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, email, phone FROM {table}")  # noqa: S608 - model's table
        stored = " ".join(str(value) for value in cursor.fetchone())

    for secret in ("Marisol", "mq@example.org", "0142"):
        assert secret not in stored


def test_a_request_without_a_reason_is_refused_and_nothing_is_asked(client, world, shared):
    login_staff(client, world.staff["equity_officer"])

    response = _ask(client, world, shared, reason="   ")

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not IdentityRevealRequest.objects.exists()
