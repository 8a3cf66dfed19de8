"""An administrator reads how many days cases took to be acknowledged and closed: the median,
and only over enough cases to stay anonymous. On PostgreSQL the database computes it.

Whole days, from the day a case was opened to the district's day of the acknowledgement or
closing: a case keeps the day it was opened, never the time."""

import statistics
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case
from tests.factories import submit_report
from trends.reports import school_year_of, timeliness

pytestmark = pytest.mark.django_db


OPENED = timezone.now() - timedelta(days=1)
YEAR = school_year_of(timezone.localtime(OPENED).date())


def cases_taking(school, *, acknowledge_hours: list[int], close_days: list[int | None]) -> None:
    opened = OPENED
    for hours, days in zip(acknowledge_hours, close_days, strict=True):
        case = submit_report(school=school).case
        Case.objects.filter(pk=case.pk).update(
            opened_on=timezone.localdate(opened),
            acknowledged_at=opened + timedelta(hours=hours),
            closed_at=None if days is None else opened + timedelta(days=days),
        )


def test_the_median_days_to_acknowledge_and_to_close_are_shown_over_enough_cases(trends_world):
    hours = [2, 5, 9, 20, 26, 30, 47, 50, 70, 71, 96, 120]  # an even count: two middle values
    days = [3, 4, 5, 8, 9, 12, 15, 20, 21, 33, 40, None]  # one still open
    cases_taking(trends_world.school, acknowledge_hours=hours, close_days=days)

    result = timeliness(district=trends_world.district, school_year=YEAR)

    opened_on = timezone.localdate(OPENED)
    acknowledged = [
        (timezone.localdate(OPENED + timedelta(hours=h)) - opened_on).days for h in hours
    ]
    assert result.acknowledge_days == round(statistics.median(acknowledged), 1)
    assert result.acknowledged_cases == 12
    assert result.resolve_days == round(statistics.median(d for d in days if d), 1)
    assert result.resolved_cases == 11


def test_medians_over_fewer_cases_than_the_threshold_are_hidden(trends_world):
    cases_taking(trends_world.school, acknowledge_hours=[1, 2, 3], close_days=[5, 6, None])

    result = timeliness(district=trends_world.district, school_year=YEAR)

    assert result == type(result)(None, None, None, None)
