"""Django's model permissions, read in one query instead of two (issue 20), and the signed-in
user read with their Wagtail profile (language, time zone), which every admin page asks for.

Every back-office page asks `has_perm("wagtailadmin.access_admin")` first; Django's
`ModelBackend` then reads the user's own permissions and their groups' in two queries. This
backend reads both in one `UNION` and keeps them on the user object for the request, exactly
as `ModelBackend` does (same cache attribute, same rules for inactive users and superusers).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class OneQueryModelBackend(ModelBackend):
    def get_user(self, user_id):
        """The session's user with their Wagtail profile in the same query (None if absent)."""
        users = get_user_model()._default_manager.select_related("wagtail_userprofile")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser or hasattr(user_obj, "_perm_cache"):
            return super().get_all_permissions(user_obj, obj)
        fields = ("content_type__app_label", "codename")
        own = Permission.objects.filter(user=user_obj).values_list(*fields).order_by()
        by_group = Permission.objects.filter(group__user=user_obj).values_list(*fields).order_by()
        user_obj._perm_cache = {f"{app}.{codename}" for app, codename in own.union(by_group)}
        return user_obj._perm_cache
