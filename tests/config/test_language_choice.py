"""Which language a public page opens in (config/language_choice.py, cases/languages.py):
the district's enabled languages, the browser's Accept-Language on a first visit only, the
address's prefix after that, and never a cookie."""

import pytest
from wagtail.models import Site

from cases.languages import best_match, negotiate
from cases.models import District
from cases.selectors.languages import portal_languages
from cms.demo import seed_home_page

pytestmark = pytest.mark.django_db

FIRST_VISIT = {"HTTP_SEC_FETCH_SITE": "none"}
FROM_THIS_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.fixture
def home():
    return seed_home_page(["en", "es", "vi"])


def _district(slug: str, languages: list[str], site: Site | None = None) -> District:
    return District.objects.create(
        name=slug.title(), slug=slug, code=slug[:3].upper(), languages=languages, site=site
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("vi-VN", "vi"),
        ("zh-CN", "zh-hans"),
        ("zh-TW", "zh-hant"),
        ("zh-HK", "zh-hant"),
        ("zh", "zh-hans"),
        ("pt", "pt-br"),
        ("pt-PT", "pt-br"),
        ("ar-EG", "ar"),
        ("ht", "ht"),
        ("fr", None),
        ("*", None),
    ],
)
def test_a_browser_language_maps_to_the_site_language_that_serves_it(code, expected):
    all_languages = ["en", "es", "ar", "zh-hans", "zh-hant", "vi", "pt-br", "ht"]
    assert best_match(code, all_languages) == expected


def test_negotiation_picks_the_most_preferred_enabled_language():
    assert negotiate("vi-VN,vi;q=0.9,es;q=0.5", ["en", "es", "vi"]) == "vi"
    assert negotiate("vi-VN,vi;q=0.9,es;q=0.5", ["en", "es"]) == "es"  # vi is not offered
    assert negotiate("fr-FR,de;q=0.5", ["en", "es"]) is None  # the default applies
    assert negotiate("", ["en", "es"]) is None


def test_a_new_district_offers_english_and_spanish():
    district = District.objects.create(name="New", slug="new", code="NEW")
    assert district.languages == ["en", "es"]
    assert portal_languages(site=None) == ["en", "es"]


def test_a_district_site_offers_its_own_languages_and_a_shared_site_every_enabled_one(home):
    shared = Site.objects.get(is_default_site=True)
    own = Site.objects.create(hostname="riverbend.example", root_page=home)
    _district("northvale", ["en", "vi"])
    _district("westfield", ["en", "es", "ar"])
    _district("riverbend", ["en", "ht"], site=own)

    assert portal_languages(site=shared) == ["en", "es", "ar", "vi"]
    assert portal_languages(site=own) == ["en", "ht"]


def test_a_first_visit_follows_accept_language_among_the_enabled_languages(client, home):
    _district("northvale", ["en", "es", "vi"])

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi-VN,vi;q=0.9", **FIRST_VISIT)

    assert response.status_code == 302
    assert response["Location"] == "/vi/"
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies  # the choice is in the address, nothing is stored
    page = client.get("/vi/").content.decode()
    assert '<html lang="vi" dir="ltr">' in page


def test_a_language_the_district_did_not_enable_is_not_offered(client, home):
    _district("riverbend", ["en", "es"])

    response = client.get("/report/", HTTP_ACCEPT_LANGUAGE="vi-VN,vi;q=0.9", **FIRST_VISIT)
    assert response.status_code == 200  # English
    assert 'lang="vi"' not in response.content.decode()
    # An address in that language leads to the same page in English.
    response = client.get("/vi/report/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/report/?x=1"


def test_following_a_link_on_the_site_keeps_the_language_of_the_address(client, home):
    """Choosing English in the switcher (a same-origin link) is not undone by Accept-Language."""
    _district("northvale", ["en", "vi"])

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi", **FROM_THIS_SITE)

    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_a_form_is_never_redirected(client, home):
    _district("northvale", ["en", "vi"])
    response = client.post("/report/", HTTP_ACCEPT_LANGUAGE="vi", **FIRST_VISIT)
    assert response.status_code != 302 or not response["Location"].startswith("/vi/")


def test_the_switcher_names_each_offered_language_in_itself_and_arabic_is_right_to_left(
    client, home
):
    _district("northvale", ["en", "es", "ar", "zh-hans"])

    page = client.get("/ar/report/").content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert '<nav class="language-switch"' in page
    for code, name in [("en", "English"), ("es", "Español"), ("zh-hans", "简体中文")]:
        assert f'href="/{code}/report/"'.replace("/en/", "/") in page
        assert f'lang="{code}" hreflang="{code}">{name}</a>' in page
    assert 'aria-current="true">العربية</span>' in page
    assert "Tiếng Việt" not in page  # not enabled


def test_the_error_page_has_the_switcher_too(client, home):
    _district("northvale", ["en", "vi"])
    page = client.get("/vi/no-such-page/").content.decode()
    assert '<html lang="vi" dir="ltr">' in page
    assert 'href="/no-such-page/" lang="en" hreflang="en">English</a>' in page


def test_the_back_office_and_the_api_are_left_alone(client, home):
    _district("northvale", ["en", "vi"])
    for path in ("/admin/login/", "/healthz"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="vi", **FIRST_VISIT)
        assert response.status_code != 302 or "/vi/" not in response["Location"]
