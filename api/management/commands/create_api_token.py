"""Issue a staff API token and print it once: only its hash is kept."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.services import DEFAULT_LIFETIME_DAYS, issue_api_token


class Command(BaseCommand):
    help = (
        "Issue an API token for a staff user (e.g. a district's student information system). "
        "The token acts with exactly that user's object permissions and is printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--name", default="API", help="What the token is for.")
        parser.add_argument("--days", type=int, default=DEFAULT_LIFETIME_DAYS)

    def handle(self, *args, username: str, name: str, days: int, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        try:
            issued = issue_api_token(user=user, name=name, lifetime_days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        expires = issued.token.expires_at.date().isoformat()
        self.stderr.write(
            f"Token {issued.token.prefix}… for {username}, expires {expires}. "
            "It is shown only now: store it in the client's secret store."
        )
        self.stdout.write(issued.secret)
