"""The TOTP devices of a staff user: the confirmed one used to sign in, the pending one to enrol."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.services.audit import record_audit_event

DEVICE_NAME = "Authenticator app"


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device being enrolled; reused so reloading keeps the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def pending_device_or_none(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()


@transaction.atomic
def confirm_device(*, device: TOTPDevice) -> TOTPDevice:
    """Make `device` the user's only sign-in device; earlier ones stop working."""
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_audit_event(action="staff.two_factor_enrolled", actor=device.user, target=device.user)
    return device


@transaction.atomic
def reset_two_factor(*, user: AbstractBaseUser, actor: AbstractBaseUser | None = None) -> int:
    """Remove every device (lost phone): the user enrols again at their next sign-in."""
    count, _ = TOTPDevice.objects.filter(user=user).delete()
    record_audit_event(
        action="staff.two_factor_reset", actor=actor, target=user, detail={"devices": count}
    )
    return count
