"""Staff API tokens. Only a SHA-256 hash of each token is stored; the token is shown once."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token tied to one staff user, acting with exactly that user's permissions.

    The secret is 256 random bits, so a plain SHA-256 (no salt, no slow hash) is enough to
    make a database dump useless while letting each request find its row by an indexed lookup.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="integration_api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the secret: shown in lists and audit events to tell tokens apart.
    prefix = models.CharField(max_length=12, db_index=True)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
