"""Rebuild the search index from the database: `manage.py reindex [--backend NAME]`."""

from django.core.management.base import BaseCommand

from search.backends import get_backend


class Command(BaseCommand):
    help = "Rebuild the case search index (tokens and structured fields only) with no downtime."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=["database", "elasticsearch"],
            help="Backend to rebuild (default: SEARCH_BACKEND).",
        )

    def handle(self, *args, backend=None, **options):
        search_backend = get_backend(backend)

        def progress(done: int, total: int) -> None:
            percent = 100 * done // total if total else 100
            self.stdout.write(f"Indexed {done} of {total} cases ({percent}%)")

        count = search_backend.rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt ({search_backend.name}): {count} cases.")
        )
