"""Trend reports for district administrators, computed from non-identifying fields only.

Every table leaves this module already suppressed with the district's threshold (see
`privacy.suppression`), so no chart, CSV or page can show a count small enough to point at a
child. Durations are only summarised as medians over at least `threshold` cases (or, for
transfer requests, `threshold` completed stays in a step). Case counts add up the cells of
`CaseTrendCount` (kept by `trends.counts`), so a page costs the same whatever the number
of reports; medians read the cases. Transfer figures come from
`cases.selectors.transfer_reports`: requests where the district sends or receives.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import GradeBand
from cases.models import BiasBasis, Case, CaseStatus, CrdcCategory, District, IncidentType, School
from privacy.suppression import SuppressedTable, suppress_series, suppress_statistic, suppress_table
from transfers.models import TransferStatus
from transfers.trends import (
    DIRECTION_LABELS,
    INCOMING,
    OUTGOING,
    TIMED_STEPS,
    StepTime,
    TransferOutcome,
    district_transfers,
    linked_basis_counts,
    transfer_outcome_counts,
    transfer_step_times,
)
from trends import counts as trend_counts
from trends.models import CaseTrendCount

# A school year runs July to June and is named by the calendar year it starts in.
SCHOOL_YEAR_START_MONTH = 7
MONTH_ORDER = [7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6]


@dataclass(frozen=True)
class Trend:
    key: str
    title: str
    table: SuppressedTable
    row_labels: dict[str, str]
    column_labels: dict[str, str]
    # False for a table of medians: medians do not add up to a total.
    totals: bool = True


def school_year_of(day: date) -> int:
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def school_year_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def school_year_bounds(year: int) -> tuple[datetime, datetime]:
    start = date(year, SCHOOL_YEAR_START_MONTH, 1)
    end = date(year + 1, SCHOOL_YEAR_START_MONTH, 1)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.min, tzinfo=zone),
    )


def district_cases(*, district: District, school_year: int | None = None) -> QuerySet[Case]:
    cases = Case.objects.filter(district=district)
    if school_year is not None:
        start, end = school_year_bounds(school_year)
        cases = cases.filter(opened_on__gte=start.date(), opened_on__lt=end.date())
    return cases


def _cells(
    *, district: District, dimension: str | None, school_year: int | None = None
) -> QuerySet[CaseTrendCount]:
    cells = CaseTrendCount.objects.filter(district=district)
    if dimension is not None:
        cells = cells.filter(dimension=dimension)
    if school_year is not None:
        cells = cells.filter(
            month__gte=date(school_year, SCHOOL_YEAR_START_MONTH, 1),
            month__lt=date(school_year + 1, SCHOOL_YEAR_START_MONTH, 1),
        )
    return cells.order_by()


class TrendCells:
    """The trend cells one page reads for a district and school year, each query run once
    however many charts use it (the trends page draws nine charts from four queries).

    `school_year` None reads no year's breakdowns (the year list of the filter form)."""

    def __init__(self, *, district: District, school_year: int | None = None):
        self.district = district
        self.school_year = school_year

    @cached_property
    def month_counts(self) -> Counter:
        """Cases by month, every month of the district (one small row per month)."""
        return _month_counts(district=self.district)

    def months_of_year(self, school_year: int) -> Counter:
        start = date(school_year, SCHOOL_YEAR_START_MONTH, 1)
        end = date(school_year + 1, SCHOOL_YEAR_START_MONTH, 1)
        return Counter({m: n for m, n in self.month_counts.items() if start <= m < end})

    @cached_property
    def code_counts(self) -> dict[str, dict[str, int]]:
        """The year's counts by code, for every coded breakdown of the page, in one query."""
        rows = (
            _cells(district=self.district, dimension=None, school_year=self.school_year)
            .filter(dimension__in=CODED_DIMENSIONS)
            .values_list("dimension", "code")
            .annotate(n=Sum("cases"))
        )
        counts: dict[str, dict[str, int]] = {dimension: {} for dimension in CODED_DIMENSIONS}
        for dimension, code, n in rows:
            if code is not None:
                counts[dimension][str(code)] = n
        return counts

    @cached_property
    def school_counts(self) -> dict[str, int]:
        rows = (
            _cells(district=self.district, dimension=trend_counts.ALL, school_year=self.school_year)
            .values_list("school_id")
            .annotate(n=Sum("cases"))
        )
        return {str(school_id): n for school_id, n in rows if school_id is not None}

    @cached_property
    def basis_labels(self) -> dict[str, str]:
        return {item.code: str(item.label) for item in BiasBasis.objects.all()}

    @cached_property
    def incident_type_labels(self) -> dict[str, str]:
        return {item.code: str(item.label) for item in IncidentType.objects.all()}


# The breakdowns read by code (the school breakdown reads the ALL cells by school).
CODED_DIMENSIONS = (
    trend_counts.BASIS,
    trend_counts.INCIDENT_TYPE,
    trend_counts.GRADE_BAND,
    trend_counts.STATUS,
)


def _cells_of(cells: TrendCells | None, district: District, school_year: int | None) -> TrendCells:
    return cells if cells is not None else TrendCells(district=district, school_year=school_year)


def school_years_with_cases(*, district: District, cells: TrendCells | None = None) -> list[int]:
    months = _cells_of(cells, district, None).month_counts
    return sorted({school_year_of(month) for month in months}) or [
        school_year_of(timezone.localdate())
    ]


def _month_counts(*, district: District) -> Counter:
    rows = (
        _cells(district=district, dimension=trend_counts.ALL)
        .values_list("month")
        .annotate(n=Sum("cases"))
    )
    return Counter(dict(rows))


def _months_of(year: int) -> list[date]:
    return [date(year if m >= SCHOOL_YEAR_START_MONTH else year + 1, m, 1) for m in MONTH_ORDER]


def counts_by_month(
    *, district: District, school_year: int, cells: TrendCells | None = None
) -> Trend:
    counts = _cells_of(cells, district, school_year).months_of_year(school_year)
    months = _months_of(school_year)
    labels = {m.isoformat()[:7]: m.strftime("%b %Y") for m in months}
    series = {m.isoformat()[:7]: counts.get(m, 0) for m in months}
    return Trend(
        "month",
        _("Cases opened by month"),
        suppress_series(series, labels=list(labels), threshold=district.suppression_threshold),
        {"all": _("Cases")},
        labels,
    )


def counts_by_quarter(
    *, district: District, school_year: int, cells: TrendCells | None = None
) -> Trend:
    counts = _cells_of(cells, district, school_year).months_of_year(school_year)
    quarters = Counter()
    for month, n in counts.items():
        quarters[f"Q{(month.month - 1) // 3 + 1} {month.year}"] += n
    order = []
    for month in _months_of(school_year)[::3]:
        order.append(f"Q{(month.month - 1) // 3 + 1} {month.year}")
    return Trend(
        "quarter",
        _("Cases opened by quarter"),
        suppress_series(quarters, labels=order, threshold=district.suppression_threshold),
        {"all": _("Cases")},
        {q: q for q in order},
    )


def counts_by_school_year(*, district: District, cells: TrendCells | None = None) -> Trend:
    cells = _cells_of(cells, district, None)
    counts = Counter()
    for month, n in cells.month_counts.items():
        counts[str(school_year_of(month))] += n
    years = [str(y) for y in school_years_with_cases(district=district, cells=cells)]
    return Trend(
        "school_year",
        _("Cases opened by school year"),
        suppress_series(counts, labels=years, threshold=district.suppression_threshold),
        {"all": _("Cases")},
        {y: school_year_label(int(y)) for y in years},
    )


def _dimension_counts(*, cells: TrendCells, dimension: str):
    """(counts by code, labels by code) for one breakdown."""
    if dimension == "school":
        counts = cells.school_counts
        labels = {s.pk: s.name for s in School.objects.filter(district=cells.district)}
    elif dimension == trend_counts.BASIS:
        counts, labels = cells.code_counts[dimension], cells.basis_labels
    elif dimension == trend_counts.INCIDENT_TYPE:
        counts, labels = cells.code_counts[dimension], cells.incident_type_labels
    elif dimension in (trend_counts.GRADE_BAND, trend_counts.STATUS):
        counts = cells.code_counts[dimension]
        labels = dict(
            GradeBand.choices if dimension == trend_counts.GRADE_BAND else CaseStatus.choices
        )
    else:
        raise ValueError(dimension)
    return counts, {str(code): str(label) for code, label in labels.items()}


DIMENSION_TITLES = {
    "basis": _("Cases by bias basis"),
    "incident_type": _("Cases by incident type"),
    "school": _("Cases by school"),
    "grade_band": _("Cases by grade band"),
    "status": _("Cases by status"),
}


def counts_by(
    *, district: District, dimension: str, school_year: int, cells: TrendCells | None = None
) -> Trend:
    """A breakdown; a case with two bases counts once under each (the total counts mentions)."""
    counts, labels = _dimension_counts(
        cells=_cells_of(cells, district, school_year), dimension=dimension
    )
    return Trend(
        dimension,
        DIMENSION_TITLES[dimension],
        suppress_series(counts, labels=list(labels), threshold=district.suppression_threshold),
        {"all": _("Cases")},
        labels,
    )


def year_over_year(
    *, district: District, school_year: int, cells: TrendCells | None = None
) -> Trend:
    cells = _cells_of(cells, district, school_year)
    years = [school_year - 1, school_year]
    counts = {}
    for year in years:
        month_counts = cells.months_of_year(year)
        for index, month in enumerate(_months_of(year)):
            counts[(str(year), MONTH_ORDER[index])] = month_counts.get(month, 0)
    columns = [str(m) for m in MONTH_ORDER]
    table = suppress_table(
        {(row, str(month)): n for (row, month), n in counts.items()},
        rows=[str(y) for y in years],
        columns=columns,
        threshold=district.suppression_threshold,
    )
    return Trend(
        "year_over_year",
        _("Year over year, by month"),
        table,
        {str(y): school_year_label(y) for y in years},
        {str(m): date(2000, m, 1).strftime("%b") for m in MONTH_ORDER},
    )


@dataclass(frozen=True)
class Timeliness:
    acknowledge_days: float | None
    acknowledged_cases: int | None
    resolve_days: float | None
    resolved_cases: int | None


class MedianSeconds(Aggregate):
    """PostgreSQL's median of an interval, in seconds (interpolated like `statistics.median`)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM %(expressions)s))"
    output_field = FloatField()


def _days_between(cases: QuerySet[Case], *, start: str, end: str) -> tuple[float | None, int]:
    """(median days from the day `start` to the local day of `end`, cases having both).

    Whole days: a case keeps the day it was opened, never the time (cases.models.arrival).
    On PostgreSQL the database computes the median: a large district's year is tens of
    thousands of cases, too many to fetch for one number (docs/benchmarks.md)."""
    cases = cases.filter(**{f"{end}__isnull": False})
    if connection.vendor == "postgresql":
        elapsed = ExpressionWrapper(TruncDate(end) - F(start), output_field=DurationField())
        row = cases.aggregate(n=Count("pk"), median=MedianSeconds(elapsed))
        median = row["median"] / 86400 if row["median"] is not None else None
        return median, row["n"]
    days = [
        float((timezone.localdate(finish) - begin).days)
        for begin, finish in cases.values_list(start, end)
    ]
    return (statistics.median(days) if days else None), len(days)


def timeliness(*, district: District, school_year: int) -> Timeliness:
    """Median days to acknowledge and to close; hidden when too few cases to be anonymous."""
    cases = district_cases(district=district, school_year=school_year)
    threshold = district.suppression_threshold

    def suppressed(median: float | None, population: int) -> tuple:
        value = round(median, 1) if median is not None else None
        return (
            suppress_statistic(value, population=population, threshold=threshold),
            suppress_statistic(population, population=population, threshold=threshold),
        )

    acknowledge = suppressed(*_days_between(cases, start="opened_on", end="acknowledged_at"))
    resolve = suppressed(*_days_between(cases, start="opened_on", end="closed_at"))
    return Timeliness(*acknowledge, *resolve)


CRDC_COLUMNS = [c for c in CrdcCategory if c != CrdcCategory.NONE]


def crdc_allegations(*, district: District, school_year: int) -> Trend:
    """Harassment or bullying allegations by CRDC basis, per school (each case once per basis)."""
    rows = (
        _cells(district=district, dimension=trend_counts.CRDC, school_year=school_year)
        .values("school_id", "code")
        .annotate(n=Sum("cases"))
    )
    counts = {(str(r["school_id"]), r["code"]): r["n"] for r in rows}
    schools = list(School.objects.filter(district=district).order_by("name"))
    table = suppress_table(
        counts,
        rows=[str(s.pk) for s in schools],
        columns=[c.value for c in CRDC_COLUMNS],
        threshold=district.suppression_threshold,
    )
    return Trend(
        "crdc",
        _("CRDC harassment and bullying allegations"),
        table,
        {str(s.pk): s.name for s in schools},
        {c.value: str(c.label) for c in CRDC_COLUMNS},
    )


def _district_transfers_of_year(district: District, school_year: int):
    start, end = school_year_bounds(school_year)
    return district_transfers(district=district, created_from=start, created_before=end)


def transfer_outcomes(*, district: District, school_year: int) -> Trend:
    """Requests created in the year, sent and received, by where they stand now."""
    counts = transfer_outcome_counts(
        district=district, transfers=_district_transfers_of_year(district, school_year)
    )
    outcomes = list(TransferOutcome.LABELS)
    return Trend(
        "transfer_outcome",
        _("Transfer requests by outcome"),
        suppress_table(
            counts,
            rows=[OUTGOING, INCOMING],
            columns=outcomes,
            threshold=district.suppression_threshold,
        ),
        {key: str(label) for key, label in DIRECTION_LABELS.items()},
        {key: str(label) for key, label in TransferOutcome.LABELS.items()},
    )


def transfer_bases(
    *, district: District, school_year: int, cells: TrendCells | None = None
) -> Trend:
    """Requests by the bias bases of their linked cases (this district's cases only)."""
    counts = linked_basis_counts(
        district=district, transfers=_district_transfers_of_year(district, school_year)
    )
    labels = _cells_of(cells, district, school_year).basis_labels
    return Trend(
        "transfer_basis",
        _("Transfer requests by linked bias basis"),
        suppress_series(counts, labels=list(labels), threshold=district.suppression_threshold),
        {"all": _("Transfer requests")},
        labels,
    )


OWN, PARTNERS = "own", "partners"


def _median_days_by_step(
    *, key: str, title, district: District, durations: dict, row_labels: dict[str, str]
) -> Trend:
    """Median days per (row, step); a median over fewer than the district's threshold of
    stays is suppressed, like a small count. No totals: medians do not add up."""
    threshold = district.suppression_threshold

    def median(values) -> float | None:
        value = round(statistics.median(values), 1) if values else None
        return suppress_statistic(value, population=len(values), threshold=threshold)

    rows, columns = tuple(row_labels), TIMED_STEPS
    table = SuppressedTable(
        rows=rows,
        columns=columns,
        cells={(r, c): median(durations.get((r, c), ())) for r in rows for c in columns},
        row_totals=dict.fromkeys(rows),
        column_totals=dict.fromkeys(columns),
        total=None,
    )
    return Trend(
        key,
        title,
        table,
        row_labels,
        {status: str(TransferStatus(status).label) for status in columns},
        totals=False,
    )


def transfer_step_medians(*, district: District, school_year: int) -> Trend:
    """Median days in each step, for steps this district owned and steps its partner
    districts owned, over completed stays of the year's requests."""
    durations: dict[tuple[str, str], list[float]] = {}
    step_times = transfer_step_times(
        district=district, transfers=_district_transfers_of_year(district, school_year)
    )
    for step in step_times:
        row = OWN if step.owner_district_id == district.pk else PARTNERS
        durations.setdefault((row, step.status), []).extend(step.durations_days)
    return _median_days_by_step(
        key="transfer_steps",
        title=_("Median days in each transfer step"),
        district=district,
        durations=durations,
        row_labels={OWN: district.name, PARTNERS: str(_("Partner districts"))},
    )


def transfer_timeline(*, district: District, step_times: list[StepTime]) -> Trend:
    """Median days in each step for each district that owned steps of `district`'s requests
    (its own row first, then its partners by name), suppressed like `transfer_step_medians`."""
    durations = {
        (str(step.owner_district_id), step.status): step.durations_days for step in step_times
    }
    partners = District.objects.filter(
        pk__in={step.owner_district_id for step in step_times} - {district.pk}
    ).order_by("name")
    return _median_days_by_step(
        key="transfer_timeline",
        title=_("Transfer timeline: median days in each step, by district"),
        district=district,
        durations=durations,
        row_labels={str(district.pk): district.name, **{str(d.pk): d.name for d in partners}},
    )


# Offered as tables and exports, not drawn as charts.
TABLE_ONLY_TRENDS = ("crdc", "transfer_timeline")

TREND_BUILDERS = {
    "month": lambda district, year, cells: counts_by_month(
        district=district, school_year=year, cells=cells
    ),
    "quarter": lambda district, year, cells: counts_by_quarter(
        district=district, school_year=year, cells=cells
    ),
    "school_year": lambda district, year, cells: counts_by_school_year(
        district=district, cells=cells
    ),
    "year_over_year": lambda district, year, cells: year_over_year(
        district=district, school_year=year, cells=cells
    ),
    **{
        dimension: (
            lambda district, year, cells, dimension=dimension: counts_by(
                district=district, dimension=dimension, school_year=year, cells=cells
            )
        )
        for dimension in DIMENSION_TITLES
    },
    "crdc": lambda district, year, cells: crdc_allegations(district=district, school_year=year),
    "transfer_outcome": lambda district, year, cells: transfer_outcomes(
        district=district, school_year=year
    ),
    "transfer_basis": lambda district, year, cells: transfer_bases(
        district=district, school_year=year, cells=cells
    ),
    "transfer_steps": lambda district, year, cells: transfer_step_medians(
        district=district, school_year=year
    ),
    "transfer_timeline": lambda district, year, cells: transfer_timeline(
        district=district,
        step_times=transfer_step_times(
            district=district, transfers=_district_transfers_of_year(district, year)
        ),
    ),
}


def all_trends(
    *, district: District, school_year: int, cells: TrendCells | None = None
) -> list[Trend]:
    """Every chart on the trends page (the CRDC table and the transfer timeline are shown
    apart), from one read of each kind of cell."""
    cells = _cells_of(cells, district, school_year)
    return [
        build(district, school_year, cells)
        for key, build in TREND_BUILDERS.items()
        if key not in TABLE_ONLY_TRENDS
    ]


def trend_by_key(*, district: District, school_year: int, key: str) -> Trend | None:
    build = TREND_BUILDERS.get(key)
    return (
        build(district, school_year, TrendCells(district=district, school_year=school_year))
        if build
        else None
    )
