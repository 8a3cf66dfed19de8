"""Invitations: how a new staff member gets an account and their first roles.

Only a SHA-256 hash of the link's token is stored, and only once the e-mail is sent: the token
is drawn by the job that sends it (`accounts.services.invitations.send_invitation_email`), so
it exists nowhere but in that e-mail. The roles are granted, with the inviter as `granted_by`,
when the person accepts, through `cases.services.memberships.grant_membership`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import District, School
from cases.roles import Role


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the person")
    EXPIRED = "expired", _("Expired")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")


class StaffInvitation(models.Model):
    email = models.EmailField(_("e-mail address"))
    username = models.CharField(_("username"), max_length=150)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="staff_invitations"
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="staff_invitations", null=True, blank=True
    )
    # Role values (cases.roles.Role), all at the invitation's district or school.
    roles = models.JSONField(default=list)
    language = models.CharField(max_length=12, default="en")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("link valid until"))
    # "" until the e-mail job has drawn the token; emptied by a resend until the new one is.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_invitations",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")

    def __str__(self) -> str:
        return self.username

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return InvitationStatus(self.status).label

    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles if role in Role.values]
