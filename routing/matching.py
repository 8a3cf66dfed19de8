"""Which rule a report hits: the one rule of matching, for intake, re-routing and the test form.

Pure: it reads the rules' already loaded conditions and a `Sample` (the facts of a report that
rules may look at), never the database, so the "test a rule" form and a case routed at intake
can never disagree.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from cases.models import Case
from routing.models import LifeSafetyCondition, RoutingRule


@dataclass(frozen=True)
class Sample:
    """What a rule may look at: never the narrative, a name or a contact detail."""

    school_id: int | None
    bias_basis_ids: frozenset[int]
    incident_type_ids: frozenset[int]
    life_safety: bool
    channel: str

    @classmethod
    def of_case(cls, case: Case) -> "Sample":
        return cls(
            school_id=case.school_id,
            bias_basis_ids=frozenset(case.bias_bases.values_list("pk", flat=True)),
            incident_type_ids=frozenset(case.incident_types.values_list("pk", flat=True)),
            life_safety=case.life_safety,
            channel=case.channel,
        )


def _ids(related) -> set[int]:
    """From the prefetch cache (rules_for_matching prefetches every condition)."""
    return {item.pk for item in related.all()}


def rule_matches(rule: RoutingRule, sample: Sample) -> bool:
    schools = _ids(rule.schools)
    if schools and sample.school_id not in schools:
        return False
    bases = _ids(rule.bias_bases)
    if bases and not bases & sample.bias_basis_ids:
        return False
    types = _ids(rule.incident_types)
    if types and not types & sample.incident_type_ids:
        return False
    if rule.life_safety == LifeSafetyCondition.YES and not sample.life_safety:
        return False
    if rule.life_safety == LifeSafetyCondition.NO and sample.life_safety:
        return False
    return not rule.channel or rule.channel == sample.channel


def first_match(rules: Iterable[RoutingRule], sample: Sample) -> RoutingRule | None:
    """Rules in their order (position, then age); the first that matches wins."""
    return next((rule for rule in rules if rule_matches(rule, sample)), None)
