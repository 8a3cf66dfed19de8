"""A planted campaign for the tests: one long narrative and its near copies, as several people
pasting (and lightly retyping) the same text would send it."""

from cases.models import Case
from tests.factories import submit_report

CAMPAIGN_TEXT = (
    "The new vice principal at our school keeps telling students from immigrant families "
    "that they should go back where they came from, he mocks their accents during assemblies, "
    "confiscates phones only from Somali students and refuses translated notices for parents"
)
# Each keeps all but one or two of the original's words.
COPIES = [
    CAMPAIGN_TEXT,
    CAMPAIGN_TEXT.replace("during assemblies", "during every assembly"),
    CAMPAIGN_TEXT.replace("The new vice principal", "Our vice principal"),
    CAMPAIGN_TEXT + " again",
]
UNRELATED = (
    "A group of seventh graders wrote graffiti about my daughter's religion on the gym wall "
    "and posted photos of it in a chat, the counselor said she would look into it last month"
)


def submit_copies(*, school, count: int = 3, **overrides) -> list[Case]:
    return [
        submit_report(school=school, narrative=COPIES[i % len(COPIES)], **overrides).case
        for i in range(count)
    ]
