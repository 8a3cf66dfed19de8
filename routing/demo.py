"""Demo routing rules for Northvale and Riverbend, seeded before the sample reports so that
those are routed as they arrive. Idempotent: a rule that exists (same district and name) is
left as the administrator may have changed it."""

from django.contrib.auth import get_user_model
from django.db import transaction

from cases.models import BiasBasis, District, Priority, School
from routing.models import LifeSafetyCondition, RoutingRule

# district slug, order, name, fields; people by username, schools by slug, bases by code.
DEMO_RULES = [
    (
        "northvale",
        10,
        "Possible imminent harm",
        {
            "life_safety": LifeSafetyCondition.YES,
            "assignee": "titleix.northvale",
            "priority": Priority.URGENT,
            "watchers": ["officer.northvale"],
        },
    ),
    (
        "northvale",
        20,
        "Sex, gender identity or orientation (Title IX)",
        {
            "bias_bases": ["sex", "gender_identity", "sexual_orientation"],
            "assignee": "titleix.northvale",
            "priority": Priority.HIGH,
        },
    ),
    (
        "northvale",
        30,
        "Cedar Elementary",
        {"schools": ["cedar-elementary"], "assignee": "officer.cedar"},
    ),
    ("northvale", 90, "Default", {"assignee": "officer.northvale"}),
    ("riverbend", 90, "Default", {"assignee": "officer.riverbend"}),
]


@transaction.atomic
def seed_routing_rules() -> int:
    """Create the demo rules that do not exist yet; return how many were created."""
    users = get_user_model().objects
    created = 0
    for slug, position, name, fields in DEMO_RULES:
        district = District.objects.filter(slug=slug).first()
        if district is None or RoutingRule.objects.filter(district=district, name=name).exists():
            continue
        rule = RoutingRule.objects.create(
            district=district,
            position=position,
            name=name,
            life_safety=fields.get("life_safety", ""),
            priority=fields.get("priority"),
            assignee=users.filter(username=fields.get("assignee")).first(),
        )
        rule.bias_bases.set(BiasBasis.objects.filter(code__in=fields.get("bias_bases", [])))
        rule.schools.set(
            School.objects.filter(district=district, slug__in=fields.get("schools", []))
        )
        rule.watchers.set(users.filter(username__in=fields.get("watchers", [])))
        created += 1
    return created
