"""Demo organisation: three districts, twelve schools, one staff user per role, and the public
pages' editor and publisher."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from cases.languages import report_languages
from cases.models import District, School
from cases.roles import Role
from cases.services.memberships import SYSTEM, grant_membership
from cases.services.taxonomy import ensure_taxonomy_entries

DEMO_DISTRICTS = [
    (
        "Northvale Unified School District",
        "northvale",
        "NVU",
        [
            "Northvale High School",
            "Northvale Middle School",
            "Cedar Elementary",
            "Lakeview Elementary",
            "Maple K-8 Academy",
        ],
    ),
    (
        "Riverbend Unified School District",
        "riverbend",
        "RBU",
        [
            "Riverbend High School",
            "Riverbend Middle School",
            "Willow Elementary",
            "Oak Park Elementary",
        ],
    ),
    (
        "Eastfield Joint Unified School District",
        "eastfield",
        "EJU",
        ["Eastfield High School", "Eastfield Middle School", "Pine Ridge Elementary"],
    ),
]

# username, role, district slug, school slug (None = district-wide)
DEMO_STAFF = [
    ("officer.northvale", Role.EQUITY_OFFICER, "northvale", None),
    ("titleix.northvale", Role.TITLE_IX_COORDINATOR, "northvale", None),
    ("officer.cedar", Role.EQUITY_OFFICER, "northvale", "cedar-elementary"),
    ("transfer.northvale", Role.TRANSFER_OFFICER, "northvale", None),
    ("admin.northvale", Role.DISTRICT_ADMINISTRATOR, "northvale", None),
    ("officer.riverbend", Role.EQUITY_OFFICER, "riverbend", None),
    ("transfer.riverbend", Role.TRANSFER_OFFICER, "riverbend", None),
    ("officer.eastfield", Role.EQUITY_OFFICER, "eastfield", None),
]
# The public pages' two people, in Wagtail's own groups: the editor writes and submits to
# moderation; the publisher (Wagtail's "Moderators", who hold its approval task and may
# publish) approves, or publishes their own edits. See README, "Public pages".
DEMO_EDITOR = "editor"
DEMO_PUBLISHER = "publisher"
DEMO_PAGE_STAFF = [
    (DEMO_EDITOR, "Editors", "Content editor (writes public pages, submits them for review)"),
    (DEMO_PUBLISHER, "Moderators", "Publisher (approves and publishes public pages)"),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str
    password: str | None


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-").replace("k-8-academy", "k-8")


# Northvale's families read the public site in every language it ships (District.languages);
# the other demo districts keep the default, English and Spanish. Set when the district is
# created only: a district administrator's later choice stays.
DEMO_ALL_LANGUAGES_DISTRICT = "northvale"


@transaction.atomic
def seed_organisation() -> None:
    """Create the demo districts and schools; safe to run again."""
    for name, slug, code, schools in DEMO_DISTRICTS:
        defaults = {"name": name, "code": code}
        if slug == DEMO_ALL_LANGUAGES_DISTRICT:
            defaults["languages"] = report_languages()
        district, _ = District.objects.get_or_create(slug=slug, defaults=defaults)
        for school_name in schools:
            School.objects.get_or_create(
                district=district, slug=_slug(school_name), defaults={"name": school_name}
            )
        ensure_taxonomy_entries(district=district)


@transaction.atomic
def seed_staff(*, set_passwords: bool) -> list[DemoLogin]:
    """One user per role. Passwords are reset to fresh random ones on every run, and only
    when `set_passwords` (development); otherwise the accounts get no usable password."""
    user_model = get_user_model()
    logins = []
    for username, role, district_slug, school_slug in DEMO_STAFF:
        district = District.objects.get(slug=district_slug)
        school = School.objects.get(district=district, slug=school_slug) if school_slug else None
        user, _ = user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        password = _reset_password(user, set_passwords)
        grant_membership(user=user, role=role, district=district, school=school, granted_by=SYSTEM)
        scope = school.name if school else district.name
        logins.append(DemoLogin(username, f"{Role(role).label}, {scope}", password))

    for username, group_name, description in DEMO_PAGE_STAFF:
        user, _ = user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        password = _reset_password(user, set_passwords)
        group = Group.objects.filter(name=group_name).first()
        if group is not None:  # a district may have renamed Wagtail's groups
            user.groups.add(group)
        logins.append(DemoLogin(username, description, password))
    return logins


def _reset_password(user, set_passwords: bool) -> str | None:
    if set_passwords:
        password = "-".join(secrets.token_hex(3) for _ in range(4))
        user.set_password(password)
    else:
        password = None
        user.set_unusable_password()
    user.save()
    return password
