"""`manage.py rebuild_similar_reports`: sign every case again and regroup them."""

from django.core.management.base import BaseCommand

from campaigns.grouping import rebuild_signatures
from campaigns.minhash import MIN_TOKENS, THRESHOLD


class Command(BaseCommand):
    help = (
        "Rebuild the similar-report signatures and groups from the stored blind-index tokens "
        "(after a restore, or for cases written in bulk without outbox jobs)."
    )

    def handle(self, *args, **options):
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"Signed {done} of {total} cases")

        count = rebuild_signatures(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Similar reports rebuilt: {count} cases read (threshold {THRESHOLD}, "
                f"at least {MIN_TOKENS} distinct words)."
            )
        )
