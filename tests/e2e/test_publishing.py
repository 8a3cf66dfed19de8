"""The seeded publisher changes the home page in English and in Spanish, publishes both, and a
visitor sees both changes on the public site at once: publishing works out of the box."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from cases.demo import DEMO_PUBLISHER, seed_organisation, seed_staff
from cms.demo import seed_home_page
from cms.models import HomePage
from tests.e2e.staff import sign_in_with_two_factor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_LABELS = {
    "en": ("/", "Sent a report already? Enter your receipt code here."),
    "es": ("/es/", "¿Ya envió un reporte? Escriba aquí su código de recibo."),
}


def test_the_seeded_publisher_publishes_the_home_page_in_both_languages(open_page):
    seed_organisation()
    seed_home_page()
    seed_staff(set_passwords=False)
    publisher = get_user_model().objects.get(username=DEMO_PUBLISHER)
    homes = {home.locale.language_code: home for home in HomePage.objects.all()}
    editor = open_page(who="publisher", width=1280)
    sign_in_with_two_factor(editor, publisher, f"/admin/pages/{homes['en'].pk}/edit/")

    for language, (_, label) in NEW_LABELS.items():
        editor.goto(f"/admin/pages/{homes[language].pk}/edit/")
        editor.locator("#id_status_link_label").fill(label)
        editor.locator("footer .w-dropdown__toggle").first.click()
        editor.get_by_role("button", name="Publish", exact=True).click()
        expect(editor.locator(".messages .success")).to_contain_text("published")
        editor.shots(f"published-{language}")

    visitor = open_page(who="visitor")
    for language, (path, label) in NEW_LABELS.items():
        visitor.goto(path)
        expect(visitor.get_by_role("link", name=label)).to_be_visible()
        visitor.shots(f"live-{language}")
