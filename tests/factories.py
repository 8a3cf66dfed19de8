"""factory-boy factories for the organisation model; other apps add theirs beside their tests."""

import secrets

import factory
from django.contrib.auth import get_user_model

from cases.models import District, School
from cases.roles import Role
from cases.services.memberships import SYSTEM, grant_membership

# Every test user's password, new for each test run, so no credential is written in the repo.
STAFF_PASSWORD = secrets.token_urlsafe(16)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")
    code = factory.Sequence(lambda n: f"D{n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(STAFF_PASSWORD)


def staff_user(*, role: str = Role.EQUITY_OFFICER, district=None, school=None, **kwargs):
    """A user holding one role, granted through the real membership service."""
    user = UserFactory(**kwargs)
    district = district or (school.district if school else DistrictFactory())
    grant_membership(user=user, role=role, district=district, school=school, granted_by=SYSTEM)
    return user


def report_submission(*, school=None, **overrides):
    """A plausible web report, as the portal would hand it to the intake service."""
    from cases.services.intake import ReportSubmission

    values = {
        "school": school or SchoolFactory(),
        "location_type": "hallway",
        "reporter_relation": "parent",
        "grade_band": "6_8",
        "narrative": "Older students called my daughter a slur near the lockers every morning.",
        "incident_type_codes": ["harassment"],
        "bias_basis_codes": ["race"],
        "people_involved": "Two eighth graders, one named Jordan Pike",
    }
    values.update(overrides)
    return ReportSubmission(**values)


def submit_report(**overrides):
    from cases.services.intake import open_case_from_report

    return open_case_from_report(submission=report_submission(**overrides))
