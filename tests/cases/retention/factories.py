"""Cases at a chosen point of their life, for retention stories."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cases.models import Case, CaseStatus
from cases.services.messages import send_message_to_reporter
from cases.services.workflow import add_case_note
from tests.factories import SchoolFactory, staff_user, submit_report

NARRATIVE = "Kids wrote a slur on my locker and the teacher laughed about it."


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile("locker.png", buffer.getvalue(), content_type="image/png")


def finished_case(
    *,
    district,
    closed_days_ago: int,
    status: str = CaseStatus.CLOSED,
    legal_hold: bool = False,
    with_everything: bool = False,
) -> Case:
    """A case of `district` that reached `status` `closed_days_ago` days ago."""
    school = SchoolFactory(district=district)
    extra = {"evidence": [png_upload()]} if with_everything else {}
    intake = submit_report(school=school, narrative=NARRATIVE, **extra)
    if with_everything:
        officer = staff_user(district=district)
        send_message_to_reporter(
            report=intake.report, body="Thank you, we are on it.", author=officer
        )
        add_case_note(case=intake.case, body="Spoke with the teacher on duty.", author=officer)
    Case.objects.filter(pk=intake.case.pk).update(
        status=status,
        closed_at=timezone.now() - timedelta(days=closed_days_ago),
        legal_hold=legal_hold,
    )
    return Case.objects.get(pk=intake.case.pk)


def years(n: float) -> int:
    """Days in `n` years, rounded up past any leap day."""
    return int(n * 366) + 1
