"""Writes for routing: applying the rules to a case (at intake, on demand) and editing rules.

Applying a rule goes through `cases.services.assignment.assign_by_rule`, which claims the
case's version, assigns, sets the priority and audits "case.routed" with the rule's id, in one
transaction with the watchers this module records.
"""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import notifications
from cases.models import Case, DigestFrequency
from cases.selectors.cases import check_can_handle_case
from cases.selectors.staff import digest_preference
from cases.services.assignment import assign_by_rule
from cases.services.audit import record_audit_event
from cases.services.side_effects import new_report_delay
from cases.topics import STAFF_EMAIL
from jobs.outbox import enqueue_side_effect
from routing.models import CaseWatcher, RoutingRule
from routing.selectors import Outcome, decide_for_case, may_administer_rules
from routing.topics import ROUTE_NEW_CASE

# --------------------------------------------------------------------------- applying rules


def _record_watchers(*, case: Case, outcome: Outcome) -> list:
    """The rule's watchers replace those an earlier routing named."""
    CaseWatcher.objects.filter(case=case).delete()
    CaseWatcher.objects.bulk_create(
        CaseWatcher(case=case, user=user, rule=outcome.rule) for user in outcome.watchers
    )
    return outcome.watchers


def _apply(
    *, case: Case, outcome: Outcome, actor: AbstractBaseUser | None, expected_version: int
) -> Case:
    case = assign_by_rule(
        case=case,
        rule_id=outcome.rule.pk,
        assignee=outcome.assignee,
        priority=outcome.priority,
        actor=actor,
        expected_version=expected_version,
    )
    _record_watchers(case=case, outcome=outcome)
    return case


def route_new_case(payload: dict) -> None:
    """Outbox handler for `cases.topics.REPORT_RECEIVED`: route later, not now.

    The routing job runs after the same delay and jitter as the officers' new-report email
    (`NEW_REPORT_NOTIFY_*`): its audit event, the case's "last changed" time and the
    assignee's email would otherwise tell staff to the minute when the child reported.
    """
    enqueue_side_effect(
        topic=ROUTE_NEW_CASE,
        payload={"case": payload["case"], "district": payload["district"]},
        delay=new_report_delay(),
    )


@transaction.atomic
def apply_rules_to_new_case(payload: dict) -> None:
    """Outbox handler: the first matching rule of the district routes a case nobody touched.

    Idempotent: a case that staff changed since intake (assigned by hand, a status, a
    priority: anything sets `updated_at`), or that this job routed already, is left alone, so
    a retry never undoes an officer's choice.
    """
    # The case row only: a join would lock the district's row too.
    case = Case.objects.select_for_update().filter(pk=payload["case"]).first()
    if case is None or case.assignee_id is not None or case.updated_at is not None:
        return
    outcome = decide_for_case(case=case)
    if outcome.rule is None:
        return
    _apply(case=case, outcome=outcome, actor=None, expected_version=case.version)
    for user in outcome.watchers:
        # Watchers who read new reports in the daily digest hear of this one at once; those
        # who get every new report by email already do (cases' fan-out), "none" means none.
        if digest_preference(user) == DigestFrequency.DAILY:
            enqueue_side_effect(
                topic=STAFF_EMAIL,
                payload={
                    "kind": notifications.NEW_REPORT,
                    "case": str(case.pk),
                    "user": user.pk,
                    "district": case.district_id,
                },
            )


@transaction.atomic
def reroute_case(*, case: Case, actor: AbstractBaseUser, expected_version: int) -> Outcome:
    """An officer asks for the district's rules to be applied again to the case as it is now.

    PermissionDenied unless `actor` handles the case; StaleVersion when the case changed since
    the page was shown; ValidationError when no rule matches (nothing is changed)."""
    check_can_handle_case(user=actor, case=case)
    outcome = decide_for_case(case=case)
    if outcome.rule is None:
        raise ValidationError(
            _("No routing rule of this district matches this case. Nothing was changed.")
        )
    _apply(case=case, outcome=outcome, actor=actor, expected_version=expected_version)
    return outcome


# --------------------------------------------------------------------------- editing rules


def _check_administers(*, actor: AbstractBaseUser, rule: RoutingRule) -> None:
    if not may_administer_rules(user=actor, district=rule.district):
        raise PermissionDenied(_("You do not administer this district's routing rules."))


@transaction.atomic
def save_routing_rule(
    *,
    rule: RoutingRule,
    actor: AbstractBaseUser,
    schools: Iterable = (),
    bias_bases: Iterable = (),
    incident_types: Iterable = (),
    team: Iterable = (),
    watchers: Iterable = (),
) -> RoutingRule:
    """Create or change a rule of a district `actor` administers; audited (ids only)."""
    _check_administers(actor=actor, rule=rule)
    if rule.pk is not None:
        stored = RoutingRule.objects.select_related("district").get(pk=rule.pk)
        _check_administers(actor=actor, rule=stored)
    created = rule.pk is None
    rule.save()
    rule.schools.set(schools)
    rule.bias_bases.set(bias_bases)
    rule.incident_types.set(incident_types)
    rule.team.set(team)
    rule.watchers.set(watchers)
    record_audit_event(
        action="routing.rule_created" if created else "routing.rule_changed",
        actor=actor,
        target=rule,
        district=rule.district,
        detail={"position": rule.position, "active": rule.active},
    )
    return rule


@transaction.atomic
def delete_routing_rule(*, rule: RoutingRule, actor: AbstractBaseUser) -> None:
    _check_administers(actor=actor, rule=rule)
    record_audit_event(
        action="routing.rule_deleted",
        actor=actor,
        target=rule,
        district=rule.district,
        detail={"position": rule.position},
    )
    rule.delete()
