"""`submit_report` is the one way a report is sent: the portal's last step and the public API
both go through it, so they share its checks, its limit and what it stores."""

import pytest

from cases.models import Report
from cases.topics import REPORT_SUBMITTED
from jobs.models import OutboxMessage
from reporting.drafts import find_draft, save_step, start_draft
from reporting.models import ReportDraft
from reporting.services import DraftAlreadySent, InvalidSteps, submit_report
from tests.api.client import ApiClient
from tests.reporting.portal import Reporter, good_answers

pytestmark = pytest.mark.django_db


def _typed(answers: dict) -> dict:
    """Answers as the draft keeps them: step -> field -> list of typed values."""
    return {
        step: {
            name: value if isinstance(value, list) else [value] for name, value in fields.items()
        }
        for step, fields in answers.items()
    }


def test_a_sent_report_opens_its_case_queues_its_job_and_empties_the_draft():
    draft = start_draft()
    save_step(draft=draft, step="story", values={"narrative": ["Mocked every lunch."]})

    result = submit_report(draft=draft, answers=_typed(good_answers()), language="es")

    assert result.receipt
    assert result.report.language == "es"
    assert result.case.reports.get() == result.report
    assert OutboxMessage.objects.filter(topic=REPORT_SUBMITTED.code).count() == 1
    sent = ReportDraft.objects.get(pk=draft.pk)
    assert sent.answers == {}
    assert sent.outcome == {"life_safety": False}  # the API hands the receipt over itself


def test_a_second_send_of_the_same_draft_files_nothing():
    draft = start_draft()
    submit_report(draft=draft, answers=_typed(good_answers()), language="en")

    with pytest.raises(DraftAlreadySent):
        submit_report(
            draft=find_draft(str(draft.pk)), answers=_typed(good_answers()), language="en"
        )

    assert Report.objects.count() == 1


def test_an_invalid_step_stores_nothing_and_keeps_the_draft():
    draft = start_draft()
    answers = _typed(good_answers())
    answers["story"] = {"narrative": [""]}

    with pytest.raises(InvalidSteps) as refused:
        submit_report(draft=draft, answers=answers, language="en")

    assert [step.slug for step, _form in refused.value.steps] == ["story"]
    assert Report.objects.count() == 0
    assert ReportDraft.objects.filter(pk=draft.pk).exists()


def test_a_filled_honeypot_is_refused_on_the_review_step():
    draft = start_draft()

    with pytest.raises(InvalidSteps) as refused:
        submit_report(draft=draft, answers=_typed(good_answers()), language="en", honeypot="spam")

    assert [step.slug for step, _form in refused.value.steps] == ["review"]
    assert Report.objects.count() == 0


def test_drafts_started_in_the_portal_make_the_apis_next_draft_cost_more(client, settings):
    settings.REPORTING_POW_FREE_DRAFTS = 1
    base = ApiClient(client).post("/api/public/draft-tokens").json()["difficulty"]
    for _ in range(2):
        Reporter(client).start()

    raised = ApiClient(client).post("/api/public/draft-tokens").json()["difficulty"]

    assert raised == base + 1
