"""Which groups carry case roles: those only the audited membership service may fill.

Wagtail's generic user and group editors read this to leave those groups alone, so the one
way to a case role (and to reading narratives) is `grant_membership`, which audits the grant.
"""

from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet

from cases.roles import ROLE_GROUP_PREFIXES, STAFF_ACCESS_GROUP


def is_role_group_name(name: str) -> bool:
    """True for a name the membership service uses or may use: reserved for it."""
    return name.startswith(ROLE_GROUP_PREFIXES) or name == STAFF_ACCESS_GROUP


def role_groups() -> QuerySet[Group]:
    """Every group the membership service manages (see `is_role_group_name`)."""
    named = Q(name=STAFF_ACCESS_GROUP)
    for prefix in ROLE_GROUP_PREFIXES:
        named |= Q(name__startswith=prefix)
    return Group.objects.filter(named)
