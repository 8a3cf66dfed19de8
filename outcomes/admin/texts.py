"""The district administrator's screens: "Outcome notice texts" (outcome wordings and the
appeal and OCR rights text, per language) and "Outcome check-ins" (the days after closure).

Wagtail ModelViewSets registered from outcomes/wagtail_hooks.py, in the Settings menu. Saving
and deleting go through `outcomes.services`, which check the actor and audit the change.

Who: a superuser, and a district administrator for their own districts. Anyone else has no
menu item and every URL answers 404, as does another district's row.
"""

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cases.admin.district_admin import (
    AdministratorsOnly,
    DistrictScopedPolicy,
    SavesThroughService,
)
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


class OutcomeScreensPolicy(DistrictScopedPolicy):
    actions = ACTIONS


register_permission_policy(NoticeTemplate, OutcomeScreensPolicy(NoticeTemplate))
register_permission_policy(OutcomeSettings, OutcomeScreensPolicy(OutcomeSettings))


class _AdministratorsOnly(AdministratorsOnly):
    """404 for anyone who administers no district; rows only of the districts they do."""

    administered = None  # texts_administered_by / settings_administered_by

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


class TextAddView(_DistrictForm, _AdministratorsOnly, SavesThroughService, generic.CreateView):
    administered = texts_administered_by
    page_title = gettext_lazy("Add an outcome notice text")

    def save_instance(self) -> NoticeTemplate:
        return save_notice_template(template=self.form.instance, actor=self.request.user)


class TextEditView(_DistrictForm, _RowOf, SavesThroughService, generic.EditView):
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


class SettingsAddView(_DistrictForm, _AdministratorsOnly, SavesThroughService, generic.CreateView):
    administered = settings_administered_by
    page_title = gettext_lazy("Set a district's check-in days")

    def save_instance(self) -> OutcomeSettings:
        return save_outcome_settings(settings=self.form.instance, actor=self.request.user)


class SettingsEditView(_DistrictForm, _RowOf, SavesThroughService, generic.EditView):
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
