"""The database backend's index: blind-index tokens per case, never a word of plaintext.

Structured fields (district, school, status, bases, dates) are already columns of `Case`, so
this table only adds the keyword tokens. A btree index on (token, case) answers "which cases
hold this token" on PostgreSQL and SQLite alike; an exact-match lookup needs no GIN index.
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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "case", "source"], name="search_token_unique")
        ]
        indexes = [models.Index(fields=["case"], name="search_token_case")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.source}"
