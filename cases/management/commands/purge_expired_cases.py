"""`manage.py purge_expired_cases`: list, then purge, cases past their retention period."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from cases.models import District
from cases.services.retention import (
    LegalHoldError,
    NotDueForPurge,
    cases_due_for_purge,
    cases_past_retention,
    purge_case,
    purge_counts,
)

HELP = """List, then purge, closed cases whose district's retention period has passed.

A dry run by default: it lists each due case (number, closing date, what a purge would delete)
and changes nothing. With --execute it purges the due cases of the districts that turned on
"purge expired cases automatically". Naming districts with --district purges those districts
even when that setting is off (an explicit operator decision); --all-districts does so for
every district. Closed, withdrawn and referred-out cases count; a case under legal hold is
never purged. Each purge deletes reports, evidence files, reporter messages and notes, and
leaves a tombstone (case number and dates) and an audit event."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument(
            "--execute", action="store_true", help="purge for real (default: dry run)"
        )
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--district",
            action="append",
            default=[],
            metavar="SHORT_NAME",
            help="only this district (its short name); purges it even if its setting is off",
        )
        scope.add_argument(
            "--all-districts",
            action="store_true",
            help="purge every district, whatever its setting",
        )

    def handle(self, *args, execute: bool, district: list[str], all_districts: bool, **options):
        now = timezone.now()
        districts = self._districts(district)
        overridden = bool(district) or all_districts
        enabled = {d.pk for d in districts if overridden or d.purge_enabled}
        due = list(cases_due_for_purge(now=now, districts=districts))
        held = cases_past_retention(now=now, districts=districts).filter(legal_hold=True).count()

        if not execute:
            self._list(due, enabled)
        else:
            self._purge([case for case in due if case.district_id in enabled], now)
        if held:
            self.stdout.write(
                f"{held} case(s) past retention are under legal hold and were not touched."
            )

    def _districts(self, slugs: list[str]) -> list[District]:
        if not slugs:
            return list(District.objects.order_by("name"))
        found = list(District.objects.filter(slug__in=slugs).order_by("name"))
        missing = sorted(set(slugs) - {d.slug for d in found})
        if missing:
            raise CommandError(f"No district with short name: {', '.join(missing)}.")
        return found

    def _list(self, due, enabled: set[int]) -> None:
        self.stdout.write("Dry run: nothing is deleted. Run again with --execute to purge.")
        would_purge = 0
        for case in due:
            counts = purge_counts(case=case)
            if case.district_id in enabled:
                would_purge += 1
                verdict = "would be purged"
            else:
                verdict = "kept: the district has not turned on purge"
            closed = timezone.localtime(case.closed_at).date().isoformat()
            details = ", ".join(f"{kind.replace('_', ' ')} {n}" for kind, n in counts.items())
            self.stdout.write(
                f"  {case.number}  {case.district.slug}  closed {closed}  {details}  ({verdict})"
            )
        self.stdout.write(
            f"{len(due)} case(s) past retention; {would_purge} would be purged with --execute."
        )

    def _purge(self, cases, now) -> None:
        purged, failed = 0, []
        for case in tqdm(cases, desc="Purging", unit="case", disable=not cases):
            try:
                purge_case(case=case, now=now)
            except (LegalHoldError, NotDueForPurge) as refused:
                # A hold placed, or a case reopened, since the list was made.
                failed.append(f"  skipped {case.number}: {_message(refused)}")
            else:
                purged += 1
        self.stdout.write(self.style.SUCCESS(f"Purged {purged} case(s)."))
        for line in failed:
            self.stdout.write(line)
        if failed:
            raise CommandError(f"{len(failed)} case(s) were not purged; see the lines above.")


def _message(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])
