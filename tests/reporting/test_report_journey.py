"""A parent files a report with a photo, leaves, comes back with the receipt, reads the
officer's question and answers it."""

import pytest

from cases.models import AuditEvent, MessageDirection, Report, ReporterMessage
from cases.services.messages import send_message_to_reporter
from tests.evidence_files import pdf_with_author
from tests.factories import SchoolFactory, staff_user
from tests.reporting.portal import STATUS_TOKEN_RE, Reporter, good_answers, small_png

pytestmark = pytest.mark.django_db


def test_a_parent_reports_with_a_file_and_later_answers_the_officer(client):
    school = SchoolFactory()
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(good_answers(school), files=[small_png()])
    assert "photo.png" in reporter.html()  # the review lists the file

    reporter.submit()
    page = reporter.html()
    assert "Your receipt code" in page
    assert "cannot" in page
    assert "recover" in page
    receipt = reporter.receipt()

    report = Report.objects.get()
    assert report.school == school
    assert report.language == "en"
    assert report.transfer_interest == "considering"
    assert report.narrative == "Zephyrine was mocked for her hijab every lunch."
    assert report.contact["email"] == "nightowl.parent@example.org"
    assert report.evidence.count() == 1
    assert report.evidence.get().meta["content_type"] == "image/png"

    download = client.post("/report/receipt/", {"receipt": receipt})
    assert download["Content-Disposition"].startswith("attachment")
    assert receipt in download.content.decode()

    client.cookies.clear()  # the reporter closes the browser
    officer = staff_user(district=school.district)
    send_message_to_reporter(report=report, body="Which days did this happen?", author=officer)

    page = client.get("/report/status/").content.decode()
    assert "Your receipt code" in page
    token = STATUS_TOKEN_RE.search(page).group(1)
    response = client.post("/report/status/", {"receipt": receipt, "token": token})
    assert response.status_code == 302
    page = client.get("/report/status/").content.decode()
    assert "Received" in page
    assert "Which days did this happen?" in page

    client.post("/report/status/", {"action": "reply", "body": "Mondays, mostly."})
    reply = ReporterMessage.objects.get(direction=MessageDirection.FROM_REPORTER)
    assert reply.body == "Mondays, mostly."
    assert "Mondays, mostly." in client.get("/report/status/").content.decode()
    assert ReporterMessage.objects.get(direction="to_reporter").read_on is not None

    client.post("/report/status/", {"action": "evidence", "files": [small_png("later.png")]})
    assert report.evidence.count() == 2
    assert AuditEvent.objects.filter(action="evidence.added_by_reporter").exists()

    client.post("/report/status/", {"action": "leave"})
    assert "Your receipt code" in client.get("/report/status/").content.decode()


def test_going_back_and_forward_keeps_every_answer_even_invalid_ones(client):
    school = SchoolFactory()
    reporter = Reporter(client)
    reporter.start()
    answers = good_answers(school)
    reporter.post("what", **answers["what"])
    reporter.post("where", **{**answers["where"], "incident_date": "not a date"})
    assert "Enter a date like 2025-03-14" in reporter.html()
    assert 'value="not a date"' in reporter.html()

    reporter.post("where", nav="back", **{**answers["where"], "incident_date": "still typing"})
    page = reporter.html()
    assert 'value="harassment"' in page
    assert "checked" in page
    reporter.post("what", **answers["what"])
    assert 'value="still typing"' in reporter.html()


def test_errors_are_listed_first_linked_to_their_fields(client):
    reporter = Reporter(client)
    reporter.start()
    reporter.post("what")
    page = reporter.html()
    assert 'id="error-summary"' in page
    assert "autofocus" in page
    assert 'href="#id_incident_types"' in page
    assert 'id="id_incident_types-error"' in page
    assert 'aria-describedby="id_incident_types-error"' in page
    assert "Choose at least one kind of incident." in page


def test_contact_details_need_explicit_consent(client):
    reporter = Reporter(client)
    reporter.start()
    reporter.post("contact", contact_email="me@example.org")
    assert "Tick this box to let the district contact you" in reporter.html()
    assert 'value="me@example.org"' in reporter.html()


def test_a_school_must_belong_to_the_chosen_district(client):
    school, elsewhere = SchoolFactory(), SchoolFactory()
    reporter = Reporter(client)
    reporter.start()
    reporter.post(
        "where", district=str(elsewhere.district_id), school=str(school.pk), location_type="bus"
    )
    assert "This school is not in the district you chose." in reporter.html()


def test_sending_with_a_missing_answer_returns_to_that_step_with_nothing_lost(client):
    answers = good_answers()
    del answers["story"]
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(answers)
    reporter.submit()
    assert "Tell us what happened, even in a few words." in reporter.html()
    assert Report.objects.count() == 0
    reporter.post("story", narrative="Now I remember.")
    reporter.fill_all({k: v for k, v in answers.items() if k in ("transfer", "contact")})
    reporter.submit()
    assert Report.objects.get().people_involved == "Avery Quill from homeroom"


def test_sending_with_two_steps_to_fix_returns_to_the_first_one_as_it_was_typed(client):
    answers = good_answers()
    answers["where"]["incident_date"] = "2099-01-01"
    del answers["story"]
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(answers)
    reporter.submit()
    page = reporter.html()
    assert "Step 2 of 8" in page
    assert "needs your attention before you send the report" in page
    assert "The date cannot be in the future." in page
    assert 'value="2099-01-01"' in page

    reporter.post("where", nav="stay", **{**answers["where"], "incident_date": ""})
    reporter.submit()
    assert "Tell us what happened, even in a few words." in reporter.html()
    assert Report.objects.count() == 0


def test_the_file_type_comes_from_the_content_not_the_name(client):
    from reporting.models import DraftEvidence

    reporter = Reporter(client)
    reporter.start()
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("holiday.png", b"MZ\x90\x00 not really a picture", "image/png")
    reporter.post("evidence", files=[fake])
    page = reporter.html()
    assert "holiday.png: This kind of file is not accepted." in page
    assert "Step 5 of 8" in page  # the reporter stays on the evidence step

    pdf = SimpleUploadedFile("notes.txt", pdf_with_author(), "text/plain")
    reporter.post("evidence", files=[pdf])
    assert "Step 6 of 8" in reporter.html()
    assert DraftEvidence.objects.get().meta["content_type"] == "application/pdf"


def test_a_file_can_be_removed_before_sending(client):
    reporter = Reporter(client)
    reporter.start()
    reporter.post("evidence", nav="stay", files=[small_png("oops.png")])
    assert "oops.png" in reporter.html()
    from reporting.models import DraftEvidence

    staged = DraftEvidence.objects.get()
    reporter.post("evidence", nav=f"remove:{staged.pk}")
    assert DraftEvidence.objects.count() == 0


def test_an_expired_draft_is_gone_and_the_reporter_is_told(client, settings):
    settings.REPORTING_DRAFT_SECONDS = -1
    reporter = Reporter(client)
    reporter.start()
    reporter.post("what", incident_types=["harassment"], bias_bases=["race"])
    assert "Your unfinished report was deleted" in reporter.html()


def test_purging_deletes_expired_drafts_and_their_files(client, settings):
    from django.core.management import call_command

    from reporting.models import DraftEvidence, ReportDraft

    reporter = Reporter(client)
    reporter.start()
    reporter.post("evidence", nav="stay", files=[small_png()])
    staged = DraftEvidence.objects.get()
    storage, name = staged.file.storage, staged.file.name
    ReportDraft.objects.update(expires_at="2000-01-01T00:00:00Z")

    call_command("purge_report_drafts")

    assert ReportDraft.objects.count() == 0
    assert not storage.exists(name)


def test_a_report_in_spanish_is_stored_with_spanish_as_its_language(client):
    reporter = Reporter(client, prefix="/es")
    reporter.start()
    assert "Paso 1 de 8" in reporter.html()
    reporter.fill_all(good_answers())
    reporter.submit()
    assert "Su código de recibo" in reporter.html()
    assert Report.objects.get().language == "es"


def test_switching_language_midway_keeps_what_was_typed(client):
    reporter = Reporter(client)
    reporter.start()
    reporter.post("story", nav="stay", url="/es/report/", narrative="Half a sentence")
    page = reporter.html()
    assert 'lang="es"' in page
    assert "Half a sentence" in page
