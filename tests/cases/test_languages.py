"""One function picks a report's language from settings.LANGUAGES (cases/languages.py), so a
third language is one settings change, and an unsupported one falls back to the default."""

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.utils import translation

from cases.languages import report_language, supported_language, taxonomy_labels
from cases.models import BiasBasis, IncidentType, Report
from cases.notifications import send_reporter_update
from tests.api.client import ApiClient, submit
from tests.factories import SchoolFactory, submit_report


@pytest.mark.parametrize(
    ("requested", "expected"),
    [("es", "es"), ("es-MX", "es"), ("ES_us", "es"), ("en-GB", "en"), ("fr", "en"), ("", "en")],
)
def test_a_requested_language_maps_to_a_supported_one(requested, expected):
    assert supported_language(requested) == expected


def test_without_a_request_the_active_language_decides():
    with translation.override("es"):
        assert report_language() == "es"
        assert report_language("en") == "en"
    with translation.override("fr"):
        assert report_language() == "en"


def test_a_third_language_is_one_settings_change(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]

    assert report_language("fr-CA") == "fr"
    with translation.override("fr"):
        assert report_language() == "fr"


@pytest.mark.django_db
def test_a_language_without_its_own_labels_or_emails_gets_the_default_ones(settings, mailoutbox):
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]
    harassment = IncidentType.objects.get(code="harassment")
    with translation.override("fr"):
        assert harassment.label == harassment.labels["en"]
    report = submit_report(contact_email="parent@example.org", contact_consent=True).report
    Report.objects.filter(pk=report.pk).update(language="fr")
    report.refresh_from_db()

    assert send_reporter_update(report=report)
    assert mailoutbox[-1].subject == "There is an update for you"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "requested", "stored"),
    [("es-MX", "", "es"), ("es", "en", "en"), ("de", "", "en")],
)
def test_the_api_stores_the_requested_or_the_request_language(
    client, settings, accept, requested, stored
):
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0  # the bot check is tested elsewhere
    api = ApiClient(client, language=accept)
    response = submit(api, SchoolFactory(), language=requested)

    assert response.status_code == 201, response.content
    assert Report.objects.get().language == stored


def test_the_shipped_taxonomy_labels_name_every_choice_in_every_new_language():
    vietnamese = taxonomy_labels("vi")
    assert set(vietnamese) == {"incident_types", "bias_bases"}
    assert vietnamese["incident_types"]["harassment"]
    assert taxonomy_labels("fr") == {}


@pytest.mark.django_db
@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_a_family_reads_every_incident_type_and_bias_basis_in_its_language(code):
    """No migration per language: the database's labels (English, Spanish, a district's own)
    come first, the shipped file of the language fills the rest."""
    shipped = taxonomy_labels(code)
    for choice in [*IncidentType.objects.all(), *BiasBasis.objects.all()]:
        expected = choice.labels.get(code) or shipped[choice.shipped_labels_key][choice.code]
        assert choice.label_in(code) == expected


@pytest.mark.django_db
def test_a_label_kept_in_the_database_wins_over_the_shipped_one():
    basis = BiasBasis.objects.get(code="religion")
    basis.labels = {**basis.labels, "vi": "Tôn giáo hoặc tín ngưỡng"}
    basis.save()

    assert basis.label_in("vi") == "Tôn giáo hoặc tín ngưỡng"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_shipped_language_has_its_reporter_email(code):
    get_template(f"cases/email/reporter_update.{code}.txt")
    get_template(f"cases/email/reporter_update_subject.{code}.txt")
