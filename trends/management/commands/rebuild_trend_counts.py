"""Recount the trend cells from the cases: `manage.py rebuild_trend_counts`."""

import time

from django.core.management.base import BaseCommand

from trends.counts import rebuild_trend_counts


class Command(BaseCommand):
    help = "Recount every district's trend cells from its cases (also run nightly by Celery beat)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        cells = rebuild_trend_counts()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Trend counts rebuilt: {cells} cells in {seconds:.1f} s.")
        )
