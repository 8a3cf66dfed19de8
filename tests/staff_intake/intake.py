"""What the staff intake tests share: a district with an officer, and a filled-in screen."""

from django.utils import timezone

from cases.choices import Channel
from tests.factories import DistrictFactory, SchoolFactory, report_submission, staff_user

NARRATIVE = "Un compañero llamó a mi hijo con un insulto racial en el autobús."


def officer_and_school(**district):
    school = SchoolFactory(district=DistrictFactory(**district), name="Cedar Middle")
    return staff_user(district=school.district, username="officer.rivera"), school


def phone_submission(school, **overrides):
    return report_submission(
        school=school, narrative=NARRATIVE, language="es", channel=Channel.WEB, **overrides
    )


def screen_data(school, **overrides) -> dict:
    """What an officer types on the record screen for a phone report in Spanish."""
    data = {
        "channel": "phone",
        "received_on": timezone.localdate().isoformat(),
        "language": "es",
        "receipt": "hand_over",
        "incident_types": ["harassment"],
        "bias_bases": ["race"],
        "district": str(school.district_id),
        "school": str(school.pk),
        "location_type": "bus",
        "incident_date": "",
        "reporter_relation": "parent",
        "grade_band": "6_8",
        "people_involved": "",
        "staff_involved": "",
        "narrative": NARRATIVE,
        "transfer_interest": "no",
        "contact_email": "",
        "contact_phone": "",
    }
    data.update(overrides)
    return data
