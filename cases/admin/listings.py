"""What every staff listing built on Wagtail's `ModelViewSet` shares.

`ObjectPermissionListing` is mixed into a generic `IndexView` (and any other view of the
viewset): who may not use the screen gets 404, never 403, so its existence is not revealed;
the rows come from the screen's own selector (`visible_queryset`), the object permissions
applied inside the query, so a row of another district is neither listed, counted, filtered
nor exported; nothing is cached. An old `?page=` link is sent on to Wagtail's `?p=`. Pages
hold 10, 25, 50 or 100 rows (`?per_page=`), and the total stops counting at
`CASE_QUEUE_COUNT_CAP` rows as in the case queue.

`ViewOnlyViewSet` mounts such a listing without Wagtail's add, edit, delete and other
screens, for rows that change only through the app's own screens and services.

`ShortDateColumn` shows a date or a date-time as its day only: a
time of day can date a reporter's action.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format, localize
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import BasePermissionPolicy

from cases.admin.pagination import CappedCountPaginator

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


class CappedWagtailPaginator(CappedCountPaginator, WagtailPaginator):
    """Wagtail's paginator (its page links and "N items" label) with the capped count."""

    def __init__(self, object_list, per_page, **kwargs):
        kwargs.setdefault("cap", settings.CASE_QUEUE_COUNT_CAP)
        super().__init__(object_list, per_page, **kwargs)


def short_date(value) -> str:
    """A date, or a date-time's local day, in the short format; an em dash for none."""
    if value is None:
        return "—"
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return date_format(value, "SHORT_DATE_FORMAT")


class TextColumn(Column):
    """A `Column` whose cell is its value as escaped text, written without a template.

    Wagtail renders every cell through a template: a page of 100 rows and nine such columns
    spent more time there than in all its SQL (issue 20, docs/benchmarks.md). The markup is
    Wagtail's `tables/cell.html`."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        text = "" if value is None else localize(value)
        if not str(text).strip():
            text = self.empty_value_display
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, text)
        return format_html("<td>{}</td>", text)


class PythonRowsTable(Table):
    """Wagtail's `Table` whose body rows are written in Python, for a listing whose every cell
    renders without a template (`TextColumn` and the like): the template's loop over a page
    of 100 rows of 11 cells cost ~15 ms (issue 20). Header, caption and markup are Wagtail's
    (cases/admin/_table.html is its tables/table.html with the loop replaced)."""

    template_name = "cases/admin/_table.html"

    def body_html(self) -> str:
        return format_html_join(
            "\n", "<tr{}>{}</tr>", ((flatatt(row.attrs), self._cells(row)) for row in self.rows)
        )

    def _cells(self, row) -> str:
        context = {"row": row, "table": self}
        return format_html_join("", "{}", ((cell.render_html(context),) for cell in row.values()))


class ShortDateColumn(TextColumn):
    def get_value(self, instance):
        return short_date(super().get_value(instance))


class ViewOnlyViewSet(ModelViewSet):
    """A `ModelViewSet` for rows that change on the app's own screens, through its services:
    Wagtail's listing only, with no add, edit, copy, inspect, delete, history or usage
    screen (and no reference index), whatever the group editor grants."""

    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )


class ViewOnlyPolicy(BasePermissionPolicy):
    """Viewing only, decided by the screen's own rules: `may_view(user)` for the screen and
    `visible(user=)` for its rows; every change is a service's to check. Model permissions
    ticked on a group in Wagtail's group editor give nothing."""

    def __init__(self, model, *, may_view: Callable, visible: Callable):
        super().__init__(model)
        self.may_view, self.visible = may_view, visible

    def user_has_permission(self, user, action) -> bool:
        return action == "view" and self.may_view(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return action == "view" and self.visible(user=user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        return self.visible(user=user) if "view" in actions else self.model.objects.none()

    def users_with_any_permission(self, actions) -> QuerySet:
        users = get_user_model().objects
        return users.filter(is_active=True) if "view" in actions else users.none()


class ObjectPermissionListing:
    """Mixed in front of a Wagtail generic view. Subclasses say who may open the screen
    (`user_may_open`) and which rows they may see (`visible_queryset`)."""

    paginator_class = CappedWagtailPaginator
    page_sizes = PAGE_SIZES
    default_page_size = DEFAULT_PAGE_SIZE

    def user_may_open(self, user) -> bool:
        raise NotImplementedError

    def visible_queryset(self) -> QuerySet:
        raise NotImplementedError

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_open(request.user):
            raise Http404
        if "page" in request.GET and "p" not in request.GET:
            # The hand-written lists paged with ?page=; Wagtail's links say ?p=.
            query = request.GET.copy()
            query["p"] = query.pop("page")[-1]
            return redirect(f"{request.path}?{query.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet:
        return self.visible_queryset()

    @cached_property
    def header_more_buttons(self) -> list[Button]:
        """The page sizes, in the header's "more" menu, keeping the filters and the order."""
        buttons = super().header_more_buttons.copy()
        query = self.request.GET.copy()
        query.pop("p", None)
        for size in self.page_sizes:
            query["per_page"] = str(size)
            buttons.append(
                Button(
                    _("%(count)s per page") % {"count": size},
                    url=f"{self.request.path}?{query.urlencode()}",
                    icon_name="list-ul",
                    priority=200 + size,
                )
            )
        return buttons

    def get_paginate_by(self, queryset) -> int | None:
        if getattr(self, "is_export", False):
            return None  # an export holds every row the filters keep
        try:
            size = int(self.request.GET.get("per_page", self.default_page_size))
        except ValueError:
            return self.default_page_size
        return size if size in self.page_sizes else self.default_page_size
