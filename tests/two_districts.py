"""Two districts and their staff: Northvale (two schools, an officer, a school officer and a
district administrator) and Riverbend (one school, one officer). Search and trend tests read
the same people and places."""

from dataclasses import dataclass

from cases.roles import Role
from tests.factories import DistrictFactory, SchoolFactory, staff_user


@dataclass
class TwoDistricts:
    district: object
    school: object
    other_school: object
    other_district: object
    far_school: object
    officer: object
    school_officer: object
    stranger: object
    administrator: object


def two_districts() -> TwoDistricts:
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")
    school = SchoolFactory(district=district, name="Cedar Middle", slug="cedar")
    other_school = SchoolFactory(district=district, name="Lakeview Middle", slug="lakeview")
    other_district = DistrictFactory(name="Riverbend", slug="riverbend", code="RBU")
    far_school = SchoolFactory(district=other_district, name="Hill Middle", slug="hill")
    return TwoDistricts(
        district=district,
        school=school,
        other_school=other_school,
        other_district=other_district,
        far_school=far_school,
        officer=staff_user(role=Role.EQUITY_OFFICER, district=district, username="officer"),
        school_officer=staff_user(
            role=Role.EQUITY_OFFICER, district=district, school=other_school, username="lake"
        ),
        stranger=staff_user(role=Role.EQUITY_OFFICER, district=other_district, username="stranger"),
        administrator=staff_user(
            role=Role.DISTRICT_ADMINISTRATOR, district=district, username="admin"
        ),
    )
