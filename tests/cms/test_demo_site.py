"""After `make run` seeds the demo, a newcomer reads the public site in English or Spanish and
reaches the report form within two clicks of either home page."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from cms.models import FaqPage, HomePage, ResourcesPage, StandardPage

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)"')


@pytest.fixture
def demo(settings):
    settings.DEBUG = False  # no demo passwords needed here
    call_command("seed_demo", stdout=io.StringIO())


def clicks_to(client, start: str, target: str, *, most: int = 2) -> int | None:
    """Fewest link clicks from `start` to `target` on this site, looking `most` clicks deep."""
    seen, frontier = {start}, [start]
    for clicks in range(1, most + 1):
        following = []
        for url in frontier:
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            for link in HREF.findall(response.content.decode()):
                if link == target:
                    return clicks
                if link not in seen and not link.startswith("/admin/"):
                    seen.add(link)
                    following.append(link)
        frontier = following
    return None


def test_the_demo_seed_publishes_every_page_in_english_and_spanish(demo):
    for code in ("en", "es"):
        locale = Locale.objects.get(language_code=code)
        assert HomePage.objects.live().filter(locale=locale).count() == 1
        assert StandardPage.objects.live().filter(locale=locale).count() == 3
        assert ResourcesPage.objects.live().filter(locale=locale).count() == 1
        assert FaqPage.objects.live().filter(locale=locale).count() == 1
    for page in Page.objects.type(StandardPage, ResourcesPage, FaqPage).filter(
        locale__language_code="en"
    ):
        assert page.get_translations().live().filter(locale__language_code="es").exists()


@pytest.mark.parametrize(
    ("home", "report", "start_button"),
    [("/", "/report/", "Start a report"), ("/es/", "/es/report/", "Empezar un reporte")],
)
def test_the_report_form_is_within_two_clicks_of_each_home_page(
    client, demo, home, report, start_button
):
    assert clicks_to(client, home, report) in (1, 2)
    form = client.get(report)
    assert form.status_code == 200
    assert start_button in form.content.decode()
