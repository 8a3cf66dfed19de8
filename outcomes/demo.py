"""Demo outcome notices: Northvale's own wordings, and one closed sample case whose reporter
is asked the first check-in today. Safe to run again: nothing is added twice."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from cases.models import Case, CaseStatus, District
from cases.services.workflow import assign_case, change_case_status
from outcomes.models import CheckIn, NoticeTemplate, OutcomeNotice, TemplateKind
from outcomes.services import ask_due_check_ins, issue_outcome_notice

WORDINGS = [
    (
        "en",
        "Substantiated",
        "We looked into your report and found that what you described happened. The school "
        "will talk with the students involved and check in with you.",
    ),
    (
        "en",
        "Not substantiated",
        "We looked into your report but could not confirm what happened. Staff will keep an "
        "eye on the places you named.",
    ),
    (
        "es",
        "Comprobado",
        "Revisamos su reporte y confirmamos que lo que describió pasó. La escuela hablará con "
        "los estudiantes involucrados y se comunicará con usted.",
    ),
    (
        "es",
        "No comprobado",
        "Revisamos su reporte pero no pudimos confirmar lo que pasó. El personal estará atento "
        "en los lugares que nombró.",
    ),
]

SAMPLE_NOTICE = (
    "Sample notice: we found that the group chat posts happened. The students who posted them "
    "will meet the counselor, and the school will talk about online respect in every class."
)


def seed_district_wordings(*, slug: str = "northvale") -> None:
    district = District.objects.filter(slug=slug).first()
    if district is None:
        return
    for language, name, body in WORDINGS:
        NoticeTemplate.objects.get_or_create(
            district=district,
            language=language,
            kind=TemplateKind.OUTCOME,
            name=name,
            defaults={"body": body},
        )


@transaction.atomic
def seed_closed_sample(*, case: Case, officer: AbstractBaseUser) -> None:
    """Close `case` with a notice, then ask its first check-in today, as if 30 days passed."""
    if OutcomeNotice.objects.filter(case=case).exists():
        return
    case = Case.objects.get(pk=case.pk)
    if case.assignee_id is None:  # the officer who closes it took it (routing waits its delay)
        case = assign_case(
            case=case, assignee=officer, actor=officer, expected_version=case.version
        )
    if case.status == CaseStatus.NEW:
        case = change_case_status(
            case=case, to_status=CaseStatus.TRIAGE, actor=officer, expected_version=case.version
        )
    notice = issue_outcome_notice(
        case=case, language="en", body=SAMPLE_NOTICE, actor=officer, expected_version=case.version
    )
    today = timezone.localdate()
    first = CheckIn.objects.filter(notice=notice).order_by("due_on").first()
    if first is not None:
        CheckIn.objects.filter(pk=first.pk).update(due_on=today)
        ask_due_check_ins(today=today)
