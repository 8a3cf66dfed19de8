"""The "API tokens" screen: staff create, list and revoke the tokens of the integration API.

Who: every staff user manages their own tokens; a district administrator also lists and
revokes the tokens of the staff who hold a role in a district they administer (a token acts
as its owner, so revoking one is how an administrator cuts off an integration at once); a
superuser sees every token. Nobody creates a token for someone else here (the management
command remains for the operator). The secret is shown exactly once, on the page that
answers the creation, never cached; only its hash is stored. A token's lifetime is chosen
when it is created (it expires by itself); revoking stops it at once.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from api.models import ApiToken
from api.selectors import tokens_manageable_by
from api.services import DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS, issue_api_token, revoke_api_token
from cases.admin.revoke import RevokeView

ACTIONS = frozenset({"add", "delete", "view"})


def _staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


class ApiTokenPolicy(BasePermissionPolicy):
    """Every signed-in staff user has the screen (for their own tokens); rows come from
    `tokens_manageable_by`, never from model permissions."""

    def user_has_permission(self, user, action) -> bool:
        return action in ACTIONS and _staff(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return action in ACTIONS and tokens_manageable_by(user=user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[ApiToken]:
        if not ACTIONS.intersection(actions):
            return ApiToken.objects.none()
        return tokens_manageable_by(user=user)

    def users_with_any_permission(self, actions) -> QuerySet:
        return get_user_model().objects.filter(is_active=True)


register_permission_policy(ApiToken, ApiTokenPolicy(ApiToken))


def _state(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return _("Revoked")
    if token.expires_at <= timezone.now():
        return _("Expired")
    return _("Active")


class _NeverCached:
    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not _staff(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class TokenIndexView(_NeverCached, generic.IndexView):
    page_title = gettext_lazy("API tokens")
    add_item_label = gettext_lazy("Create a token")

    def get_base_queryset(self) -> QuerySet[ApiToken]:
        return tokens_manageable_by(user=self.request.user)

    @cached_property
    def columns(self) -> list[Column]:
        return [
            self._get_title_column_class(TitleColumn)(
                "name", label=_("Name"), get_url=lambda token: None, sort_key="name"
            ),
            Column("prefix", label=_("Starts with"), accessor=lambda t: f"eqr_{t.prefix}…"),
            Column("user", label=_("Acts as"), accessor=lambda t: t.user.get_username()),
            Column("state", label=_("State"), accessor=_state),
            DateColumn("created_at", label=_("Created"), sort_key="created_at"),
            DateColumn("expires_at", label=_("Expires"), sort_key="expires_at"),
            DateColumn("last_used_at", label=_("Last used"), sort_key="last_used_at"),
        ]

    def get_list_more_buttons(self, instance) -> list[Button]:
        if instance.revoked_at is not None:
            return []
        return [
            Button(_("Revoke"), url=self.get_delete_url(instance), icon_name="bin", priority=30)
        ]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the student information system."),
        error_messages={"required": gettext_lazy("Give the token a name.")},
    )
    days = forms.IntegerField(
        label=gettext_lazy("Expires after (days)"),
        min_value=1,
        max_value=MAX_LIFETIME_DAYS,
        initial=DEFAULT_LIFETIME_DAYS,
        error_messages={
            "required": gettext_lazy("Say how many days the token lives."),
            "min_value": gettext_lazy("A token lives at least 1 day."),
            "max_value": gettext_lazy("A token lives at most %(limit_value)s days."),
        },
    )

    def __init__(self, *args, instance=None, for_user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance or ApiToken()


class TokenCreateView(_NeverCached, generic.CreateView):
    page_title = gettext_lazy("Create an API token")
    submit_button_label = gettext_lazy("Create the token")
    submit_button_active_label = gettext_lazy("Creating…")
    error_message = gettext_lazy("The token was not created. See the messages below.")

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def form_valid(self, form):
        try:
            issued = issue_api_token(
                user=self.request.user,
                name=form.cleaned_data["name"],
                lifetime_days=form.cleaned_data["days"],
                issued_by=self.request.user,
            )
        except (ValidationError, PermissionDenied) as refusal:
            form.add_error(None, refusal.messages if hasattr(refusal, "messages") else str(refusal))
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        # The secret is in this answer only (never cached): no redirect could carry it.
        return TemplateResponse(
            self.request,
            "api/admin/token_created.html",
            {
                "token": issued.token,
                "secret": issued.secret,
                "index_url": self.get_success_url(),
                "page_title": _("Your new API token"),
                "header_title": _("Your new API token"),
            },
        )


class TokenRevokeView(_NeverCached, RevokeView):
    page_title = gettext_lazy("Revoke an API token")
    confirm_label = gettext_lazy("Yes, revoke the token")

    def get_queryset(self) -> QuerySet[ApiToken]:
        """A token the user may not manage is a 404."""
        return tokens_manageable_by(user=self.request.user)

    def get_page_subtitle(self) -> str:
        return str(self.object)

    @property
    def confirmation_message(self) -> str:
        return _("%(token)s stops working at once, for every system that uses it.") % {
            "token": self.object
        }

    def delete_action(self) -> None:
        revoke_api_token(token=self.object, revoked_by=self.request.user)

    def get_success_message(self) -> str:
        return _("%(token)s is revoked.") % {"token": self.object}


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = gettext_lazy("API tokens")
    name = "api_tokens"
    url_prefix = "api-tokens"
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = TokenIndexView
    add_view_class = TokenCreateView
    delete_view_class = TokenRevokeView
    list_per_page = 50
    ordering = ["-created_at"]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            edit_url_name=None,
            copy_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            inspect_url_name=None,
            **kwargs,
        )

    def get_form_class(self, for_update: bool = False) -> type[forms.Form]:
        return TokenForm

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("revoke/<int:pk>/", self.delete_view, name="delete"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.none()
