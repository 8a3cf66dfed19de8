"""A newcomer reads the public site in English or Spanish and finds how to report."""

import re

import pytest
from wagtail.models import Page

from cms.demo import seed_home_page, seeded_languages
from cms.models import FaqPage, HomePage, ResourcesPage, StandardPage

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r'href="([^"]+)"')


@pytest.fixture
def site():
    return seed_home_page()


def _links(response) -> list[str]:
    return LINK_RE.findall(response.content.decode())


@pytest.mark.parametrize(
    ("home_url", "report_url", "how_url", "words"),
    [
        ("/", "/report/", "/how-reporting-works/", "What anonymity protects"),
        ("/es/", "/es/report/", "/es/como-funciona-el-reporte/", "Qué protege el anonimato"),
    ],
)
def test_home_leads_to_the_report_and_to_how_reporting_works_in_one_click(
    client, site, home_url, report_url, how_url, words
):
    home = client.get(home_url)
    assert home.status_code == 200
    links = _links(home)
    assert report_url in links
    assert how_url in links
    how = client.get(how_url)
    assert how.status_code == 200
    assert words in how.content.decode()
    assert report_url in _links(how)  # and the report is one click from there too


def test_each_page_offers_its_translation(client, site):
    english = client.get("/resources/").content.decode()
    assert 'href="/es/recursos/"' in english
    assert 'lang="es"' in english
    spanish = client.get("/es/recursos/").content.decode()
    assert 'href="/resources/"' in spanish
    assert '<html lang="es" dir="ltr">' in spanish


def test_resources_list_crisis_lines_as_tap_to_call_links(client, site):
    page = client.get("/resources/").content.decode()
    assert 'href="tel:988"' in page
    assert 'href="tel:911"' in page
    assert 'href="sms:741741"' in page
    assert "Línea de Prevención" in client.get("/es/recursos/").content.decode()


def test_the_faq_and_rights_pages_read_in_both_languages(client, site):
    assert "I lost my receipt code" in client.get("/faq/").content.decode()
    assert "Perdí mi código de recibo" in client.get("/es/preguntas-frecuentes/").content.decode()
    assert "Your school must" in client.get("/know-your-rights/").content.decode()
    assert "Su escuela debe" in client.get("/es/conozca-sus-derechos/").content.decode()
    assert "How to ask" in client.get("/transfer-options/").content.decode()
    assert "Cómo pedirlo" in client.get("/es/opciones-de-traslado/").content.decode()


def test_pages_load_no_third_party_assets(client, site):
    for url in ("/", "/es/", "/resources/", "/es/preguntas-frecuentes/"):
        html = client.get(url).content.decode()
        for match in re.finditer(r'(?:src|href)="(https?://[^"]+)"', html):
            tag_start = html.rfind("<", 0, match.start())
            assert html[tag_start : tag_start + 2] == "<a", match.group(1)  # links only


def test_seeding_twice_keeps_one_page_per_language(client, site):
    seed_home_page(seeded_languages())  # the fixture seeded English and Spanish already
    languages = len(seeded_languages())
    assert languages == 8  # every language the site ships has its seed text
    assert HomePage.objects.count() == languages
    assert StandardPage.objects.count() == 3 * languages
    assert ResourcesPage.objects.count() == languages
    assert FaqPage.objects.count() == languages
    english, spanish = (
        Page.objects.get(slug="resources", locale__language_code="en"),
        Page.objects.get(slug="recursos"),
    )
    assert english.translation_key == spanish.translation_key


def test_an_unknown_page_answers_404_in_both_languages(client, site):
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/es/no-such-page/").status_code == 404


@pytest.mark.parametrize(
    ("url", "title", "report_url"),
    [
        ("/no-such-page/", "Page not found", "/report/"),
        ("/es/no-such-page/", "No se encontró la página", "/es/report/"),
    ],
)
def test_a_lost_visitor_is_told_so_in_their_language_and_offered_the_report(
    client, site, url, title, report_url
):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{title}</h1>" in html
    assert f'href="{report_url}"' in html
