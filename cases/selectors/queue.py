"""The case queue: the cases a user may handle, with what a list row needs in few queries."""

from collections.abc import Sequence
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from wagtail import hooks

from cases.deadlines import overdue_condition
from cases.models import Case, CaseStatus, MessageDirection, ReporterMessage, School
from cases.roles import HANDLE_DISTRICT_CASES, HANDLE_SCHOOL_CASES
from cases.selectors.access import staff_access
from cases.selectors.cases import cases_for_user
from cases.workflow import OPEN_STATUSES

# The Wagtail hook through which the search app answers the queue's search box
# (search/wagtail_hooks.py): (user=, text=, visible=) -> `visible` narrowed to the matches,
# raising ValidationError when the text cannot be searched. Without one, a case number.
NARROW_CASE_QUEUE_HOOK = "narrow_case_queue"

# And through this one, when its index keeps the queue's order (search/wagtail_hooks.py):
# (user=, text=, limit=) -> the first `limit` visible matching case pks in `CASE_QUEUE_ORDER`,
# or None when it cannot tell them without the general path.
FIRST_CASE_QUEUE_MATCHES_HOOK = "first_case_queue_matches"

# Possible imminent harm first, then priority, then the oldest first; the pk breaks the ties
# (two districts number their cases apart), so every path lists a queue in one order.
CASE_QUEUE_ORDER = ("-life_safety", "-priority", "opened_on", "sequence", "pk")

S = CaseStatus


def unread_replies_count() -> Coalesce:
    """Unread reporter replies of the outer case, as a correlated subquery.

    A subquery, not `Count` over a join: the join grouped every visible case with its reports
    and messages, and the paginator's COUNT(*) had to repeat that grouping (docs/benchmarks.md).
    """
    unread = (
        ReporterMessage.objects.filter(
            report__case=OuterRef("pk"),
            direction=MessageDirection.FROM_REPORTER,
            read_on__isnull=True,
        )
        .order_by()
        .values("report__case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def user_handles_cases(*, user: AbstractBaseUser) -> bool:
    """Whether `user` holds any case-handling role; others get 404 on every case URL."""
    if not user.is_active:
        return False
    access = staff_access(user=user)
    if access.district_ids(HANDLE_DISTRICT_CASES) or access.school_ids(HANDLE_SCHOOL_CASES):
        return True
    return user.is_superuser and School.objects.exists()  # guardian's superuser rule, as before


def _matching_cases(
    *, user: AbstractBaseUser, text: str, visible: QuerySet[Case]
) -> QuerySet[Case]:
    """`visible` narrowed to the cases matching `text`.

    The search narrows `visible` itself rather than returning its own permitted cases to be
    intersected: that nested the permission filter twice, and PostgreSQL then hashed every
    match of a common word before the first page (docs/benchmarks.md)."""
    for narrow in hooks.get_hooks(NARROW_CASE_QUEUE_HOOK):
        return narrow(user=user, text=text, visible=visible)
    return visible.filter(number=text.strip().upper())


def case_queue(*, user: AbstractBaseUser, today: date, search: str = "") -> QuerySet[Case]:
    """Visible cases annotated with `is_overdue` and `unread_replies`, life-safety first.

    `search` (keywords or a case number) narrows them through the search app's hook; it
    raises ValidationError when the words cannot be searched."""
    visible = cases_for_user(user=user)
    if search:
        visible = _matching_cases(user=user, text=search, visible=visible)
    return (
        visible.select_related("school", "district", "assignee")
        .annotate(
            is_overdue=ExpressionWrapper(
                overdue_condition(today=today), output_field=BooleanField()
            ),
            unread_replies=unread_replies_count(),
        )
        .order_by(*CASE_QUEUE_ORDER)
    )


class QueueMatches(Sequence):
    """The first matches of a searched queue, as case pks in the queue's order; a slice is
    another `QueueMatches`, and only iterating one reads its cases (a page reads its own rows,
    never the other matches). Paginators count it with `len()`."""

    def __init__(self, pks: list, rows: QuerySet[Case]):
        self.pks, self.rows = pks, rows

    def __len__(self) -> int:
        return len(self.pks)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return QueueMatches(self.pks[index], self.rows)
        return self.cases[index]

    def __iter__(self):
        return iter(self.cases)

    @cached_property
    def cases(self) -> list[Case]:
        found = {case.pk: case for case in self.rows.filter(pk__in=self.pks)} if self.pks else {}
        return [found[pk] for pk in self.pks if pk in found]


def first_searched_cases(
    *, user: AbstractBaseUser, today: date, search: str, limit: int
) -> QueueMatches | None:
    """The first `limit` rows of `case_queue(search=...)`, read in the queue's order from the
    search index, so a common word costs what one page shows, not every match (issue 20).

    Only for the queue as it comes (no other filter, its own order): None when the search
    app cannot answer so (a case number, a backend without the order), and the caller takes
    the general path. The page's rows are read through `case_queue`, so a stale index never
    shows a case the user may not handle."""
    for first in hooks.get_hooks(FIRST_CASE_QUEUE_MATCHES_HOOK):
        pks = first(user=user, text=search, limit=limit)
        if pks is None:
            return None
        return QueueMatches(pks, case_queue(user=user, today=today))
    return None


def queue_summary(*, user: AbstractBaseUser, today: date) -> dict[str, int]:
    """Counts for the dashboard panel, in one query."""
    mine = Q(assignee=user, status__in=OPEN_STATUSES)
    return cases_for_user(user=user).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        new=Count("pk", filter=Q(status=S.NEW)),
        mine=Count("pk", filter=mine),
        overdue=Count("pk", filter=overdue_condition(today=today)),
        life_safety=Count("pk", filter=Q(life_safety=True, status__in=OPEN_STATUSES)),
    )
