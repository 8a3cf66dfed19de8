"""Due dates from a district's rules, and the one definition of "overdue".

School days skip weekends and the district's closures.

A case has two clocks. Each runs only in some states, and a deadline counts (due soon,
overdue) only while its clock runs:

- acknowledge: runs while the case is open and nobody has acknowledged it yet (moving a case
  out of "new" records the acknowledgement);
- investigation: runs while the district still owes a finding, i.e. in new, triage,
  investigating and reopened. Once a finding is issued the investigation is complete, so a
  case in "finding issued" is never investigation-overdue, whatever its investigation due
  date says; closing it afterwards has no deadline. (The queue used to say so while the
  digest and reminder e-mails called such a case overdue.)

`overdue_condition` and `due_condition` express this as a Q for querysets (queue, dashboard,
search filter, digests, reminders, API); `is_overdue` and `running_deadlines` check one loaded
case in Python (case page badge, reminder kinds). Both read the same `CLOCKS`, so they cannot
disagree.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.db.models import Q

from cases.models import Case, CaseStatus, District
from cases.workflow import OPEN_STATUSES

S = CaseStatus
# Statuses in which the investigation clock runs: a finding is still owed.
INVESTIGATION_RUNNING = frozenset({S.NEW, S.TRIAGE, S.INVESTIGATING, S.REOPENED})


def add_school_days(start: date, days: int, closures: Iterable[date] = ()) -> date:
    """The date `days` school days after `start` (a report on Friday, 2 days: Tuesday)."""
    closed = set(closures)
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in closed:
            remaining -= 1
    return current


def acknowledge_due(*, district: District, opened_on: date) -> date:
    horizon = opened_on + timedelta(days=60)
    closures = district.closures.filter(date__gt=opened_on, date__lte=horizon).values_list(
        "date", flat=True
    )
    return add_school_days(opened_on, district.acknowledge_school_days, closures)


def investigation_due(*, district: District, opened_on: date) -> date:
    return opened_on + timedelta(days=district.investigation_days)


@dataclass(frozen=True)
class Clock:
    """One deadline of a case: the field holding its due date and when it runs."""

    name: str
    due_field: str
    statuses: frozenset[str]
    until_acknowledged: bool = False

    def running_condition(self) -> Q:
        running = Q(status__in=sorted(self.statuses))
        if self.until_acknowledged:
            running &= Q(acknowledged_at__isnull=True)
        return running

    def runs_for(self, case: Case) -> bool:
        if self.until_acknowledged and case.acknowledged_at is not None:
            return False
        return case.status in self.statuses

    def due_date(self, case: Case) -> date | None:
        """The due date of this clock for `case`, or None when the clock is not running."""
        return getattr(case, self.due_field) if self.runs_for(case) else None


ACKNOWLEDGE = Clock("acknowledge", "acknowledge_due", OPEN_STATUSES, until_acknowledged=True)
INVESTIGATION = Clock("investigation", "investigation_due", INVESTIGATION_RUNNING)
CLOCKS = (ACKNOWLEDGE, INVESTIGATION)


def due_condition(*, lookup: str, value) -> Q:
    """Cases with a running deadline whose due date matches `lookup` (e.g. "lte", "range")."""
    return reduce(
        or_,
        (
            clock.running_condition() & Q(**{f"{clock.due_field}__{lookup}": value})
            for clock in CLOCKS
        ),
    )


def overdue_condition(*, today: date) -> Q:
    """Cases with a running deadline that passed before `today`."""
    return due_condition(lookup="lt", value=today)


def running_deadlines(case: Case, *, until: date) -> list[tuple[Clock, date]]:
    """(clock, due date) of every running deadline of `case` due on or before `until`."""
    found = []
    for clock in CLOCKS:
        due = clock.due_date(case)
        if due is not None and due <= until:
            found.append((clock, due))
    return found


def is_overdue(case: Case, *, today: date) -> bool:
    """The Python twin of `overdue_condition`, for one loaded case."""
    return bool(running_deadlines(case, until=today - timedelta(days=1)))
