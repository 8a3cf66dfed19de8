"""An existing database keeps every label (cases migration 0015): label_en/label_es become
one `labels` JSON field, a relabel made before is kept, and every existing district gets its
row for every code, offered as before."""

import pytest

from tests.factories import DistrictFactory
from tests.migrations.executor import migrate

BEFORE = [("cases", "0014_staff_intake_channel_and_district_start")]
AFTER = [("cases", "0015_district_setup")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("latest_schema_afterwards")
def test_labels_move_into_one_field_and_districts_get_their_rows():
    district = DistrictFactory(name="Northvale", slug="northvale", code="NVU")

    old = migrate(BEFORE)
    OldBasis = old.get_model("cases", "BiasBasis")
    OldBasis.objects.filter(code="religion").update(label_en="Religion or belief", active=False)

    new = migrate(AFTER)
    Basis = new.get_model("cases", "BiasBasis")
    religion = Basis.objects.get(code="religion")
    assert religion.labels == {"en": "Religion or belief", "es": "Religión"}
    assert Basis.objects.get(code="race").labels == {"en": "Race", "es": "Raza"}
    rows = new.get_model("cases", "DistrictBiasBasis").objects.filter(district_id=district.pk)
    assert rows.count() == Basis.objects.count()
    assert rows.get(choice__code="religion").active is False
    types = new.get_model("cases", "DistrictIncidentType").objects.filter(district_id=district.pk)
    assert types.count() == new.get_model("cases", "IncidentType").objects.count()
