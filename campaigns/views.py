"""The "Similar reports" screen: a Wagtail ModelViewSet over the groups an officer may see.

The listing shows each group with at least two cases the officer may handle (counting only
those); a group's page lists them and offers "Merge into one case" and "Assign them all".
Anyone who handles no case has no menu item and every URL answers 404, as does a group
without two cases the officer may handle. The writes go through `campaigns.services`, which
check the actor again and audit.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from campaigns.forms import AssignGroupForm, MergeGroupForm
from campaigns.models import CampaignGroup, CaseSignature
from campaigns.selectors import group_cases, groups_for_user
from campaigns.services import assign_group, merge_group
from cases.people import staff_name
from cases.selectors.cases import cases_for_user
from cases.selectors.queue import user_handles_cases
from cases.services.versions import StaleVersion

ACTIONS = frozenset({"view"})


def _handles_cases(user) -> bool:
    """Kept on the user object for the request: the menu and the views both ask."""
    if not hasattr(user, "_handles_cases_for_groups"):
        user._handles_cases_for_groups = user_handles_cases(user=user)
    return user._handles_cases_for_groups


class SimilarReportsPermissionPolicy(BasePermissionPolicy):
    """Who may see the screen: anyone who handles cases. Which groups: `groups_for_user`."""

    def user_has_permission(self, user, action) -> bool:
        return action in ACTIONS and _handles_cases(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return action in ACTIONS and groups_for_user(user=user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[CampaignGroup]:
        if not ACTIONS.intersection(actions):
            return CampaignGroup.objects.none()
        return groups_for_user(user=user)


register_permission_policy(CampaignGroup, SimilarReportsPermissionPolicy(CampaignGroup))


class _HandlersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not _handles_cases(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _numbers(group: CampaignGroup) -> str:
    return ", ".join(member.case.number for member in group.visible_members)


class GroupIndexView(_HandlersOnly, generic.IndexView):
    page_title = gettext_lazy("Similar reports")
    default_ordering = "-visible_count"

    def get_base_queryset(self) -> QuerySet[CampaignGroup]:
        visible = cases_for_user(user=self.request.user)
        members = (
            CaseSignature.objects.filter(case__in=visible.values("pk"))
            .select_related("case")
            .order_by("case__opened_on", "case__sequence")
        )
        return groups_for_user(user=self.request.user).prefetch_related(
            Prefetch("members", queryset=members, to_attr="visible_members")
        )

    @cached_property
    def columns(self) -> list[Column]:
        title = self._get_title_column_class(TitleColumn)(
            "group",
            label=_("Group"),
            accessor=str,
            sort_key="pk",
            get_url=lambda group: reverse("similar_reports:inspect", args=[group.pk]),
        )
        return [
            title,
            Column("visible_count", label=_("Similar reports"), sort_key="visible_count"),
            Column("district", label=_("District"), sort_key="district__name"),
            Column("cases", label=_("Cases"), accessor=_numbers),
        ]


class GroupView(_HandlersOnly, generic.InspectView):
    """One group: its cases the officer may handle, and the two ways to handle them at once."""

    template_name = "campaigns/admin/group.html"
    http_method_names = ["get", "post"]

    def get_object(self, queryset=None) -> CampaignGroup:
        try:
            return groups_for_user(user=self.request.user).get(pk=int(self.pk))
        except (CampaignGroup.DoesNotExist, ValueError):
            raise Http404 from None

    def get_page_title(self) -> str:
        return _("Similar reports")

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_fields(self) -> list[str]:
        return []

    @cached_property
    def cases(self) -> list:
        return list(group_cases(user=self.request.user, group=self.object))

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "group": self.object,
                "cases": self.cases,
                "merge_form": kwargs.get("merge_form") or MergeGroupForm(cases=self.cases),
                "assign_form": kwargs.get("assign_form") or AssignGroupForm(user=self.request.user),
            }
        )
        return context

    def _again(self, status: int, **forms) -> TemplateResponse:
        return self.render_to_response(self.get_context_data(**forms), status=status)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "assign":
            return self._assign()
        return self._merge()

    def _merge(self):
        form = MergeGroupForm(self.request.POST, cases=self.cases)
        if not form.is_valid():
            return self._again(400, merge_form=form)
        target = form.cleaned_data["target_case"]
        try:
            merge_group(
                group=self.object,
                target=target,
                actor=self.request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion:
            del self.cases
            form.rebase(self.cases)
            text = _(
                "Someone else changed case %(number)s while you were looking. Nothing was "
                "merged; check the cases below, then merge again. Your choice is kept."
            ) % {"number": target.number}
            form.add_error(None, text)
            return self._again(409, merge_form=form)
        except (ValidationError, PermissionDenied) as error:
            for text in getattr(error, "messages", [str(error)]):
                form.add_error(None, text)
            return self._again(400, merge_form=form)
        messages.success(
            self.request,
            _("The group's %(count)s cases were merged into case %(number)s.")
            % {"count": len(self.cases), "number": target.number},
        )
        return redirect("cases_admin:detail", target.pk)

    def _assign(self):
        form = AssignGroupForm(self.request.POST, user=self.request.user)
        if not form.is_valid():
            return self._again(400, assign_form=form)
        assignee = form.cleaned_data["assignee"]
        try:
            count = assign_group(group=self.object, assignee=assignee, actor=self.request.user)
        except (ValidationError, PermissionDenied) as error:
            for text in getattr(error, "messages", [str(error)]):
                form.add_error(None, text)
            return self._again(400, assign_form=form)
        messages.success(
            self.request,
            _("%(count)s case(s) assigned to %(name)s.")
            % {"count": count, "name": staff_name(assignee)},
        )
        return redirect("similar_reports:inspect", self.object.pk)


class SimilarReportsViewSet(ModelViewSet):
    model = CampaignGroup
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Similar reports")
    menu_order = 52
    name = "similar_reports"
    url_prefix = "similar-reports"
    add_to_admin_menu = True
    add_to_reference_index = False
    index_view_class = GroupIndexView
    inspect_view_class = GroupView
    inspect_view_enabled = True
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self) -> list:
        """The listing and a group's page (which also takes its two actions by POST)."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.none()
