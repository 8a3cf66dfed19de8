"""Who may open a district administrator's screens (district setup, staff roles and
invitations, routing rules, outcome texts): a superuser, or a district administrator for the
districts where they hold that role. Anyone else gets 404 on every URL and no menu item; a
district the user does not administer is a 404 too (no hint that it exists).

One policy and one view mixin for all of them, so the rule has one home. The services check
again: these rules only decide what the screens offer.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from wagtail.permission_policies.base import BasePermissionPolicy

from cases.roles import Role
from cases.selectors.memberships import administered_district_ids as memberships_district_ids


def administered_district_ids(user) -> frozenset[int]:
    """Kept on the user object for the request: every row's buttons ask again."""
    if not hasattr(user, "_administered_district_ids"):
        user._administered_district_ids = frozenset(memberships_district_ids(user=user))
    return user._administered_district_ids


def uses_district_admin_screens(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or administered_district_ids(user))
    )


def district_administrators():
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(memberships__role=Role.DISTRICT_ADMINISTRATOR, memberships__school__isnull=True),
            is_active=True,
        )
        .distinct()
    )


class DistrictScopedPolicy(BasePermissionPolicy):
    """Permissions from district administrator memberships, not model permissions: ticking
    "Change district" on a Wagtail group gives nothing. `district_field` leads from a row to
    its district ("pk" for a district itself)."""

    district_field = "district_id"
    actions = frozenset({"change", "view"})
    superuser_actions = frozenset()

    def _district_of(self, instance) -> int:
        return (
            instance.pk if self.district_field == "pk" else getattr(instance, self.district_field)
        )

    def user_has_permission(self, user, action) -> bool:
        if not uses_district_admin_screens(user):
            return False
        return action in self.actions or (action in self.superuser_actions and user.is_superuser)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return action in self.actions and self._district_of(instance) in administered_district_ids(
            user
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if not self.actions.intersection(actions):
            return self.model.objects.none()
        lookup = "pk__in" if self.district_field == "pk" else "district__in"
        return self.model.objects.filter(**{lookup: administered_district_ids(user)})

    def users_with_any_permission(self, actions) -> QuerySet:
        if not (self.actions | self.superuser_actions).intersection(actions):
            return get_user_model().objects.none()
        return district_administrators()


class AdministratorsOnly:
    """Mixed into every view of the screens: 404 for anyone who administers no district, and
    never cached (the pages show who holds which settings)."""

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not uses_district_admin_screens(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SavesThroughService:
    """Mixed into a create or edit view whose `save_instance` calls a service: a rule the
    service enforces comes back as messages on the form, with everything typed kept, and a
    refusal is a 404 like the rest of these screens."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        except PermissionDenied:
            raise Http404 from None
