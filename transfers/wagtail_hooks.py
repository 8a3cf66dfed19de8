"""Transfer requests in the Wagtail admin: URLs, the "Transfers" menu item, and the case
page's section listing the case's transfer requests."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.admin.detail import CASE_PAGE_SECTIONS_HOOK
from cases.choices import TransferInterest
from transfers import urls as transfer_urls
from transfers.selectors import transfers_for_user, user_handles_transfers


@hooks.register("register_admin_urls")
def register_transfer_urls():
    return [path("transfers/", include(transfer_urls, namespace="transfers_admin"))]


class TransfersMenuItem(MenuItem):
    def is_shown(self, request):
        if not hasattr(request, "_handles_transfers"):
            request._handles_transfers = user_handles_transfers(user=request.user)
        return request._handles_transfers


@hooks.register("register_admin_menu_item")
def register_transfers_menu_item():
    return TransfersMenuItem(
        _("Transfers"),
        reverse("transfers_admin:list"),
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
