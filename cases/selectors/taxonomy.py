"""The incident types and bias bases a report form offers, as a district set them up.

Codes are global; a district's own row (`DistrictIncidentType`, `DistrictBiasBasis`) may
relabel, reorder or withdraw a code for that district. Without a district (the first step
of the form, before the reporter has chosen one) or without a row, the global values apply.
A code withdrawn globally is withdrawn everywhere.
"""

from dataclasses import dataclass

from django.db.models import Model

from cases.models import BiasBasis, DistrictBiasBasis, DistrictIncidentType, IncidentType

DISTRICT_MODELS: dict[type[Model], type[Model]] = {
    IncidentType: DistrictIncidentType,
    BiasBasis: DistrictBiasBasis,
}


@dataclass(frozen=True)
class OfferedChoice:
    code: str
    label: str


def offered_choices(
    model: type[IncidentType] | type[BiasBasis],
    *,
    district_id: int | None = None,
    language: str | None = None,
) -> list[OfferedChoice]:
    """The active choices of `model` for the district, in its order, labelled in `language`
    (the active language when None). Two queries whatever the number of codes."""
    choices = list(model.objects.filter(active=True))
    settings = {}
    if district_id is not None:
        settings = {
            row.choice_id: row
            for row in DISTRICT_MODELS[model].objects.filter(district_id=district_id)
        }
    offered = []
    for choice in choices:
        row = settings.get(choice.pk)
        if row is not None and not row.active:
            continue
        label = row.label_in(language, choice=choice) if row else choice.label_in(language)
        order = row.order if row is not None else choice.order
        offered.append((order, choice.code, OfferedChoice(code=choice.code, label=label)))
    return [item for _order, _code, item in sorted(offered, key=lambda entry: entry[:2])]
