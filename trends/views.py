"""Trend screens for district administrators: charts and suppressed CSV downloads.

Only districts where the user holds `view_district_trends` (an object permission) can be
chosen; any other district answers 404. Nothing here reads a narrative, name or contact.
"""

import csv

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from cases.models import District
from cases.roles import VIEW_DISTRICT_TRENDS
from cases.selectors.organisation import districts_with_permission
from cases.services.audit import record_audit_event
from transfers.trends import transfer_timeline_for_administrator
from trends.charts import bar_chart
from trends.reports import (
    TREND_BUILDERS,
    all_trends,
    school_year_bounds,
    school_year_label,
    school_year_of,
    school_years_with_cases,
    timeliness,
    transfer_timeline,
    trend_by_key,
)

SUPPRESSED = gettext_lazy("suppressed")


def trend_districts(user):
    return districts_with_permission(user=user, codename=VIEW_DISTRICT_TRENDS).order_by("name")


class TrendFilterForm(forms.Form):
    district = forms.ModelChoiceField(
        label=gettext_lazy("District"),
        queryset=District.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Choose one of your districts.")},
    )
    year = forms.TypedChoiceField(
        label=gettext_lazy("School year"),
        coerce=int,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the listed school years.")},
    )

    def __init__(self, data, *, districts, district_for_years):
        super().__init__(data)
        self.fields["district"].queryset = districts
        years = school_years_with_cases(district=district_for_years)
        current = school_year_of(timezone.localdate())
        years = sorted({*years, current}, reverse=True)
        self.fields["year"].choices = [(y, school_year_label(y)) for y in years]


def _selection(request):
    """(district, year, form) chosen by the request; 404 when the user has no trend district."""
    districts = trend_districts(request.user)
    first = districts.first()
    if first is None:
        raise Http404
    wanted = request.GET.get("district")
    chosen = districts.filter(pk=wanted).first() if wanted and wanted.isdigit() else None
    if wanted and chosen is None:
        raise Http404  # another district's trends: as if the page did not exist
    district = chosen or first
    data = {
        "district": district.pk,
        "year": request.GET.get("year") or school_year_of(timezone.localdate()),
    }
    form = TrendFilterForm(data, districts=districts, district_for_years=district)
    year = form.cleaned_data["year"] if form.is_valid() else school_year_of(timezone.localdate())
    return district, year, form


@never_cache
def trends_dashboard(request):
    district, year, form = _selection(request)
    trends = all_trends(district=district, school_year=year)
    start, end = school_year_bounds(year)
    timeline = transfer_timeline(
        district=district,
        step_times=transfer_timeline_for_administrator(
            user=request.user, district=district, created_from=start, created_before=end
        ),
    )
    context = {
        "form": form,
        "district": district,
        "year": year,
        "year_label": school_year_label(year),
        "charts": [(trend, bar_chart(trend), trend_rows(trend)) for trend in trends],
        "timeliness": timeliness(district=district, school_year=year),
        "timeline": (timeline, trend_rows(timeline)),
        "threshold": district.suppression_threshold,
        "header_title": _("Trends"),
    }
    return render(request, "trends/trends.html", context)


@never_cache
def trend_csv(request, key: str):
    if key not in TREND_BUILDERS:
        raise Http404
    district, year, _form = _selection(request)
    trend = trend_by_key(district=district, school_year=year, key=key)
    record_audit_event(
        action="trends.exported",
        actor=request.user,
        district=district,
        detail={"report": key, "school_year": year},
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{district.slug}-{key}-{school_year_label(year)}.csv"'
    )
    write_trend_csv(response, trend)
    return response


def _cell(value) -> str:
    return str(SUPPRESSED) if value is None else str(value)


def trend_rows(trend) -> tuple[list[str], list[list[str]]]:
    """Header and rows as shown and exported: suppressed cells read "suppressed"."""
    table = trend.table
    header = ["", *(str(trend.column_labels.get(c, c)) for c in table.columns)]
    rows = [
        [
            str(trend.row_labels.get(row, row)),
            *(_cell(table.cells[(row, c)]) for c in table.columns),
        ]
        for row in table.rows
    ]
    if not trend.totals:  # medians: nothing adds up
        return header, rows
    header.append(_("Total"))
    for row, line in zip(table.rows, rows, strict=True):
        line.append(_cell(table.row_totals[row]))
    if len(table.rows) > 1:
        rows.append(
            [
                _("Total"),
                *(_cell(table.column_totals[c]) for c in table.columns),
                _cell(table.total),
            ]
        )
    return header, rows


def write_trend_csv(stream, trend) -> None:
    header, rows = trend_rows(trend)
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(rows)
