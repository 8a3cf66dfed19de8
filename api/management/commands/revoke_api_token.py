"""Revoke staff API tokens: one by its prefix, or all of a user's."""

from django.core.management.base import BaseCommand, CommandError

from api.models import ApiToken
from api.services import revoke_api_token


class Command(BaseCommand):
    help = "Revoke an API token (--prefix, as printed when it was issued) or all of --username's."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--prefix")
        group.add_argument("--username")

    def handle(self, *args, prefix: str | None, username: str | None, **options):
        tokens = ApiToken.objects.filter(revoked_at__isnull=True)
        tokens = tokens.filter(prefix=prefix) if prefix else tokens.filter(user__username=username)
        tokens = list(tokens.select_related("user"))
        if not tokens:
            raise CommandError("No live token matches.")
        for token in tokens:
            revoke_api_token(token=token)
            self.stdout.write(f"Revoked {token.prefix}… of {token.user.username}.")
