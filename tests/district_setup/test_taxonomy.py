"""A district administrator relabels, reorders and withdraws bias bases for their district.

The codes stay global (trends and the CRDC export count by code); the report form shows the
district's labels once the reporter has chosen the district.
"""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from cases.models import AuditEvent, BiasBasis, DistrictBiasBasis, IncidentType
from cases.selectors.taxonomy import offered_choices
from cases.services.taxonomy import ensure_taxonomy_entries
from district_setup.services import seed_labels_from_json
from reporting.forms.steps import WhatForm
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

INDEX = reverse("district_bias_bases:index")


@pytest.fixture
def entries(world):
    ensure_taxonomy_entries(district=world.district)
    ensure_taxonomy_entries(district=world.other_district)


def _entry(district, code) -> DistrictBiasBasis:
    return DistrictBiasBasis.objects.get(district=district, choice__code=code)


def _edit(entry) -> str:
    return reverse("district_bias_bases:edit", args=[entry.pk])


def _labels(form_field) -> dict[str, str]:
    return {code: str(label) for code, label in form_field.choices}


def test_a_relabelled_basis_shows_on_that_districts_report_form_only(client, world, entries):
    religion = _entry(world.district, "religion")
    login_staff(client, world.administrator)

    form = client.get(_edit(religion))
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    saved = client.post(
        _edit(religion),
        {"label_en": "Religion or belief", "label_es": "", "order": "1", "active": "on"},
    )

    assert saved.status_code == 302
    ours = _labels(WhatForm(district_id=world.district.pk).fields["bias_bases"])
    theirs = _labels(WhatForm(district_id=world.other_district.pk).fields["bias_bases"])
    assert ours["religion"] == "Religion or belief"
    # Order 1 moves it up from eighth place to just after race and color.
    assert list(ours).index("religion") < list(ours).index("national_origin")
    assert list(theirs).index("religion") > list(theirs).index("national_origin")
    assert theirs["religion"] == BiasBasis.objects.get(code="religion").labels["en"]
    with translation.override("es"):
        # No Spanish label of its own: the default Spanish one, not the English relabel.
        spanish = _labels(WhatForm(district_id=world.district.pk).fields["bias_bases"])
        assert spanish["religion"] == BiasBasis.objects.get(code="religion").labels["es"]
    event = AuditEvent.objects.get(action="taxonomy.changed")
    assert event.actor == world.administrator
    assert event.detail["code"] == "religion"
    assert event.detail["changes"]["label_en"] == {"before": None, "after": "Religion or belief"}
    assert event.detail["changes"]["order"]["after"] == 1


def test_a_withdrawn_basis_leaves_the_form_and_a_report_choosing_it_is_refused(
    client, world, entries
):
    login_staff(client, world.administrator)
    religion = _entry(world.district, "religion")

    client.post(_edit(religion), {"label_en": "", "label_es": "", "order": "0"})

    assert "religion" not in _labels(WhatForm(district_id=world.district.pk).fields["bias_bases"])
    assert "religion" in _labels(WhatForm().fields["bias_bases"])
    refused = WhatForm(
        data={"incident_types": ["harassment"], "bias_bases": ["religion"]},
        district_id=world.district.pk,
    )
    assert not refused.is_valid()
    assert "no longer offered" in str(refused.errors["bias_bases"])


def test_the_form_has_one_label_field_per_site_language(client, world, entries, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]
    login_staff(client, world.administrator)
    religion = _entry(world.district, "religion")

    page = client.get(_edit(religion)).content.decode()
    assert 'name="label_fr"' in page
    client.post(
        _edit(religion),
        {
            "label_en": "",
            "label_es": "",
            "label_fr": "Religion ou croyance",
            "order": "0",
            "active": "on",
        },
    )

    french = {
        c.code: c.label
        for c in offered_choices(BiasBasis, district_id=world.district.pk, language="fr")
    }
    assert french["religion"] == "Religion ou croyance"


def test_another_districts_entries_are_404_and_officers_see_nothing(client, world, entries):
    login_staff(client, world.administrator)
    assert client.get(_edit(_entry(world.other_district, "religion"))).status_code == 404

    login_staff(client, world.officer)
    assert client.get(INDEX).status_code == 404
    assert client.get(reverse("district_incident_types:index")).status_code == 404


def test_labels_for_a_new_language_are_seeded_from_a_json_file(tmp_path, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]
    file = tmp_path / "fr.json"
    file.write_text(
        json.dumps(
            {
                "incident_types": {"harassment": "Harcèlement"},
                "bias_bases": {"religion": "Religion"},
            }
        ),
        encoding="utf-8",
    )

    assert seed_labels_from_json(language="fr", path=file) == 2
    assert IncidentType.objects.get(code="harassment").label_in("fr") == "Harcèlement"
    # A code without a French label falls back to English.
    disability = BiasBasis.objects.get(code="disability")
    assert disability.label_in("fr") == disability.labels["en"]
