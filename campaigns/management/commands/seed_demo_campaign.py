"""`manage.py seed_demo_campaign`: the demo's planted campaign (run by `seed_demo`)."""

from django.core.management.base import BaseCommand

from campaigns.demo import seed_demo_campaign


class Command(BaseCommand):
    help = "Seed four near-identical demo reports at Northvale Middle School. Safe to run again."

    def handle(self, *args, **options):
        added = seed_demo_campaign()
        self.stdout.write(f"Similar reports: {added} demo campaign report(s) added.")
