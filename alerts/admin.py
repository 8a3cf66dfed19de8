"""The "Saved searches" screen: an officer lists, saves and deletes their own saved searches.

A Wagtail ModelViewSet (registered in alerts/wagtail_hooks.py) with a listing, a form and a
delete confirmation. Staff who handle no case have no menu item and every URL answers 404;
another person's saved search answers 404 too. Saving and deleting go through the services,
which check the actor themselves and audit the change. The watched words are sent once, in
the form, and never stored: the listing shows the label the officer chose and the filters.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from alerts.models import SavedSearch
from alerts.selectors import saved_searches_of
from alerts.services import (
    check_may_save,
    create_saved_search,
    delete_saved_search,
    validate_saved_search,
)
from cases.models import BiasBasis, IncidentType
from cases.selectors.organisation import schools_for_case_handling
from cases.selectors.queue import user_handles_cases

# A saved search is saved or deleted, never edited: its words are not kept to edit.
ACTIONS = frozenset({"add", "delete"})


def _handles_cases(user) -> bool:
    """Kept on the user object for the request: the menu and every view ask."""
    if not hasattr(user, "_alerts_handles_cases"):
        user._alerts_handles_cases = user_handles_cases(user=user)
    return user._alerts_handles_cases


class SavedSearchPermissionPolicy(BasePermissionPolicy):
    """Anyone who handles cases keeps their own saved searches; nobody sees another's."""

    def user_has_permission(self, user, action) -> bool:
        return action in ACTIONS and _handles_cases(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return action in ACTIONS and instance.owner_id == user.pk and _handles_cases(user)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[SavedSearch]:
        if not ACTIONS.intersection(actions):
            return SavedSearch.objects.none()
        return SavedSearch.objects.filter(owner=user)

    def users_with_any_permission(self, actions) -> QuerySet:
        """Active users, at most: whether one handles cases is read from their roles
        (`user_handles_cases`), one user at a time."""
        users = get_user_model().objects
        return users.filter(is_active=True) if ACTIONS.intersection(actions) else users.none()


register_permission_policy(SavedSearch, SavedSearchPermissionPolicy(SavedSearch))


class _OwnSavedSearchesOnly:
    """Mixed into every view: 404 for staff who handle no case; rows of the user only.
    Never cached, and the typed words are kept out of error reports."""

    @method_decorator(never_cache)
    @method_decorator(sensitive_post_parameters("words"))
    def dispatch(self, request, *args, **kwargs):
        if not _handles_cases(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _filters(saved: SavedSearch) -> str:
    parts = [str(value) for value in (saved.school, saved.bias_basis, saved.incident_type) if value]
    return ", ".join(parts) or _("None")


def _words(saved: SavedSearch) -> str:
    count = len(saved.tokens)
    if not count:
        return _("None")
    return ngettext("%(count)s word", "%(count)s words", count) % {"count": count}


def _matched(saved: SavedSearch) -> str:
    if not saved.match_count:
        return _("No new report yet")
    return ngettext(
        "%(count)s case, the latest on %(day)s",
        "%(count)s cases, the latest on %(day)s",
        saved.match_count,
    ) % {
        "count": saved.match_count,
        "day": date_format(saved.last_matched_on, "SHORT_DATE_FORMAT"),
    }


class SavedSearchIndexView(_OwnSavedSearchesOnly, generic.IndexView):
    page_title = gettext_lazy("Saved searches")
    add_item_label = gettext_lazy("Save a search")

    def get_base_queryset(self) -> QuerySet[SavedSearch]:
        return saved_searches_of(owner=self.request.user)

    @cached_property
    def columns(self) -> list[Column]:
        label = self._get_title_column_class(TitleColumn)(
            "label", label=_("Label"), sort_key="label", get_url=lambda saved: None
        )
        return [
            label,
            Column("words", label=_("Watched words"), accessor=_words),
            Column("filters", label=_("Filters"), accessor=_filters),
            Column("matches", label=_("New reports matched"), accessor=_matched),
            DateColumn("created_at", label=_("Saved on"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance) -> list[Button]:
        url = self.get_delete_url(instance)
        return [Button(_("Delete"), url=url, icon_name="bin", priority=30)] if url else []


class SaveSearchForm(forms.ModelForm):
    """A label, the words to watch (never stored) and the queue's filters that fit a new
    report. The service checks again; the form turns its refusals into messages next to the
    fields, keeping what was typed."""

    words = forms.CharField(
        label=gettext_lazy("Words to watch for"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Whole words from a report's narrative, the people involved or the messages; every "
            "word must occur. They are turned into search codes and never stored, so they are "
            "not shown again."
        ),
        error_messages={"max_length": gettext_lazy("Search for at most 200 characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = SavedSearch
        fields = ["label", "words", "school", "bias_basis", "incident_type"]

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        label = self.fields["label"]
        label.help_text = _(
            'How you will recognise this search in the list, such as "Slurs at the bus stop". '
            "Never put a student's or anyone's name here: the label is stored as you type it."
        )
        label.error_messages["max_length"] = _("Keep the label to %(limit_value)d characters.")
        school = self.fields["school"]
        school.queryset = schools_for_case_handling(user=actor)
        school.label_from_instance = lambda school: f"{school.name} ({school.district.name})"
        school.empty_label = _("All schools")
        school.error_messages["invalid_choice"] = _("Choose one of the listed schools.")
        basis = self.fields["bias_basis"]
        basis.queryset = BiasBasis.objects.all()
        basis.empty_label = _("Any basis")
        kind = self.fields["incident_type"]
        kind.queryset = IncidentType.objects.all()
        kind.empty_label = _("Any type")

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            check_may_save(owner=self.actor, school=cleaned.get("school"))
            validate_saved_search(
                owner=self.actor,
                label=cleaned.get("label") or "",
                words=cleaned.get("words") or "",
                school=cleaned.get("school"),
                bias_basis=cleaned.get("bias_basis"),
                incident_type=cleaned.get("incident_type"),
            )
        except PermissionDenied as refusal:
            raise ValidationError(str(refusal)) from None
        return cleaned


# The queue's filter names (cases.admin.filters.CaseQueueFilter) and this form's fields: the
# queue's "Save this search" button sends its search form here.
QUEUE_PARAMETERS = {
    "q": "words",
    "school": "school",
    "basis": "bias_basis",
    "incident_type": "incident_type",
}


class SaveSearchView(_OwnSavedSearchesOnly, generic.CreateView):
    page_title = gettext_lazy("Save a search")
    submit_button_label = gettext_lazy("Save")
    submit_button_active_label = gettext_lazy("Saving…")
    error_message = gettext_lazy("The search was not saved. See the messages below.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_initial(self) -> dict:
        """What the queue's search form held, so the officer only adds a label."""
        initial = super().get_initial()
        for parameter, field in QUEUE_PARAMETERS.items():
            value = self.request.GET.get(parameter, "").strip()
            if value and (field == "words" or value.isdigit()):
                initial[field] = value[:200]
        return initial

    def get_page_subtitle(self) -> str:
        return ""

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Saved searches")},
            {"url": "", "label": self.page_title},
        ]

    def save_instance(self) -> SavedSearch:
        data = self.form.cleaned_data
        return create_saved_search(
            owner=self.request.user,
            label=data["label"],
            words=data["words"],
            school=data["school"],
            bias_basis=data["bias_basis"],
            incident_type=data["incident_type"],
        )

    def get_success_message(self, instance) -> str:
        return _('Saved. You will hear of new reports matching "%(label)s".') % {
            "label": instance.label
        }

    def get_success_buttons(self) -> list:
        return []

    def get_success_json(self) -> dict:
        return {"success": True, "pk": self.object.pk}


class DeleteSavedSearchView(_OwnSavedSearchesOnly, generic.DeleteView):
    page_title = gettext_lazy("Delete a saved search")

    def get_queryset(self) -> QuerySet[SavedSearch]:
        """Another person's saved search is a 404, before any permission is looked at."""
        return SavedSearch.objects.filter(owner=self.request.user)

    def get_usage_url(self) -> None:
        return None

    def get_page_subtitle(self) -> str:
        return self.object.label

    @property
    def confirmation_message(self) -> str:
        return _("New reports matching this search will no longer be announced to you.")

    def delete_action(self) -> None:
        delete_saved_search(saved_search=self.object, actor=self.request.user)

    def get_success_message(self) -> str:
        return _('Deleted "%(label)s".') % {"label": self.object.label}


class SavedSearchViewSet(ModelViewSet):
    model = SavedSearch
    icon = "search"
    menu_label = gettext_lazy("Saved searches")
    name = "saved_searches"
    url_prefix = "saved-searches"
    add_to_admin_menu = True
    menu_order = 56
    add_to_reference_index = False
    index_view_class = SavedSearchIndexView
    add_view_class = SaveSearchView
    delete_view_class = DeleteSavedSearchView
    list_per_page = 50
    ordering = ["label", "pk"]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            edit_url_name=None, history_url_name=None, usage_url_name=None, **kwargs
        )

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return SaveSearchForm

    def get_urlpatterns(self) -> list:
        """The listing, the form and the delete confirmation only."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("delete/<int:pk>/", self.delete_view, name="delete"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        """None: the group editor must not offer checkboxes that would grant nothing."""
        return Permission.objects.none()
