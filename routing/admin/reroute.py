"""The case page's "Re-route" button (its section comes from routing/wagtail_hooks.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.admin.access import case_action, case_or_404
from cases.admin.detail import render_case
from cases.models import Priority
from cases.people import staff_name
from cases.services.versions import StaleVersion
from routing.services import reroute_case


class RerouteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


def _back(case):
    return redirect(f"{reverse('cases_admin:detail', args=[case.pk])}#routing")


@case_action
def reroute(request, case):
    form = RerouteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date. Nothing was changed; try again."))
        return _back(case)
    try:
        outcome = reroute_case(
            case=case, actor=request.user, expected_version=form.cleaned_data["version"]
        )
    except StaleVersion:
        messages.error(
            request,
            _(
                "Someone else saved this case while you were looking. Nothing was changed; "
                "check the case as it is now and re-route again if it still needs it."
            ),
        )
        return render_case(request, case_or_404(request, case.pk), status=409)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return render_case(request, case, status=400)
    case.refresh_from_db()
    messages.success(
        request,
        _("Routed by the rule “%(rule)s”: assigned to %(name)s, priority %(priority)s.")
        % {
            "rule": outcome.rule.name,
            "name": staff_name(case.assignee) if case.assignee else _("nobody"),
            "priority": Priority(case.priority).label,
        },
    )
    return _back(case)
