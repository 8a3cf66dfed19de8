"""Sending a report: the one path from a draft to a stored report and its case, taken by the
portal's last step and by the public API alike."""

from django import forms

from cases.services.intake import IntakeResult, open_case_from_report
from reporting.bot_check import refusal_reason
from reporting.drafts import discard_draft, staged_uploads
from reporting.models import ReportDraft
from reporting.steps import Step, build_submission, step_by_slug, validate_answer_steps


class ReportNotSent(Exception):
    """Nothing was stored and the draft is kept, so the reporter can fix it or try again."""


class InvalidSteps(ReportNotSent):
    """Steps whose answers do not validate, in step order, each with its bound form."""

    def __init__(self, steps: list[tuple[Step, forms.Form]]):
        super().__init__("A step of the report does not validate.")
        self.steps = steps


class SubmissionRefused(ReportNotSent):
    """The bot check said no; `reason` tells the reporter what to do. (No site-wide cap: each
    report needs a draft, and each draft costs proof of work, reporting/pow.py.)"""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def submit_report(
    *, draft: ReportDraft, answers: dict, language: str, honeypot: str = ""
) -> IntakeResult:
    """Validate every step, run the bot check, store the report with the
    draft's files, open its case and discard the draft. Returns the intake result (receipt).

    `answers` are the typed answers, step -> field -> values (the draft's own for the portal);
    `honeypot` is the review step's hidden field, which only a bot fills in.

    Raises InvalidSteps or SubmissionRefused before anything is stored, and ValidationError
    when the intake refuses a file; the draft is kept in every case. Not one transaction on
    purpose: a lock held through the receipt hash would make every report wait for the one
    before it; the intake stores the report atomically.
    """
    validated_answers = validate_answer_steps(answers=answers)
    if validated_answers.invalid_steps:
        raise InvalidSteps(validated_answers.invalid_steps)
    review_step = step_by_slug("review")
    review = review_step.form_class(data={"website": honeypot})
    if not review.is_valid():
        raise InvalidSteps([(review_step, review)])
    reason = refusal_reason(draft=draft)
    if reason is not None:
        raise SubmissionRefused(reason)
    submission = build_submission(
        validated_answers=validated_answers, uploads=staged_uploads(draft), language=language
    )
    result = open_case_from_report(submission=submission)
    discard_draft(draft)
    return result
