"""A database dump or a copy of the disk reveals none of what the reporter wrote or sent."""

import pytest
from django.db import connection

from cases.models import EvidenceFile, Report
from reporting.models import DraftEvidence, ReportDraft
from tests.reporting.portal import Reporter, check_receipt, good_answers, small_png

pytestmark = pytest.mark.django_db

SECRETS = ("Zephyrine", "hijab", "Avery Quill", "nightowl.parent", "555-0199")


def _raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
        return repr(cursor.fetchall())


def test_narrative_people_contact_messages_and_files_are_ciphertext(client):
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(good_answers(), files=[small_png()])
    reporter.submit()
    receipt = reporter.receipt()
    check_receipt(client, receipt)
    client.post("/report/status/", {"action": "reply", "body": "Quasimodo saw it too"})

    rows = _raw_rows("cases_report") + _raw_rows("cases_reportermessage")
    rows += _raw_rows("cases_evidencefile")
    for secret in (*SECRETS, "Quasimodo", "photo.png", receipt, receipt.replace(" ", "")):
        assert secret not in rows

    evidence = EvidenceFile.objects.get()
    with open(evidence.file.path, "rb") as handle:
        on_disk = handle.read()
    assert on_disk.startswith(b"enc1")
    assert b"PNG" not in on_disk
    assert b"IHDR" not in on_disk
    assert Report.objects.get().narrative.startswith("Zephyrine")


def test_a_draft_and_its_files_are_ciphertext_too(client):
    reporter = Reporter(client)
    reporter.start()
    answers = good_answers()
    for step in ("who", "story", "contact"):
        reporter.post(step, **answers[step])
    reporter.post("evidence", nav="stay", files=[small_png("secret-name.png")])

    rows = _raw_rows("reporting_reportdraft") + _raw_rows("reporting_draftevidence")
    for secret in (*SECRETS, "secret-name"):
        assert secret not in rows
    with open(DraftEvidence.objects.get().file.path, "rb") as handle:
        assert b"IHDR" not in handle.read()
    assert ReportDraft.objects.get().answers["story"]["narrative"][0].startswith("Zephyrine")
