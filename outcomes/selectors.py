"""Reads for outcome notices and check-ins: the district's texts, a case's notices, and
what a reporter's status page shows."""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cases.models import Case, District, Report
from cases.selectors.memberships import administered_districts
from outcomes.models import (
    DEFAULT_CHECK_IN_DAYS,
    CheckIn,
    CheckInState,
    NoticeTemplate,
    OutcomeNotice,
    OutcomeSettings,
    TemplateKind,
)

# What a district that wrote no rights text of its own sends, in the notice's language.
# Short and plain on purpose: a student reads it, and other languages follow.
DEFAULT_RIGHTS_TEXT = _(
    "If you do not agree with this outcome, you can appeal to the district. Write to the "
    "district office within 15 days and say why.\n\n"
    "You can also file a complaint with the U.S. Department of Education's Office for Civil "
    "Rights (OCR). It is free. File within 180 days of what happened, at ocrcas.ed.gov or by "
    "calling 1-800-421-3481."
)


def check_in_days(*, district: District) -> list[int]:
    found = OutcomeSettings.objects.filter(district=district).first()
    return found.days() if found is not None else list(DEFAULT_CHECK_IN_DAYS)


def rights_text(*, district: District, language: str) -> str:
    """The district's appeal and OCR text in `language`, or the default one."""
    template = NoticeTemplate.objects.filter(
        district=district, language=language, kind=TemplateKind.RIGHTS
    ).first()
    if template is not None:
        return template.body
    with translation.override(language):
        return str(DEFAULT_RIGHTS_TEXT)


def outcome_wordings(*, district: District) -> QuerySet[NoticeTemplate]:
    return NoticeTemplate.objects.filter(district=district, kind=TemplateKind.OUTCOME).order_by(
        "language", "name"
    )


def texts_administered_by(*, user: AbstractBaseUser) -> QuerySet[NoticeTemplate]:
    return NoticeTemplate.objects.filter(district__in=administered_districts(user=user))


def settings_administered_by(*, user: AbstractBaseUser) -> QuerySet[OutcomeSettings]:
    return OutcomeSettings.objects.filter(district__in=administered_districts(user=user))


def latest_notice(*, case: Case) -> OutcomeNotice | None:
    return OutcomeNotice.objects.filter(case=case).order_by("-issued_at").first()


def check_ins_of_case(*, case: Case) -> list[CheckIn]:
    """The check-ins about `case`: asked of its reporters, or answered into it."""
    return list(
        CheckIn.objects.filter(Q(notice__case=case) | Q(follow_up_case=case))
        .select_related("notice__case", "follow_up_case")
        .order_by("due_on", "after_days")
    )


@dataclass(frozen=True)
class ReporterOutcome:
    notice: OutcomeNotice | None
    question: CheckIn | None  # a check-in waiting for this reporter's answer


def reporter_outcome(*, report: Report) -> ReporterOutcome:
    """What the status page shows the reporter of `report` about the outcome."""
    question = (
        CheckIn.objects.filter(report=report, state=CheckInState.ASKED).order_by("due_on").first()
    )
    return ReporterOutcome(notice=latest_notice(case=report.case), question=question)
