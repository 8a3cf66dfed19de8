from django.core.management.base import BaseCommand

from reporting.drafts import delete_expired_drafts
from reporting.throttle import delete_expired_counters


class Command(BaseCommand):
    help = "Delete expired report drafts (with their encrypted files) and old rate counters."

    def handle(self, *args, **options) -> None:
        drafts = delete_expired_drafts()
        counters = delete_expired_counters()
        self.stdout.write(f"Deleted {drafts} expired drafts and {counters} old rate counters.")
