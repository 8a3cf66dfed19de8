"""Giving a district its own row for every global incident type and bias basis."""

from cases.models import (
    BiasBasis,
    District,
    DistrictBiasBasis,
    DistrictIncidentType,
    IncidentType,
)


def ensure_taxonomy_entries(*, district: District) -> None:
    """A row for every global code the district has none for yet, with the global order and
    offer and no label of its own: the district setup screens list and edit these rows.
    Idempotent; called when a district is created and by the demo seed."""
    for model, district_model in (
        (IncidentType, DistrictIncidentType),
        (BiasBasis, DistrictBiasBasis),
    ):
        have = district_model.objects.filter(district=district).values_list("choice_id", flat=True)
        district_model.objects.bulk_create(
            [
                district_model(
                    district=district, choice=choice, order=choice.order, active=choice.active
                )
                for choice in model.objects.exclude(pk__in=list(have))
            ]
        )
