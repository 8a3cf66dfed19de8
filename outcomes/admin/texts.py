"""The district administrator's screens: "Outcome notice texts" (outcome wordings and the
appeal and OCR rights text, per language) and "Outcome check-ins" (the days after closure).

Wagtail ModelViewSets registered from outcomes/wagtail_hooks.py, in the Settings menu. Saving
and deleting go through `outcomes.services`, which check the actor and audit the change.

Who: a superuser, and a district administrator for their own districts. Anyone else has no
menu item and every URL answers 404, as does another district's row.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from cases.roles import Role
from cases.selectors.memberships import administered_districts
from outcomes.admin.forms import NoticeTemplateForm, OutcomeSettingsForm
from outcomes.models import NoticeTemplate, OutcomeSettings
from outcomes.selectors import settings_administered_by, texts_administered_by
from outcomes.services import (
    delete_notice_template,
    delete_outcome_settings,
    save_notice_template,
    save_outcome_settings,
)

ACTIONS = frozenset({"add", "change", "delete"})


def _administered_district_ids(user) -> frozenset[int]:
    """Kept on the user object for the request: every row's buttons ask again."""
    if not hasattr(user, "_administered_district_ids"):
        user._administered_district_ids = frozenset(
            administered_districts(user=user).values_list("pk", flat=True)
        )
    return user._administered_district_ids


def _uses_screen(user) -> bool:
    return user.is_active and (user.is_superuser or bool(_administered_district_ids(user)))


class DistrictAdministratorsPolicy(BasePermissionPolicy):
    """From district administrator memberships, not model permissions."""

    def user_has_permission(self, user, action) -> bool:
        return action in ACTIONS and _uses_screen(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return action in ACTIONS and instance.district_id in _administered_district_ids(user)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if not ACTIONS.intersection(actions):
            return self.model.objects.none()
        return self.model.objects.filter(district__in=_administered_district_ids(user))

    def users_with_any_permission(self, actions) -> QuerySet:
        user_model = get_user_model()
        if not ACTIONS.intersection(actions):
            return user_model.objects.none()
        administrator = Q(
            memberships__role=Role.DISTRICT_ADMINISTRATOR, memberships__school__isnull=True
        )
        return user_model.objects.filter(
            Q(is_superuser=True) | administrator, is_active=True
        ).distinct()


register_permission_policy(NoticeTemplate, DistrictAdministratorsPolicy(NoticeTemplate))
register_permission_policy(OutcomeSettings, DistrictAdministratorsPolicy(OutcomeSettings))


class _AdministratorsOnly:
    """404 for anyone who administers no district; rows only of the districts they do."""

    administered = None  # texts_administered_by / settings_administered_by

    def dispatch(self, request, *args, **kwargs):
        if not _uses_screen(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def administered_rows(self) -> QuerySet:
        return type(self).administered(user=self.request.user).select_related("district")


class _DistrictForm:
    def get_form_kwargs(self) -> dict:
        districts = administered_districts(user=self.request.user).order_by("name")
        return {**super().get_form_kwargs(), "districts": districts}


class _RowOf(_AdministratorsOnly):
    """Edit and delete: another district's row is a 404 before any permission check."""

    def get_queryset(self) -> QuerySet:
        return self.administered_rows()


# --------------------------------------------------------------------------- texts


class TextIndexView(_AdministratorsOnly, generic.IndexView):
    administered = texts_administered_by
    page_title = gettext_lazy("Outcome notice texts")
    add_item_label = gettext_lazy("Add a text")

    def get_base_queryset(self) -> QuerySet:
        return self.administered_rows()

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "name",
                label=_("Name"),
                sort_key="name",
                get_url=lambda row: self.get_edit_url(row),
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            Column(
                "language",
                label=_("Language"),
                accessor="get_language_display",
                sort_key="language",
            ),
            Column("district", label=_("District"), sort_key="district__name"),
            DateColumn("updated_at", label=_("Changed on"), sort_key="updated_at"),
        ]


class TextAddView(_DistrictForm, _AdministratorsOnly, generic.CreateView):
    administered = texts_administered_by
    page_title = gettext_lazy("Add an outcome notice text")

    def save_instance(self) -> NoticeTemplate:
        return save_notice_template(template=self.form.instance, actor=self.request.user)


class TextEditView(_DistrictForm, _RowOf, generic.EditView):
    administered = texts_administered_by

    def save_instance(self) -> NoticeTemplate:
        before = NoticeTemplate.objects.select_related("district").get(pk=self.object.pk)
        return save_notice_template(
            template=self.form.instance, actor=self.request.user, previous_district=before.district
        )


class TextDeleteView(_RowOf, generic.DeleteView):
    administered = texts_administered_by

    def get_usage_url(self) -> None:
        return None

    def delete_action(self) -> None:
        delete_notice_template(template=self.object, actor=self.request.user)


class _DistrictViewSet(ModelViewSet):
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        """None: the group editor must not offer checkboxes that would grant nothing."""
        return Permission.objects.none()


class NoticeTextsViewSet(_DistrictViewSet):
    model = NoticeTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Outcome notice texts")
    name = "outcome_texts"
    url_prefix = "outcome-texts"
    index_view_class = TextIndexView
    add_view_class = TextAddView
    edit_view_class = TextEditView
    delete_view_class = TextDeleteView
    form_fields = ["district", "language", "kind", "name", "body"]
    list_filter = ["kind", "language", "district"]
    search_fields = ["name"]
    list_per_page = 50
    ordering = ["district__name", "language", "kind", "name"]

    def get_form_class(self, for_update: bool = False):
        return NoticeTemplateForm


# --------------------------------------------------------------------------- check-in days


class SettingsIndexView(_AdministratorsOnly, generic.IndexView):
    administered = settings_administered_by
    page_title = gettext_lazy("Outcome check-ins")
    add_item_label = gettext_lazy("Set a district's check-in days")

    def get_base_queryset(self) -> QuerySet:
        return self.administered_rows()

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "district",
                label=_("District"),
                sort_key="district__name",
                get_url=lambda row: self.get_edit_url(row),
            ),
            Column("check_in_days", label=_("Ask the reporter after (days)")),
        ]


class SettingsAddView(_DistrictForm, _AdministratorsOnly, generic.CreateView):
    administered = settings_administered_by
    page_title = gettext_lazy("Set a district's check-in days")

    def save_instance(self) -> OutcomeSettings:
        return save_outcome_settings(settings=self.form.instance, actor=self.request.user)


class SettingsEditView(_DistrictForm, _RowOf, generic.EditView):
    administered = settings_administered_by

    def save_instance(self) -> OutcomeSettings:
        before = OutcomeSettings.objects.select_related("district").get(pk=self.object.pk)
        return save_outcome_settings(
            settings=self.form.instance, actor=self.request.user, previous_district=before.district
        )


class SettingsDeleteView(_RowOf, generic.DeleteView):
    administered = settings_administered_by

    def get_usage_url(self) -> None:
        return None

    @property
    def confirmation_message(self) -> str:
        return _("The district goes back to asking after 30 and 90 days.")

    def delete_action(self) -> None:
        delete_outcome_settings(settings=self.object, actor=self.request.user)


class CheckInDaysViewSet(_DistrictViewSet):
    model = OutcomeSettings
    icon = "date"
    menu_label = gettext_lazy("Outcome check-ins")
    name = "outcome_check_ins"
    url_prefix = "outcome-check-ins"
    index_view_class = SettingsIndexView
    add_view_class = SettingsAddView
    edit_view_class = SettingsEditView
    delete_view_class = SettingsDeleteView
    form_fields = ["district", "check_in_days"]
    list_per_page = 50
    ordering = ["district__name"]

    def get_form_class(self, for_update: bool = False):
        return OutcomeSettingsForm
