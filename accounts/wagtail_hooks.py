"""The idle-timeout warning on every admin page, and the staff-administration screens
(accounts/admin/: staff roles, the user and group editors' bulk action, invitations, people).

The timeout itself is enforced by `StaffIdleTimeoutMiddleware`; this only warns beforehand.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from accounts.admin import invitations, people, staff_roles, staff_users  # noqa: F401

WARN_SECONDS_BEFORE = 120


def warn_seconds_before(idle_seconds: int) -> int:
    return min(WARN_SECONDS_BEFORE, max(1, idle_seconds // 2))


@hooks.register("insert_global_admin_css")
def idle_warning_css():
    return format_html('<link rel="stylesheet" href="{}">', static("accounts/idle-warning.css"))


@hooks.register("insert_global_admin_js")
def idle_warning_js():
    timeout = settings.STAFF_IDLE_TIMEOUT_SECONDS
    # The middleware refreshes the activity time at most this often, so the real sign-out can
    # come that much earlier than the page's own clock says.
    idle_seconds = timeout - min(60, timeout // 10)
    warn_seconds = warn_seconds_before(idle_seconds)
    minutes = max(1, round(warn_seconds / 60))
    return format_html(
        '<script src="{}" data-idle-seconds="{}" data-warn-seconds="{}" data-keep-alive-url="{}"'
        ' data-message="{}" data-stay-label="{}" defer></script>',
        static("accounts/idle-warning.js"),
        idle_seconds,
        warn_seconds,
        reverse("wagtailadmin_home"),
        ngettext(
            "You will be signed out in %(minutes)s minute without activity. Typing does not "
            "count: save what you are writing, or stay signed in.",
            "You will be signed out in %(minutes)s minutes without activity. Typing does not "
            "count: save what you are writing, or stay signed in.",
            minutes,
        )
        % {"minutes": minutes},
        _("Stay signed in"),
    )
