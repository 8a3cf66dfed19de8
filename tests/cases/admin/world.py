"""A small world for the case screens: two districts, staff in every role, one case.

The `world` fixture of tests/cases/admin/ and tests/security/ builds it."""

import io
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.roles import Role
from tests.factories import DistrictFactory, SchoolFactory, UserFactory, staff_user, submit_report


def png_upload(name: str = "hallway photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@dataclass
class World:
    district: object
    school: object
    other_school: object
    other_district: object
    staff: dict
    intake: object

    @property
    def case(self):
        return self.intake.case

    @property
    def report(self):
        return self.intake.report


def case_world() -> World:
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")
    school = SchoolFactory(district=district, name="Cedar Elementary", slug="cedar")
    other_school = SchoolFactory(district=district, name="Lakeview Elementary", slug="lakeview")
    other_district = DistrictFactory(name="Riverbend", slug="riverbend", code="RBU")
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    staff = {
        "equity_officer": staff_user(
            role=Role.EQUITY_OFFICER, district=district, username="officer", first_name="Ana"
        ),
        "title_ix": staff_user(
            role=Role.TITLE_IX_COORDINATOR, district=district, username="titleix"
        ),
        "school_officer_same_school": staff_user(
            role=Role.EQUITY_OFFICER, school=school, username="cedar.officer"
        ),
        "school_officer_other_school": staff_user(
            role=Role.EQUITY_OFFICER, school=other_school, username="lakeview.officer"
        ),
        "other_district_officer": staff_user(
            role=Role.EQUITY_OFFICER, district=other_district, username="riverbend.officer"
        ),
        "transfer_officer": staff_user(
            role=Role.TRANSFER_OFFICER, district=district, username="transfer"
        ),
        "district_admin": staff_user(
            role=Role.DISTRICT_ADMINISTRATOR, district=district, username="districtadmin"
        ),
        "content_editor": editor,
    }
    intake = submit_report(
        school=school,
        narrative="A group of older students mocked my son's accent at lunch every day.",
        people_involved="Riley Stone and two friends",
        contact_email="parent@example.org",
        contact_consent=True,
        evidence=[png_upload()],
    )
    return World(district, school, other_school, other_district, staff, intake)
