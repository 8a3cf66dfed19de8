"""Enrolling an authenticator app and entering its code after the password."""

import io
from base64 import b32encode

import django_otp
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode import make as make_qr
from qrcode.image.svg import SvgPathImage

from accounts.codes import CodeRejected, TooManyWrongCodes, check_code
from accounts.devices import (
    confirm_device,
    confirmed_device,
    pending_device,
    pending_device_or_none,
)
from accounts.forms import CodeForm

ADMIN_ACCESS = "wagtailadmin.access_admin"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _refuse_non_staff(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not request.user.has_perm(ADMIN_ACCESS):
        return redirect("wagtailadmin_login")
    return None


def _signed_in(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    request.session.cycle_key()
    django_otp.login(request, device)
    return redirect(_next_url(request))


def _too_many_wrong_codes(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.error(request, _("Too many wrong codes. Sign in again to get another try."))
    return redirect("wagtailadmin_login")


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if refused := _refuse_non_staff(request):
        return refused
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('staff_security:enrol')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = check_code(request=request, device=device, code=form.cleaned_data["code"])
        except TooManyWrongCodes:
            return _too_many_wrong_codes(request)
        except CodeRejected as rejected:
            form.add_error("code", str(rejected))
        else:
            return _signed_in(request, device)
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in of a staff user: pair an authenticator app before anything else."""
    if refused := _refuse_non_staff(request):
        return refused
    if confirmed_device(request.user) is not None:
        # Replacing a device needs an administrator (manage.py reset_staff_two_factor).
        return redirect(f"{reverse('staff_security:verify')}?{request.GET.urlencode()}")
    device = pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = check_code(request=request, device=device, code=form.cleaned_data["code"])
        except TooManyWrongCodes:
            return _too_many_wrong_codes(request)
        except CodeRejected as rejected:
            form.add_error("code", str(rejected))
        else:
            confirm_device(device=device)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return _signed_in(request, device)
    secret = b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "next": _next_url(request),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "accounts/enrol.html", context)


@never_cache
@require_GET
def enrolment_qr_code(request: HttpRequest) -> HttpResponse:
    """The pending device's QR code, drawn here as SVG so no third party sees the secret."""
    if not request.user.is_authenticated or not request.user.has_perm(ADMIN_ACCESS):
        raise Http404
    device = pending_device_or_none(request.user)
    if device is None or confirmed_device(request.user) is not None:
        raise Http404
    out = io.BytesIO()
    make_qr(device.config_url, image_factory=SvgPathImage, border=2).save(out)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")
