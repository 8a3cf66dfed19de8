"""Sending a report: the one path from a draft to a stored report and its case, taken by the
portal's last step and by the public API alike."""

from django import forms
from django.db import transaction

from cases.services.intake import IntakeResult, open_case_from_report
from reporting.bot_check import refusal_reason
from reporting.drafts import claim_draft, mark_sent, release_draft, staged_uploads
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


class DraftAlreadySent(Exception):
    """Another Send of this draft filed its report, or is filing it now. Nothing more is
    stored: one draft gives one report, whatever the timing."""


def submit_report(
    *,
    draft: ReportDraft,
    answers: dict,
    language: str,
    honeypot: str = "",
    hand_over_receipt: bool = False,
) -> IntakeResult:
    """Claim the draft, validate every step, run the bot check, store the report with the
    draft's files, open its case and empty the draft. Returns the intake result (receipt).

    `answers` are the typed answers, step -> field -> values (the draft's own for the portal);
    `honeypot` is the review step's hidden field, which only a bot fills in;
    `hand_over_receipt` keeps the receipt, encrypted, on the sent draft for the portal's
    one-time receipt page (reporting.drafts.take_receipt).

    Raises DraftAlreadySent when another Send has the draft. Raises InvalidSteps or
    SubmissionRefused before anything is stored, and ValidationError when the intake refuses
    a file; the draft is released and kept in those cases. Not one transaction on purpose: a
    lock held through the receipt hash would make every report wait for the one before it;
    the report and the draft's end are one transaction.
    """
    if not claim_draft(draft):
        raise DraftAlreadySent()
    try:
        return _submit_claimed(
            draft=draft,
            answers=answers,
            language=language,
            honeypot=honeypot,
            hand_over_receipt=hand_over_receipt,
        )
    except BaseException:
        release_draft(draft)
        raise


def _submit_claimed(
    *, draft: ReportDraft, answers: dict, language: str, honeypot: str, hand_over_receipt: bool
) -> IntakeResult:
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
    with transaction.atomic():
        result = open_case_from_report(submission=submission)
        mark_sent(
            draft=draft,
            receipt=result.receipt if hand_over_receipt else "",
            life_safety=result.report.life_safety,
        )
    return result
