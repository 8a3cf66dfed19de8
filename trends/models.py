"""Trend cells: case counts per district, school, month and breakdown code.

`CaseTrendCount` began in the `search` app; its table keeps the `search_` name, so moving it
copied no data.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrendDimension(models.TextChoices):
    ALL = "all", _("All cases")
    BASIS = "basis", _("Bias basis")
    INCIDENT_TYPE = "incident_type", _("Incident type")
    GRADE_BAND = "grade_band", _("Grade band")
    STATUS = "status", _("Status")
    CRDC = "crdc", _("CRDC harassment or bullying basis")


class CaseTrendCount(models.Model):
    """How many of a district's cases opened in a month, per school and breakdown code.

    The trend reports add these cells up instead of grouping every case, so they cost the same
    at 1M reports as at 1,000: the table grows with schools x months x codes, not with reports
    (docs/benchmarks.md). Derived data only, never a word of a report: `trends.counts`
    recounts a district's months from the cases after each change, through the case's outbox
    job, and the nightly rebuild repairs anything a lost job missed.
    """

    district = models.ForeignKey("cases.District", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(
        "cases.School", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    month = models.DateField()
    dimension = models.CharField(max_length=20, choices=TrendDimension.choices)
    # The breakdown's code (a basis code, a status ...); empty for ALL.
    code = models.CharField(max_length=40, blank=True)
    cases = models.PositiveIntegerField()

    class Meta:
        db_table = "search_casetrendcount"
        indexes = [
            models.Index(fields=["district", "dimension", "month"], name="search_trend_cells")
        ]

    def __str__(self) -> str:
        return f"{self.district_id} {self.month:%Y-%m} {self.dimension}:{self.code}={self.cases}"
