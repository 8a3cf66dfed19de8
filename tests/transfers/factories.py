"""Two districts, their officers and a transfer request between them, built with the real
services so permissions are granted exactly as in production."""

from dataclasses import dataclass

from cases.models import Case
from cases.roles import Role
from tests.factories import DistrictFactory, SchoolFactory, UserFactory, staff_user, submit_report
from transfers.models import TransferReason, TransferRequest
from transfers.services import start_transfer_from_case


@dataclass
class TransferWorld:
    case: Case
    receipt: str
    transfer: TransferRequest
    sending_officer: object  # handles the linked case
    sending_transfer: object
    receiving_transfer: object
    receiving_equity: object
    other_transfer: object
    sending_admin: object
    nobody: object


def transfer_world(**transfer_kwargs) -> TransferWorld:
    sending_school = SchoolFactory()
    sending = sending_school.district
    receiving_school = SchoolFactory()
    receiving = receiving_school.district
    sending_officer = staff_user(role=Role.EQUITY_OFFICER, district=sending)
    intake = submit_report(school=sending_school, transfer_interest="requesting")
    case = intake.report.case
    transfer = start_transfer_from_case(
        case=case,
        actor=sending_officer,
        receiving_district=receiving,
        receiving_school=receiving_school,
        student_reference="STU-4471",
        reason_category=TransferReason.DISCRIMINATION,
        **transfer_kwargs,
    )
    return TransferWorld(
        case=case,
        receipt=intake.receipt,
        transfer=transfer,
        sending_officer=sending_officer,
        sending_transfer=staff_user(role=Role.TRANSFER_OFFICER, district=sending),
        receiving_transfer=staff_user(role=Role.TRANSFER_OFFICER, district=receiving),
        receiving_equity=staff_user(role=Role.EQUITY_OFFICER, district=receiving),
        other_transfer=staff_user(role=Role.TRANSFER_OFFICER, district=DistrictFactory()),
        sending_admin=staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=sending),
        nobody=UserFactory(),
    )
