import io

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cases.demo import DEMO_DISTRICTS, seed_organisation, seed_staff
from cases.models import District
from cms.demo import seed_home_page, seeded_languages
from reporting.demo import seed_sample_reports
from reporting.demo_history import seed_history
from routing.demo import seed_routing_rules


class Command(BaseCommand):
    help = "Seed demo districts, schools, staff users and pages. Safe to run again."

    def handle(self, *args, **options) -> None:
        seed_organisation()
        seed_home_page(seeded_languages())
        logins = seed_staff(set_passwords=settings.DEBUG)
        demo_slugs = [slug for _name, slug, _code, _schools in DEMO_DISTRICTS]
        history = seed_history(
            districts=list(District.objects.filter(slug__in=demo_slugs)),
            reports_per_school=settings.DEMO_HISTORY_REPORTS_PER_SCHOOL,
        )
        # Before the sample reports, so that they are routed as they arrive.
        seed_routing_rules()
        # After the history, so today's sample reports take the newest case numbers.
        sample_receipts = seed_sample_reports()
        # The planted campaign of near-identical reports (campaigns/demo.py), by name: the
        # campaigns app sits beside reporting, not below it.
        call_command("seed_demo_campaign", stdout=io.StringIO())
        self.stdout.write(
            f"History: {history.cases} past cases and {history.transfers} transfer requests added."
        )
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        if not settings.DEBUG:
            self.stdout.write("Demo accounts have no usable password outside development.")
            return
        self.stdout.write("\nDemo staff logins (new passwords on every run) at /admin/:")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username:<{width}}  {login.password}  {login.description}")
        self.stdout.write(
            "\nSample reports: try these receipts at /report/status/ (development only):"
        )
        for sample in sample_receipts:
            self.stdout.write(f"  {sample.receipt}  {sample.label}")
        self.stdout.write("")
