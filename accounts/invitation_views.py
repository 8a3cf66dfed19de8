"""The invitation link: the invited person chooses a password, then signs in as anyone does.

The link carries the token in its query string (kept out of access logs). The first request
moves it into the session and redirects to the same page without it, so the token is not left
in the address bar, the browser history or a Referer header. Signing in afterwards leads to
the authenticator enrolment every staff account goes through (accounts/views.py).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.models import InvitationStatus, StaffInvitation
from accounts.services.invitations import (
    InvitationRefused,
    accept_invitation,
    invitation_for_token,
    lifetime,
)

LINK_SESSION_KEY = "staff_invitation_link"


def _refused(request: HttpRequest, status: str) -> HttpResponse:
    request.session.pop(LINK_SESSION_KEY, None)
    context = {"status": status, "hours": int(lifetime().total_seconds() // 3600)}
    return render(
        request,
        "accounts/invitation_refused.html",
        context,
        status=404 if not status else 410,
    )


def _password_form(request: HttpRequest, invitation: StaffInvitation) -> SetPasswordForm:
    """Django's own form and validators, judged against the account about to exist."""
    person = get_user_model()(
        username=invitation.username,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )
    return SetPasswordForm(person, request.POST or None)


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def open_invitation(request: HttpRequest) -> HttpResponse:
    if token := request.GET.get("token"):
        request.session[LINK_SESSION_KEY] = token[:100]
        return redirect("staff_invitation:open")
    token = request.session.get(LINK_SESSION_KEY, "")
    invitation = invitation_for_token(token=token)
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        return _refused(request, invitation.status if invitation else "")
    form = _password_form(request, invitation)
    if request.method == "POST" and form.is_valid():
        try:
            accepted = accept_invitation(token=token, password=form.cleaned_data["new_password1"])
        except InvitationRefused as refused:
            return _refused(request, refused.status)
        except (PermissionDenied, ValidationError) as problem:
            form.add_error(
                None, problem.messages[0] if hasattr(problem, "messages") else str(problem)
            )
        else:
            request.session.pop(LINK_SESSION_KEY, None)
            if request.user.is_authenticated:
                logout(request)  # someone else's session in this browser must not carry on
            messages.success(
                request,
                _(
                    "Your password is set. Sign in as %(username)s; you will then pair an "
                    "authenticator app."
                )
                % {"username": accepted.user.get_username()},
            )
            return redirect(reverse("wagtailadmin_login"))
    context = {"form": form, "invitation": invitation}
    return render(request, "accounts/invitation_accept.html", context)
