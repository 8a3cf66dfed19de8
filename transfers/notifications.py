"""Emails to transfer officers. They carry the request's number, link and step only: never
the student reference, a reason or a message."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from transfers.models import TransferRequest

STEP_CHANGED = "transfer_step_changed"
STEP_OVERDUE = "transfer_step_overdue"


def transfer_admin_url(transfer: TransferRequest) -> str:
    path = reverse("transfers_admin:detail", args=[transfer.pk])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def send_transfer_notice(*, user: AbstractBaseUser, transfer: TransferRequest, kind: str) -> bool:
    if not user.email:
        return False
    profile = getattr(user, "wagtail_userprofile", None)
    language = (profile.get_preferred_language() if profile else None) or settings.LANGUAGE_CODE
    with translation.override(language):
        if kind == STEP_OVERDUE:
            subject = _("A transfer request step is overdue")
            lead = _("A step your district owns on a transfer request is past its due date.")
        else:
            subject = _("A transfer request moved to a new step")
            lead = _("The other district moved a transfer request you work on.")
        status = transfer.get_status_display()
        body = "\n\n".join(
            [
                str(lead),
                _("Transfer request %(number)s is now at the step: %(status)s.")
                % {"number": transfer.number, "status": status},
                _("Open it in the back office (sign-in required): %(url)s")
                % {"url": transfer_admin_url(transfer)},
            ]
        )
    EmailMessage(
        subject=str(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    ).send(fail_silently=False)
    return True
