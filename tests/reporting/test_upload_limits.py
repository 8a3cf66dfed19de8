"""Upload limits are stated from the constants in cases/evidence_rules.py, in both languages,
and a file refused for the number of files is never called too large."""

import pytest
from django.utils import translation

from cases.evidence_rules import MAX_FILE_MB, MAX_FILES_PER_REPORT
from reporting.forms.status import AddEvidenceForm
from reporting.forms.steps import EvidenceForm
from reporting.models import DraftEvidence
from tests.factories import submit_report
from tests.reporting.portal import Reporter, check_receipt, small_png

pytestmark = pytest.mark.django_db

# One upload of more files than the handler reads (2 x the limit): the last ones are dropped.
MANY = 2 * MAX_FILES_PER_REPORT + 2


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", ("Up to {count} files", "{size} MB")), ("es", ("Hasta {count} archivos", "{size} MB"))],
)
def test_the_help_texts_state_the_limits_of_the_constants(language, words):
    expected = [word.format(count=MAX_FILES_PER_REPORT, size=MAX_FILE_MB) for word in words]
    with translation.override(language):
        for form in (EvidenceForm(), AddEvidenceForm()):
            help_text = str(form.fields["files"].help_text)
            assert all(word in help_text for word in expected), help_text


def test_files_over_the_count_of_one_upload_are_refused_for_their_count(client):
    reporter = Reporter(client)
    reporter.start()
    files = [small_png(f"photo{number}.png") for number in range(1, MANY + 1)]

    reporter.post("evidence", nav="stay", files=files)

    page = reporter.html()
    assert DraftEvidence.objects.count() == MAX_FILES_PER_REPORT
    assert "larger than" not in page
    for number in range(MAX_FILES_PER_REPORT + 1, MANY + 1):
        assert f"photo{number}.png: You can add at most {MAX_FILES_PER_REPORT} files." in page


def test_a_file_over_the_size_limit_is_named_with_the_limit(client, monkeypatch):
    monkeypatch.setattr("cases.uploads.MAX_FILE_BYTES", 10)  # cheaper than a 20 MB file
    reporter = Reporter(client)
    reporter.start()

    reporter.post("evidence", nav="stay", files=[small_png("big.png")])

    assert f"big.png: This file is larger than {MAX_FILE_MB} MB." in reporter.html()
    assert DraftEvidence.objects.count() == 0


def test_too_many_files_added_later_are_refused_for_their_count(client):
    intake = submit_report()
    check_receipt(client, intake.receipt)
    files = [small_png(f"later{number}.png") for number in range(1, MANY + 1)]

    page = client.post("/report/status/", {"action": "evidence", "files": files})

    html = page.content.decode()
    assert "larger than" not in html
    assert f"at most {MAX_FILES_PER_REPORT} files" in html
    assert intake.report.evidence.count() == 0
