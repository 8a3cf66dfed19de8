"""The database backend's index: blind-index tokens per case, never a word of plaintext.

Structured fields (district, school, status, bases, dates) are columns of `Case`; this table adds
the keyword tokens, plus a copy of what an officer's first page needs to be answered from the
index alone: the case's district and school (the scope an officer is granted) and the queue's
order keys. With them, "this token in these districts" is a range of the `(token, district, ...)`
index instead of every district's rows of a common word (docs/benchmarks.md, "Token index for
top-K"). The copies are kept in step by the search job every case change publishes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenSource(models.TextChoices):
    NARRATIVE = "narrative", _("Narrative")
    PEOPLE = "people", _("People involved")
    MESSAGE = "message", _("Messages")


class CaseSearchToken(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32)
    source = models.CharField(max_length=10, choices=TokenSource.choices)
    # Copies of the case's columns (ids, not foreign keys: no join, no extra index).
    district_id = models.BigIntegerField()
    school_id = models.BigIntegerField(null=True)
    life_safety = models.BooleanField(default=False)
    priority = models.PositiveSmallIntegerField()
    opened_on = models.DateField()
    sequence = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "case", "source"], name="search_token_unique")
        ]
        indexes = [
            models.Index(fields=["case"], name="search_token_case"),
            # In the queue's order within a district, the case id last for index-only scans.
            models.Index(
                fields=[
                    "token",
                    "district_id",
                    "-life_safety",
                    "-priority",
                    "opened_on",
                    "sequence",
                    "case",
                ],
                name="search_token_topk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.source}"
