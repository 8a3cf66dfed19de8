"""Staff roles and the object permissions each one grants.

A membership is a role held at a district, or at one school of it. Permissions are granted
to one group per (scope, role) so that granting and revoking touch few rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EQUITY_OFFICER = "equity_officer", _("Equity officer")
    TITLE_IX_COORDINATOR = "title_ix_coordinator", _("Title IX coordinator")
    TRANSFER_OFFICER = "transfer_officer", _("Transfer officer")
    DISTRICT_ADMINISTRATOR = "district_admin", _("District administrator")


# Permission codenames (on District or School) that each role grants at each scope.
HANDLE_DISTRICT_CASES = "handle_district_cases"
HANDLE_SCHOOL_CASES = "handle_school_cases"
HANDLE_DISTRICT_TRANSFERS = "handle_district_transfers"
VIEW_DISTRICT_TRENDS = "view_district_trends"

DISTRICT_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.EQUITY_OFFICER: (HANDLE_DISTRICT_CASES,),
    Role.TITLE_IX_COORDINATOR: (HANDLE_DISTRICT_CASES,),
    Role.TRANSFER_OFFICER: (HANDLE_DISTRICT_TRANSFERS,),
    Role.DISTRICT_ADMINISTRATOR: (VIEW_DISTRICT_TRENDS,),
}
SCHOOL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.EQUITY_OFFICER: (HANDLE_SCHOOL_CASES,),
    Role.TITLE_IX_COORDINATOR: (HANDLE_SCHOOL_CASES,),
}
SCHOOL_LEVEL_ROLES = frozenset(SCHOOL_PERMISSIONS)

# The groups that carry roles, filled and emptied only by cases.services.memberships (which
# audits every grant): one per (scope, role), named "district:<pk>:<role>" or
# "school:<pk>:<role>", and the back-office access group every role holder is in.
ROLE_GROUP_PREFIXES = ("district:", "school:")
STAFF_ACCESS_GROUP = "Staff: back-office access"
