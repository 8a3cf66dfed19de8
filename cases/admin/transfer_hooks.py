"""Transfer requests in the Wagtail admin: URLs and the "Transfers" menu item."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.admin import transfer_urls
from cases.selectors.transfers import user_handles_transfers


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
