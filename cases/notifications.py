"""Emails the system sends. They carry a case number and a sign-in link, never case content.

Email leaves our control (forwarded, read on shared phones, kept by providers), so no email
names a person, a school or a narrative. A reporter's notice does not even carry a case
number: it only says to check the status page with the receipt.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cases.languages import default_report_language, supported_language
from cases.models import Case, Report

NEW_REPORT = "new_report"
ASSIGNED = "assigned"
ACKNOWLEDGE_DUE_SOON = "acknowledge_due_soon"
ACKNOWLEDGE_OVERDUE = "acknowledge_overdue"
INVESTIGATION_DUE_SOON = "investigation_due_soon"
INVESTIGATION_OVERDUE = "investigation_overdue"
# A new report matches one of the officer's saved searches (alerts/). The email never names
# the search: its label is the officer's own words.
SAVED_SEARCH_MATCH = "saved_search_match"

STAFF_SUBJECTS = {
    NEW_REPORT: _("New report: case %(number)s"),
    ASSIGNED: _("Case %(number)s was assigned to you"),
    ACKNOWLEDGE_DUE_SOON: _("Case %(number)s must be acknowledged soon"),
    ACKNOWLEDGE_OVERDUE: _("Case %(number)s is overdue for acknowledgement"),
    INVESTIGATION_DUE_SOON: _("The investigation of case %(number)s is due soon"),
    INVESTIGATION_OVERDUE: _("The investigation of case %(number)s is overdue"),
    SAVED_SEARCH_MATCH: _("Case %(number)s matches one of your saved searches"),
}


def case_admin_url(case: Case) -> str:
    """The case page in the staff back office; sign-in and case access required."""
    path = reverse("cases_admin:detail", args=[case.pk])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _staff_language(user: AbstractBaseUser) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile.get_preferred_language() if profile else None) or settings.LANGUAGE_CODE


def _send(*, to: str, subject: str, body: str) -> None:
    EmailMessage(
        subject=" ".join(str(subject).split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    ).send(fail_silently=False)


def send_staff_notice(*, user: AbstractBaseUser, case: Case, kind: str) -> bool:
    """One email about one case to one staff member; False when they have no address."""
    if not user.email or kind not in STAFF_SUBJECTS:
        return False
    with translation.override(_staff_language(user)):
        subject = STAFF_SUBJECTS[kind] % {"number": case.number}
        body = render_to_string(
            "cases/email/staff_notice.txt",
            {"kind": kind, "number": case.number, "url": case_admin_url(case)},
        )
    _send(to=user.email, subject=subject, body=body)
    return True


@dataclass(frozen=True)
class DigestLine:
    number: str
    url: str


def digest_lines(cases: Sequence[Case]) -> list[DigestLine]:
    return [DigestLine(number=case.number, url=case_admin_url(case)) for case in cases]


@dataclass(frozen=True)
class DigestSection:
    """A list another app adds to the daily digest (`reminders.STAFF_DIGEST_SECTIONS_HOOK`):
    a heading and cases, shown as numbers and links like the digest's own lists."""

    title: str
    cases: Sequence[Case]


def send_staff_digest(
    *,
    user: AbstractBaseUser,
    new_cases: Sequence[Case],
    due_soon: Sequence[Case],
    overdue: Sequence[Case],
    sections: Sequence[DigestSection] = (),
) -> bool:
    """The daily summary; nothing is sent on a day with nothing to report."""
    sections = [section for section in sections if section.cases]
    if not user.email or not (new_cases or due_soon or overdue or sections):
        return False
    with translation.override(_staff_language(user)):
        subject = _("Your daily case summary")
        body = render_to_string(
            "cases/email/staff_digest.txt",
            {
                "new_cases": digest_lines(new_cases),
                "due_soon": digest_lines(due_soon),
                "overdue": digest_lines(overdue),
                "sections": [
                    {"title": section.title, "lines": digest_lines(section.cases)}
                    for section in sections
                ],
            },
        )
    _send(to=user.email, subject=subject, body=body)
    return True


def send_reporter_update(*, report: Report) -> bool:
    """Tell a reporter who asked to be contacted that there is news, in their language."""
    contact = report.contact or {}
    if not contact.get("consent") or not contact.get("email"):
        return False  # no address (phone-only contact gets no message: we send no SMS)
    # The report's language, or the default one where no e-mail template exists in it.
    languages = [supported_language(report.language), default_report_language()]
    context = {"site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"}
    subject = render_to_string(
        [f"cases/email/reporter_update_subject.{code}.txt" for code in languages], context
    )
    body = render_to_string(
        [f"cases/email/reporter_update.{code}.txt" for code in languages], context
    )
    _send(to=contact["email"], subject=subject, body=body)
    return True
