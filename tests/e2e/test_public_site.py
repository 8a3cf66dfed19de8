"""A newcomer reads the public site in English or Spanish, on a phone, and finds how to report.
axe finds no violation on any public page, in either language."""

import pytest

from cms.demo import seed_home_page
from tests.e2e.helpers import check_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HOMES = {
    "en": ("/", "How reporting works", "Report an incident", "/report/"),
    "es": ("/es/", "Cómo funciona el reporte", "Reportar un incidente", "/es/report/"),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_newcomer_finds_how_to_report_within_two_clicks(page, language):
    seed_home_page()
    home, how_title, report_label, report_path = HOMES[language]
    page.goto(home)
    check_page(page, f"{language}-home")
    links = page.locator("nav.info-pages a")
    urls = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(urls) == 5

    page.get_by_role("link", name=how_title).click()  # first click
    assert page.locator("h1").inner_text() == how_title
    check_page(page, f"{language}-how-reporting-works")
    page.get_by_role("link", name=report_label, exact=True).last.click()  # second click
    assert page.url.endswith(report_path)
    check_page(page, f"{language}-report-start")

    for url in urls[1:]:
        page.goto(url)
        check_page(page, f"{language}-{url.strip('/').replace('/', '-')}")

    page.goto(f"{home}no-such-page/")  # a mistyped address still leads to the report
    # exact: the Spanish site name "Reportar un incidente de discriminación" contains the label
    report_link = page.get_by_role("link", name=report_label, exact=True)
    assert report_link.get_attribute("href") == report_path
    check_page(page, f"{language}-not-found")

    page.goto(home)
    other = "es" if language == "en" else "en"
    page.locator(f"nav.language-switch a[lang={other}]").click()
    assert page.locator("html").get_attribute("lang") == other


def test_pages_print_without_the_header_and_buttons(page):
    seed_home_page()
    page.goto("/resources/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.get_by_role("heading", name="988 Suicide and Crisis Lifeline").is_visible()
    page.shots("resources-print")
