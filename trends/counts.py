"""Keeping `CaseTrendCount` equal to what grouping the cases themselves would give.

A district's cells for a month are recounted from its cases, never incremented: a recount is
right however often or late it runs (the outbox runs a job at least once, possibly after a
later change), and the same code rebuilds everything (nightly, `manage.py
rebuild_trend_counts`, and the migration that made the table). `apps` lets that migration pass
its historical models.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import Count, DateField, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cases.models import Case, PurgedCase

# Case incident types that the Civil Rights Data Collection counts as allegations.
CRDC_ALLEGATION_TYPES = ("harassment", "bullying")

ALL, BASIS, INCIDENT_TYPE, GRADE_BAND, STATUS, CRDC = (
    "all",
    "basis",
    "incident_type",
    "grade_band",
    "status",
    "crdc",
)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first instant of `month` and of the next one, in the site's time zone."""
    zone = timezone.get_current_timezone()
    following = (month.replace(day=1) + timedelta(days=32)).replace(day=1)
    return (
        datetime.combine(month.replace(day=1), time.min, tzinfo=zone),
        datetime.combine(following, time.min, tzinfo=zone),
    )


def _opened_field(case_model) -> str:
    """`opened_on` (a day); `opened_at` in the historical models of search's migration 0002,
    which ran before cases stored days only."""
    names = {field.name for field in case_model._meta.get_fields()}
    return "opened_on" if "opened_on" in names else "opened_at"


def _count_rows(cases: QuerySet, *, apps) -> list[tuple[str, int | None, date, str, int]]:
    """(dimension, school id, month, code, cases) for every non-empty cell of `cases`."""
    case_model = apps.get_model("cases", "Case")
    opened = _opened_field(case_model)
    month = TruncMonth(opened, output_field=DateField())
    rows: list[tuple[str, int | None, date, str, int]] = []

    def add(dimension: str, grouped: QuerySet) -> None:
        for row in grouped.order_by():
            code = "" if dimension == ALL else str(row["code"] or "")
            rows.append((dimension, row["school_id"], _as_date(row["month"]), code, row["n"]))

    add(ALL, cases.values("school_id", month=month).annotate(n=Count("pk")))
    for dimension, field in ((GRADE_BAND, "grade_band"), (STATUS, "status")):
        add(
            dimension, cases.values("school_id", month=month, code=F(field)).annotate(n=Count("pk"))
        )

    def through_rows(through, of_cases: QuerySet, code: str, **exclude) -> QuerySet:
        return (
            through.objects.filter(case__in=of_cases)
            .exclude(**exclude)
            .values(
                school_id=F("case__school_id"),
                month=TruncMonth(f"case__{opened}", output_field=DateField()),
                code=F(code),
            )
            .annotate(n=Count("case_id", distinct=True))
        )

    bases, types = case_model.bias_bases.through, case_model.incident_types.through
    add(BASIS, through_rows(bases, cases, "biasbasis__code"))
    add(INCIDENT_TYPE, through_rows(types, cases, "incidenttype__code"))
    allegations = cases.filter(incident_types__code__in=CRDC_ALLEGATION_TYPES)
    crdc = through_rows(bases, allegations, "biasbasis__crdc_category", biasbasis__crdc_category="")
    add(CRDC, crdc)
    return rows


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def refresh_trend_counts(
    *, district_id: int, months: Iterable[date] | None = None, apps=global_apps
) -> int:
    """Recount the district's cells for `months` (every month when None); returns the cells."""
    district_model = apps.get_model("cases", "District")
    case_model = apps.get_model("cases", "Case")
    count_model = _count_model(apps)
    cells = count_model.objects.filter(district_id=district_id)
    cases = case_model.objects.filter(district_id=district_id)
    if months is not None:
        months = sorted({month.replace(day=1) for month in months})
        opened = _opened_field(case_model)
        window = Q(pk__in=[])
        for month in months:
            start, end = month_bounds(month)
            if opened == "opened_on":
                start, end = start.date(), end.date()
            window |= Q(**{f"{opened}__gte": start, f"{opened}__lt": end})
        cells, cases = cells.filter(month__in=months), cases.filter(window)
    with transaction.atomic():
        # One recount of a district at a time: two overlapping ones would both insert.
        locked = district_model.objects.select_for_update().filter(pk=district_id)
        if not list(locked.values_list("pk", flat=True)):
            return 0
        cells.delete()
        rows = _count_rows(cases, apps=apps)
        count_model.objects.bulk_create(
            (
                count_model(
                    district_id=district_id,
                    school_id=school_id,
                    month=month,
                    dimension=dimension,
                    code=code,
                    cases=n,
                )
                for dimension, school_id, month, code, n in rows
            ),
            batch_size=2000,
        )
    return len(rows)


def _count_model(apps):
    try:
        return apps.get_model("trends", "CaseTrendCount")
    except LookupError:  # search's migration 0002, which made the table before it moved here
        return apps.get_model("search", "CaseTrendCount")


def refresh_case_trend_counts(*, case_id) -> None:
    """Recount the month of this case's district that the case was opened in."""
    case = Case.objects.filter(pk=case_id).values("district_id", "opened_on").first()
    if case is not None:
        refresh_trend_counts(district_id=case["district_id"], months=[case["opened_on"]])


def refresh_purged_case_trend_counts(*, case_id, district_id: int) -> None:
    """A purged case leaves its month; its tombstone still says which month that was."""
    opened_on = (
        PurgedCase.objects.filter(case_id=case_id).values_list("opened_on", flat=True).first()
    )
    months = None if opened_on is None else [opened_on]
    refresh_trend_counts(district_id=district_id, months=months)


def recount_case_job(payload: dict) -> None:
    """The `trends.recount_case` outbox job (trends/topics.py)."""
    refresh_case_trend_counts(case_id=payload["case"])


def recount_purged_case_job(payload: dict) -> None:
    """The `trends.recount_purged` outbox job (trends/topics.py)."""
    refresh_purged_case_trend_counts(case_id=payload["case"], district_id=payload["district"])


def rebuild_trend_counts(*, apps=global_apps) -> int:
    """Recount every district from scratch; returns the number of cells."""
    district_model = apps.get_model("cases", "District")
    return sum(
        refresh_trend_counts(district_id=district_id, apps=apps)
        for district_id in district_model.objects.order_by("pk").values_list("pk", flat=True)
    )
