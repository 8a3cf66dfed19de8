"""Arrival days: what a reporter's action leaves behind is the day, never the time.

Staff must not learn when a reporter acted (in a small school the minute can name the
child; the new-report notice is delayed and jittered for that reason), so a report, a case
opened from it, a message and a file store the district's calendar day only, and a
`sequence` orders the rows of one scope within that day.
"""

from django.db import models
from django.db.models import Max


class DaySequenced(models.Model):
    """A row kept to the day, ordered within it by `sequence` (1, 2, 3... in its scope).

    The service that writes the row holds a lock on the scope (the district's case-number
    row, or the report) so that two writers cannot draw the same number. A large scope (a
    district's cases and reports) counts within its day only, through an index: the count
    over every row of the district took ~440 ms per report at 1M reports (issue 20).
    """

    sequence = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.sequence:
            self.sequence = (self.sequence_scope().aggregate(last=Max("sequence"))["last"] or 0) + 1
        super().save(*args, **kwargs)

    def sequence_scope(self) -> models.QuerySet:
        """The rows this one is numbered among."""
        raise NotImplementedError
