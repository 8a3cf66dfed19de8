"""`manage.py reset_staff_two_factor USERNAME`: for a staff member who lost their phone."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.devices import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove a staff user's authenticator app so they enrol a new one at their next sign-in. "
        "Check the person's identity first: whoever signs in next with the password enrols."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        count = reset_two_factor(user=user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {count} device(s); {username} sets up a new app at the next sign-in."
            )
        )
