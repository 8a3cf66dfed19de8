"""A family files a report on a phone (390 px) in Arabic, right to left, and in Vietnamese,
reads and downloads the receipt, and checks the report: every step in their language, axe
clean, no sideways scroll, the Arabic pages mirrored. A browser asking for Vietnamese lands on
the Vietnamese home page of a district that offers it, and on English where it does not."""

from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import Site

from cases.models import District, Report
from cms.demo import seed_home_page, seed_text
from tests.e2e.helpers import check_page
from tests.factories import SchoolFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEXT = "button.button-primary[name=nav][value=next]"
WIDTH = 390
MAIN_PADDING = 16  # main { padding: 1rem }


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def _text_edges(page, selector: str) -> tuple[float, float]:
    """Left and right edges of the text of the first element matching `selector`."""
    return page.locator(selector).first.evaluate(
        """(element) => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const box = range.getBoundingClientRect();
            return [box.left, box.right];
        }"""
    )


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide at {WIDTH} px"


def _step(page, name: str, language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    _no_sideways_scroll(page)
    check_page(page, name)


@pytest.mark.parametrize("language", ["ar", "vi"])
def test_a_family_reports_and_checks_in_their_language(open_page, language):
    school = SchoolFactory(name="Lincoln Middle")
    District.objects.filter(pk=school.district_id).update(languages=["en", "es", language])
    page = open_page(width=WIDTH)

    page.goto(f"/{language}/report/")
    _step(page, "start", language)
    expect(page.locator("nav.language-switch [aria-current=true]")).to_have_attribute(
        "lang", language
    )
    page.locator("button[name=nav][value=start]").click()

    expect(page.locator("h1")).to_have_text(_t(language, "What happened"))
    heading_left, heading_right = _text_edges(page, "h1")
    button = page.locator(NEXT).bounding_box()
    if language == "ar":  # mirrored: the heading and Continue start at the right edge
        assert heading_right == pytest.approx(WIDTH - MAIN_PADDING, abs=2)
        assert button["x"] + button["width"] == pytest.approx(WIDTH - MAIN_PADDING, abs=2)
        assert button["x"] > WIDTH / 2
    else:
        assert heading_left == pytest.approx(MAIN_PADDING, abs=2)
        assert button["x"] == pytest.approx(MAIN_PADDING, abs=2)
    expect(page.locator(NEXT)).to_have_text(_t(language, "Continue"))
    page.locator(NEXT).click()  # nothing chosen: the errors, in the family's language
    expect(page.locator("#error-summary")).to_be_visible()
    _step(page, "what-errors", language)
    page.locator("#id_incident_types input[value=harassment]").check()
    page.locator("#id_bias_bases input[value=race]").check()
    _step(page, "what", language)
    page.locator(NEXT).click()

    page.locator("#id_district").select_option(str(school.district_id))
    page.locator("#id_school").select_option(str(school.pk))
    page.locator("#id_location_type input[value=hallway]").check()
    page.locator("#id_incident_date").fill("2025-03-14")
    _step(page, "where", language)
    page.locator(NEXT).click()

    page.locator("#id_reporter_relation input[value=parent]").check()
    page.locator('#id_grade_band input[value="6_8"]').check()
    expect(page.locator("#id_grade_band")).to_contain_text(_t(language, "Grades 6 to 8"))
    _step(page, "who", language)
    page.locator(NEXT).click()

    page.locator("#id_narrative").fill("My son is called names in the hallway every morning.")
    _step(page, "story", language)
    page.locator(NEXT).click()
    _step(page, "evidence", language)
    page.locator(NEXT).click()
    _step(page, "transfer", language)
    page.locator(NEXT).click()
    _step(page, "contact", language)
    page.locator(NEXT).click()
    _step(page, "review", language)
    page.locator("button.button-primary[name=nav][value=submit]").click()

    expect(page.locator("h1")).to_have_text(_t(language, "Your report was sent"))
    receipt = page.locator("input[name=receipt]").first.get_attribute("value")
    groups = page.locator(".receipt-code span")
    assert groups.count() == 5
    assert page.locator(".receipt-code").get_attribute("dir") == "ltr"
    first, last = groups.nth(0).bounding_box(), groups.nth(4).bounding_box()
    # The digits read left to right in their groups, even on the Arabic page.
    assert (first["y"], first["x"]) < (last["y"], last["x"])
    assert " ".join(groups.all_inner_texts()) == receipt
    _step(page, "receipt", language)
    with page.expect_download() as download:
        page.get_by_role("button", name=_t(language, "Download the code as a text file")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert receipt in text
    assert _t(language, "Receipt code for your bias incident report") in text

    report = Report.objects.get()
    assert report.language == language  # the officer sees the report's language
    assert report.get_language_display() == {"ar": "العربية", "vi": "Tiếng Việt"}[language]

    page.context.clear_cookies()  # the family comes back later
    page.goto(f"/{language}/report/status/")
    _step(page, "status-check", language)
    page.locator("#id_receipt").fill(receipt)
    page.locator("button[name=action][value=check]").click(timeout=30_000)
    expect(page.locator("main")).to_contain_text(_t(language, "Received"))
    _step(page, "status", language)


def test_accept_language_vietnamese_lands_where_the_district_offers_it(open_page, live_server):
    """Two districts, each with its own public site: Northvale enabled Vietnamese (served at
    localhost), Riverbend did not (served at 127.0.0.1)."""
    seed_home_page(["en", "es", "vi"])
    shared = Site.objects.get(is_default_site=True)
    port = int(live_server.url.rsplit(":", 1)[1])
    shared.hostname, shared.port = "localhost", port
    shared.save()
    other = Site.objects.create(hostname="127.0.0.1", port=port, root_page=shared.root_page)
    District.objects.create(
        name="Northvale", slug="northvale", code="NVU", languages=["en", "es", "vi"], site=shared
    )
    District.objects.create(name="Riverbend", slug="riverbend", code="RBD", site=other)
    vietnamese_home = seed_text("vi")["home"]["title"]

    page = open_page(width=WIDTH, locale="vi-VN")
    page.goto(f"http://localhost:{port}/")
    assert page.url == f"http://localhost:{port}/vi/"
    expect(page.locator("h1")).to_have_text(vietnamese_home)
    assert page.locator("html").get_attribute("lang") == "vi"
    _no_sideways_scroll(page)
    check_page(page, "northvale-vi-home")

    # Choosing English in the switcher sticks: no cookie, the address carries it.
    page.locator("nav.language-switch a[lang=en]").click()
    assert page.url == f"http://localhost:{port}/"
    assert page.locator("html").get_attribute("lang") == "en"
    check_page(page, "northvale-en-chosen")

    page.goto(f"http://127.0.0.1:{port}/")
    assert page.url == f"http://127.0.0.1:{port}/"
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("nav.language-switch a[lang=vi]")).to_have_count(0)
    page.goto(f"http://127.0.0.1:{port}/vi/")  # not offered there: the English page
    assert page.url == f"http://127.0.0.1:{port}/"
    check_page(page, "riverbend-en-home")
