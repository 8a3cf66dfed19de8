"""Reads for routing: a district's rules, who a rule would pick, who administers rules."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Q, QuerySet

from cases.models import AuditEvent, Case, District, School
from cases.selectors.memberships import administered_districts
from cases.selectors.staff import case_handlers, handlers_for_case
from cases.workflow import FINAL_STATUSES
from routing.matching import Sample, first_match
from routing.models import CaseWatcher, RoutingRule


def rules_for_matching(*, district: District) -> QuerySet[RoutingRule]:
    """The district's rules in use, in the order they are tried, every condition prefetched."""
    return (
        RoutingRule.objects.filter(district=district, active=True)
        .order_by("position", "pk")
        .prefetch_related("schools", "bias_bases", "incident_types", "team", "watchers")
        .select_related("assignee")
    )


def rules_administered_by(*, user: AbstractBaseUser) -> QuerySet[RoutingRule]:
    """Rules of the districts `user` administers, with what a listing row shows (constant
    queries whatever the page size)."""
    return (
        RoutingRule.objects.filter(district__in=administered_districts(user=user).values("pk"))
        .select_related("district", "assignee")
        .prefetch_related("schools", "bias_bases", "incident_types", "team", "watchers")
    )


def may_administer_rules(*, user: AbstractBaseUser, district: District) -> bool:
    return administered_districts(user=user).filter(pk=district.pk).exists()


def officers_for_places(*, district: District, schools: Iterable[School]) -> QuerySet:
    """Who may handle every case a rule on these schools could route: district-wide handlers,
    and, when the rule names exactly one school, that school's own officers too."""
    schools = list(schools)
    school_ids = [schools[0].pk] if len(schools) == 1 else []
    return case_handlers(district_ids=[district.pk], school_ids=school_ids)


@dataclass(frozen=True)
class Outcome:
    """What routing would do: the rule that won (None: none matched) and its effect."""

    rule: RoutingRule | None
    assignee: AbstractBaseUser | None = None
    priority: int | None = None
    watchers: list = field(default_factory=list)


def least_busy(*, candidates: QuerySet, district: District) -> AbstractBaseUser | None:
    """The candidate with the fewest open cases in the district; ties go by user name."""
    open_cases = Count(
        "assigned_cases",
        filter=Q(assigned_cases__district=district) & ~Q(assigned_cases__status__in=FINAL_STATUSES),
    )
    return candidates.annotate(open_cases=open_cases).order_by("open_cases", "username").first()


def decide(*, district: District, sample: Sample, eligible: QuerySet) -> Outcome:
    """The rule a report with these facts hits, and who among `eligible` it would go to.

    `eligible` is who may handle that case (a real case: `handlers_for_case`, so a school's
    officer never gets a case kept at district level, nor anyone who declared a conflict).
    A named assignee who is not eligible is left out: the case stays with the queue.
    """
    rule = first_match(rules_for_matching(district=district), sample)
    if rule is None:
        return Outcome(rule=None)
    assignee = None
    if rule.assignee_id is not None:
        assignee = eligible.filter(pk=rule.assignee_id).first()
    else:
        team_ids = [member.pk for member in rule.team.all()]
        if team_ids:
            assignee = least_busy(candidates=eligible.filter(pk__in=team_ids), district=district)
    watcher_ids = [watcher.pk for watcher in rule.watchers.all()]
    watchers = list(eligible.filter(pk__in=watcher_ids)) if watcher_ids else []
    return Outcome(rule=rule, assignee=assignee, priority=rule.priority, watchers=watchers)


def decide_for_case(*, case: Case) -> Outcome:
    return decide(
        district=case.district, sample=Sample.of_case(case), eligible=handlers_for_case(case=case)
    )


def decide_for_sample(*, district: District, sample: Sample) -> Outcome:
    """For the "test a rule" form: eligible are those who handle that school's cases."""
    school_ids = [sample.school_id] if sample.school_id else []
    return decide(
        district=district,
        sample=sample,
        eligible=case_handlers(district_ids=[district.pk], school_ids=school_ids),
    )


def watchers_of_case(*, case: Case) -> list[CaseWatcher]:
    return list(
        CaseWatcher.objects.filter(case=case).select_related("user").order_by("user__username")
    )


def routing_history(*, case: Case) -> list[tuple[AuditEvent, RoutingRule | None]]:
    """The case's routing events, newest first, each with its rule if it still exists."""
    events = list(
        AuditEvent.objects.filter(
            target_type="cases.case", target_id=str(case.pk), action="case.routed"
        ).order_by("-on", "-id")[:20]
    )
    rules = RoutingRule.objects.in_bulk({event.detail.get("rule") for event in events} - {None})
    return [(event, rules.get(event.detail.get("rule"))) for event in events]
