"""Run by the code of commit 55305f4 (before `cases` was split), never by today's code.

test_forward_from_55305f4 copies this file into an extracted copy of that commit and runs it
there after `manage.py migrate`: it writes data through that commit's own services, exactly as
production did then, and prints the ids as one `SEEDED {json}` line.
"""

# Sorting would file this commit's modules that today's tree lacks under third-party imports.
# ruff: noqa: I001

import json

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import transaction  # noqa: E402

import cases  # noqa: E402
from cases.models import District, OutboxMessage, School, TransferReason  # noqa: E402
from cases.roles import Role  # noqa: E402
from cases.services.intake import ReportSubmission, open_case_from_report  # noqa: E402
from cases.services.memberships import grant_membership  # noqa: E402
from cases.services.side_effects import HANDLERS  # noqa: E402
from cases.services.transfers import (  # noqa: E402
    send_transfer_message,
    start_transfer_from_case,
)
from search.trend_counts import rebuild_trend_counts  # noqa: E402

NARRATIVE = "Older students scrawled a slur across my son's locker in the science wing."
PEOPLE = "Two eighth graders from the robotics club"
CONTACT_EMAIL = "parent-55305@example.org"
CONTACT_PHONE = "555-0134"
STUDENT_REFERENCE = "STU-55305-F4"
MESSAGE = "South Middle can offer a place in the seventh grade from Monday."
# Models that moved app in the split, as labelled at this commit.
MOVED = ("cases.transferrequest", "cases.outboxmessage", "search.casetrendcount")


def staff(username: str, role: str, district: District):
    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.org")
    grant_membership(user=user, role=role, district=district)
    return user


with transaction.atomic():
    sending = District.objects.create(name="Northfield Unified", slug="northfield", code="NFU")
    receiving = District.objects.create(name="Southgate Unified", slug="southgate", code="SGU")
    sending_school = School.objects.create(district=sending, name="North Middle", slug="north")
    receiving_school = School.objects.create(district=receiving, name="South Middle", slug="south")
    equity = staff("equity-northfield", Role.EQUITY_OFFICER, sending)
    sending_transfers = staff("transfers-northfield", Role.TRANSFER_OFFICER, sending)
    receiving_transfers = staff("transfers-southgate", Role.TRANSFER_OFFICER, receiving)

intake = open_case_from_report(
    submission=ReportSubmission(
        school=sending_school,
        location_type="hallway",
        reporter_relation="parent",
        grade_band="6_8",
        narrative=NARRATIVE,
        people_involved=PEOPLE,
        incident_type_codes=["harassment"],
        bias_basis_codes=["race"],
        transfer_interest="requesting",
        contact_email=CONTACT_EMAIL,
        contact_phone=CONTACT_PHONE,
        contact_consent=True,
    )
)
transfer = start_transfer_from_case(
    case=intake.case,
    actor=equity,
    receiving_district=receiving,
    receiving_school=receiving_school,
    student_reference=STUDENT_REFERENCE,
    reason_category=TransferReason.DISCRIMINATION,
)
message = send_transfer_message(transfer=transfer, actor=receiving_transfers, body=MESSAGE)
trend_cells = rebuild_trend_counts()

content_types = {
    label: ContentType.objects.get_by_natural_key(*label.split(".")).pk for label in MOVED
}
print(
    "SEEDED "
    + json.dumps(
        {
            "cases_module": cases.__file__,
            "report": str(intake.report.pk),
            "case": str(intake.case.pk),
            "receipt": intake.receipt,
            "transfer": str(transfer.pk),
            "message": str(message.pk),
            "equity": equity.username,
            "sending_transfers": sending_transfers.username,
            "receiving_transfers": receiving_transfers.username,
            "narrative": NARRATIVE,
            "contact": {"email": CONTACT_EMAIL, "phone": CONTACT_PHONE, "consent": True},
            "student_reference": STUDENT_REFERENCE,
            "message_body": MESSAGE,
            "outbox": sorted([m.pk, m.topic, m.status] for m in OutboxMessage.objects.all()),
            # Every topic a row written now may carry, pending rows included.
            "topics": sorted(HANDLERS),
            "trend_cells": trend_cells,
            "content_types": content_types,
            "view_transfer_permission": Permission.objects.get(
                content_type_id=content_types["cases.transferrequest"],
                codename="view_transferrequest",
            ).pk,
        }
    )
)
