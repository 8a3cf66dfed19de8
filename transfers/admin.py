"""The "Transfers" listing: Wagtail's own ModelViewSet for transfer requests.

Registered from transfers/wagtail_hooks.py under /admin/transfers/, the URL the hand-written
list had; the viewset also mounts the request's own page and its actions (transfers/urls.py),
which stay custom views, so every transfer URL keeps its path and its `transfers_admin:` name.

Who: a transfer officer of either district of a request, and an officer handling one of its
linked cases (`transfers_for_user`). Anyone else has no menu item and the listing answers 404;
a request they may not see is neither listed, counted, filtered nor exported. The CSV/XLSX
export holds exactly the list's columns: never the reason, the summary or the messages.
"""

import django_filters
from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from cases.admin.listings import (
    ObjectPermissionListing,
    ShortDateColumn,
    ViewOnlyPolicy,
    ViewOnlyViewSet,
    short_date,
)
from cases.roles import HANDLE_DISTRICT_TRANSFERS
from cases.selectors.access import staff_access
from transfers import urls as transfer_urls
from transfers.models import TransferRequest, TransferStatus
from transfers.selectors import transfer_list, transfers_for_user


def enters_transfers(user) -> bool:
    """A transfer officer of some district (who may enter a request). Kept on the user
    object for the request: the menu, the listing and its header button all ask."""
    if not hasattr(user, "_enters_transfers"):
        user._enters_transfers = bool(
            staff_access(user=user).district_ids(HANDLE_DISTRICT_TRANSFERS)
        )
    return user._enters_transfers


def handles_transfers(user) -> bool:
    """`user_handles_transfers`, asked once per request."""
    if not hasattr(user, "_handles_transfers"):
        user._handles_transfers = enters_transfers(user) or (
            user.is_active and transfers_for_user(user=user).exists()
        )
    return user._handles_transfers


register_permission_policy(
    TransferRequest,
    ViewOnlyPolicy(TransferRequest, may_view=handles_transfers, visible=transfers_for_user),
)


def _place(district, school) -> str:
    return f"{district} · {school}" if school else str(district)


def _from(transfer: TransferRequest) -> str:
    return _place(transfer.sending_district, transfer.sending_school)


def _to(transfer: TransferRequest) -> str:
    return _place(transfer.receiving_district, transfer.receiving_school)


def _owner(transfer: TransferRequest) -> str:
    return str(transfer.owner_district) if transfer.owner_district_id else "—"


class TransferFilterSet(WagtailFilterSet):
    number = django_filters.CharFilter(
        label=gettext_lazy("Transfer number"),
        method="filter_number",
        max_length=32,
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Step"),
        choices=TransferStatus.choices,
        empty_label=gettext_lazy("Any step"),
    )

    class Meta:
        model = TransferRequest
        fields = ["number", "status"]

    def filter_number(self, queryset, name, value) -> QuerySet[TransferRequest]:
        """The requests whose number contains it, in any case ("tr-2026-00012", "00012")."""
        value = value.strip()
        return queryset.filter(number__icontains=value) if value else queryset


class TransferIndexView(ObjectPermissionListing, generic.IndexView):
    page_title = gettext_lazy("Transfer requests")
    default_ordering = "step_due"
    # The export holds the list's columns only: a reason or a summary may name a child.
    list_export = ["number", "from", "to", "step", "owner", "due"]

    def user_may_open(self, user) -> bool:
        return handles_transfers(user)

    def visible_queryset(self) -> QuerySet[TransferRequest]:
        return transfer_list(user=self.request.user)

    def order_queryset(self, queryset) -> QuerySet[TransferRequest]:
        # Ties (the same due day, or a column sorted) keep the newest request first.
        ordering = self.ordering or "step_due"
        return queryset.order_by(ordering, "-created_at", "-pk")

    @cached_property
    def columns(self) -> list[Column]:
        number = TitleColumn(
            "number",
            label=_("Number"),
            sort_key="number",
            get_url=lambda transfer: reverse("transfers_admin:detail", args=[transfer.pk]),
        )
        return [
            number,
            Column("from", label=_("From"), accessor=_from),
            Column("to", label=_("To"), accessor=_to),
            Column("step", label=_("Step"), accessor="get_status_display", sort_key="status"),
            Column("owner", label=_("Owner"), accessor=_owner),
            ShortDateColumn("due", label=_("Due"), accessor="step_due", sort_key="step_due"),
        ]

    @cached_property
    def export_headings(self) -> dict:
        return {column.name: column.label for column in self.columns}

    def to_row_dict(self, item: TransferRequest) -> dict:
        return {
            "number": item.number,
            "from": _from(item),
            "to": _to(item),
            "step": item.get_status_display(),
            "owner": _owner(item),
            "due": short_date(item.step_due),
        }

    def get_filename(self) -> str:
        return "transfer-requests"

    @cached_property
    def header_buttons(self) -> list:
        """ "Enter a transfer request" for a transfer officer of any district."""
        if not enters_transfers(self.request.user):
            return []
        return [
            HeaderButton(
                _("Enter a transfer request"),
                url=reverse("transfers_admin:create"),
                icon_name="plus",
            )
        ]

    @cached_property
    def no_results_message(self) -> str:
        number = self.filters.form.cleaned_data.get("number") if self.is_filtering else ""
        if number:
            return _('No transfer request has a number containing "%(number)s".') % {
                "number": number
            }
        if self.is_filtering:
            return _("No transfer request matches these filters.")
        return _("No transfer requests.")


class TransfersViewSet(ViewOnlyViewSet):
    # Entering and moving a request are the transfer screens' own, through the services.
    model = TransferRequest
    name = "transfers_admin"
    url_prefix = "transfers"
    icon = "redirect"
    add_to_admin_menu = False  # the menu item is transfers/wagtail_hooks.py's, shown per user
    index_view_class = TransferIndexView
    filterset_class = TransferFilterSet

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *transfer_urls.urlpatterns,
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        """None: the group editor must not offer checkboxes that would grant nothing."""
        return Permission.objects.none()
