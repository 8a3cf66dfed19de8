"""A paginator that stops counting at a cap, for the searched case queue.

An exact COUNT(*) reads every match: a common word matches tens of thousands of cases and that
count, not the first page, set the search latency (docs/benchmarks.md, fix 4). Nobody pages
through a thousand matches, so past the cap the queue says "More than 1,000 cases match" and
pages through the first `cap` only; narrowing the search or the filters shows the rest.
"""

from django.core.paginator import Paginator
from django.db.models import IntegerField, Subquery
from django.utils.functional import cached_property


class _CountOf(Subquery):
    """`(SELECT COUNT(*) FROM (subquery))`: not correlated, so the database runs it once."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


class CappedCountPaginator(Paginator):
    """`Paginator` whose `count` stops at `cap`; `more_than_cap` says whether rows were left out.

    The count reads at most `cap + 1` rows (`SELECT COUNT(*) FROM (... LIMIT cap + 1)`), so it
    costs the same for 1,001 matches as for a million. The pages cover the first `cap` rows:
    the last page link and out-of-range page numbers land on page `ceil(cap / per_page)`.
    Without a cap (`cap=None`) it is Django's `Paginator`, exact count and all.
    """

    def __init__(self, object_list, per_page, *, cap: int | None, **kwargs):
        if cap is not None and cap < 1:
            raise ValueError("cap must be a positive number of rows, or None for no cap")
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def _rows_seen(self) -> int:
        """Rows counted, at most `cap + 1`: the extra row tells "exactly cap" from "more"."""
        limit = self.cap + 1
        if hasattr(self.object_list, "order_by"):
            # No ordering: the sort over every match is what the cap avoids. Only the primary
            # key in the subquery, so no annotation (unread replies) is computed for the count.
            return self.object_list.order_by().values("pk")[:limit].count()
        return len(self.object_list[:limit])

    def page(self, number):
        """The page's rows with the count in the same query (issue 20: one query less per
        listing); an empty or invalid page falls back to counting first, as Django does."""
        folded = self._page_with_count(number)
        return folded if folded is not None else super().page(number)

    def _page_with_count(self, number):
        if self.orphans or not hasattr(self.object_list, "annotate"):
            return None
        if "count" in self.__dict__ or "_rows_seen" in self.__dict__:
            return None  # already counted
        try:
            number = int(number)
        except (TypeError, ValueError):
            return None
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if self.cap is not None:
            top = min(top, self.cap)
        if number < 1 or bottom >= top:
            return None
        counted = self.object_list.order_by().values("pk")
        if self.cap is not None:
            counted = counted[: self.cap + 1]
        rows = list(self.object_list.annotate(rows_counted=_CountOf(counted))[bottom:top])
        if not rows:
            return None
        if self.cap is None:
            self.__dict__["count"] = rows[0].rows_counted
        else:
            self.__dict__["_rows_seen"] = rows[0].rows_counted
        return self._get_page(rows, number, self)

    @cached_property
    def count(self) -> int:
        if self.cap is None:
            return super().count
        return min(self._rows_seen, self.cap)

    @cached_property
    def more_than_cap(self) -> bool:
        return self.cap is not None and self._rows_seen > self.cap
