"""Transfer requests in the Wagtail admin: the viewset (the listing and every transfer URL),
the "Transfers" menu item, and the case page's section listing the case's transfer requests."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.admin.detail import CASE_PAGE_SECTIONS_HOOK
from cases.choices import TransferInterest
from transfers.admin import TransfersViewSet, handles_transfers
from transfers.selectors import transfers_for_user


@hooks.register("register_admin_viewset")
def register_transfers_viewset():
    return TransfersViewSet()


class TransfersMenuItem(MenuItem):
    def is_shown(self, request):
        return handles_transfers(request.user)


@hooks.register("register_admin_menu_item")
def register_transfers_menu_item():
    return TransfersMenuItem(
        _("Transfers"),
        reverse("transfers_admin:index"),
        name="transfers",
        icon_name="redirect",
        order=55,
    )


@hooks.register(CASE_PAGE_SECTIONS_HOOK)
def case_transfer_requests(request, case) -> str:
    """The case's transfer requests that this officer may open, and a way to start one."""
    transfers = list(
        transfers_for_user(user=request.user).filter(linked_cases=case).order_by("-created_at")
    )
    if not transfers and case.transfer_interest == TransferInterest.NO:
        return ""
    return render_to_string(
        "transfers/_case_section.html", {"case": case, "transfers": transfers}, request=request
    )
