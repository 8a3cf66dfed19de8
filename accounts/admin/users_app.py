"""Wagtail's users app, with the user and group editors of accounts.admin.staff_users.py.

Named in INSTALLED_APPS in place of "wagtail.users" (Wagtail's documented way to replace
its user and group viewsets); the app keeps Wagtail's name and label, so its models,
migrations, templates and hooks are Wagtail's own.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.admin.staff_users.StaffUserViewSet"
    group_viewset = "accounts.admin.staff_users.StaffGroupViewSet"
