"""Due dates from a district's rules: school days skip weekends and the district's closures."""

from collections.abc import Iterable
from datetime import date, timedelta

from cases.models import District


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
