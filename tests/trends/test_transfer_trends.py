"""A district administrator reads transfer requests by outcome, by linked bias basis and the
median days in each step, as charts and CSV downloads, with small cells suppressed."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse

from cases.roles import Role
from tests.factories import DistrictFactory, SchoolFactory, staff_user, submit_report
from tests.staff import login_staff
from tests.transfers.history_factories import transfer_with_history
from transfers.models import TransferStatus
from transfers.trends import TIMED_STEPS

pytestmark = pytest.mark.django_db
T = TransferStatus
THRESHOLD = 3


def _csv(response) -> dict[str, dict[str, str]]:
    """The CSV as {row label: {column label: value}}."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv.reader(io.StringIO(response.content.decode()))
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}


@pytest.fixture
def transfers(trends_world):
    """Northvale (threshold 3) sent 10 requests to Lakeside: 5 enrolled (race), 4 still in
    progress (disability), 1 withdrawn (religion); it received 6 from Riverbend, all enrolled,
    linked to a Riverbend case."""
    world = trends_world
    world.district.suppression_threshold = THRESHOLD
    world.district.save(update_fields=["suppression_threshold"])
    lakeside = DistrictFactory(name="Lakeside", slug="lakeside", code="LKS")

    def case(basis, school=world.school):
        return submit_report(school=school, bias_basis_codes=[basis]).case

    for ends_in, basis, count in [
        (T.ENROLLED, "race", 5),
        (T.RECEIVING_REVIEW, "disability", 4),
        (T.WITHDRAWN, "religion", 1),
    ]:
        for _ in range(count):
            transfer_with_history(
                sending=world.district,
                receiving=lakeside,
                ends_in=ends_in,
                linked_cases=[case(basis)],
                days_in_steps={T.SUBMITTED: 2, T.SENDING_REVIEW: 4},
            )
    riverbend_case = case("race", school=world.far_school)
    for _ in range(6):
        transfer_with_history(
            sending=world.other_district,
            receiving=world.district,
            ends_in=T.ENROLLED,
            linked_cases=[riverbend_case],
        )
    return world


def test_the_outcome_table_suppresses_small_cells_and_their_complements(client, transfers):
    login_staff(client, transfers.administrator)

    table = _csv(client.get(reverse("trends_admin:csv", args=["transfer_outcome"])))

    sent, received, total = (
        table["Sent by this district"],
        table["Received by this district"],
        table["Total"],
    )
    assert sent["Enrolled"] == "5"
    assert received["Enrolled"] == "6"
    assert sent["Withdrawn"] == "suppressed"  # 1 is below the threshold of 3
    # 4 in progress is not small, but with the row total (10) it would give the 1 back.
    assert sent["In progress"] == "suppressed"
    assert sent["Total"] == "10"
    assert received["Total"] == "6"
    assert total["Total"] == "16"
    # The column totals would give them back too.
    assert total["Withdrawn"] == "suppressed"
    assert total["In progress"] == "suppressed"
    assert total["Enrolled"] == "11"
    assert sent["Denied by the receiving district"] == "0"  # zero identifies no one
    # No line of the table is left with a single hidden value to recover by subtraction.
    for line in [*table.values(), *({r: table[r][c] for r in table} for c in total)]:
        assert list(line.values()).count("suppressed") != 1


def test_the_outcome_chart_is_drawn_on_the_trends_page(client, transfers):
    login_staff(client, transfers.administrator)

    page = client.get(reverse("trends_admin:dashboard")).content.decode()

    for title in (
        "Transfer requests by outcome",
        "Transfer requests by linked bias basis",
        "Median days in each transfer step",
    ):
        assert title in page
    section = page[page.index('id="trend-transfer_outcome"') :]
    section = section[: section.index("</section>")]
    assert "<svg" in section
    assert "chart-bar--suppressed" in section
    assert "Sent by this district, Withdrawn: suppressed" in section
    assert reverse("trends_admin:csv", args=["transfer_outcome"]) in section
    assert "STU-" not in page  # no student reference anywhere


def test_linked_bases_count_only_the_districts_own_cases(client, transfers):
    login_staff(client, transfers.administrator)

    bases = _csv(client.get(reverse("trends_admin:csv", args=["transfer_basis"])))[
        "Transfer requests"
    ]

    assert bases["Race"] == "5"  # Riverbend's case behind the 6 received requests is not read
    assert bases["Religion"] == "suppressed"
    assert bases["Disability"] == "suppressed"  # else 10 - 5 - 4 gives the religion one back
    assert bases["Total"] == "10"


def test_median_days_show_only_over_enough_finished_steps(client, transfers):
    login_staff(client, transfers.administrator)

    medians = _csv(client.get(reverse("trends_admin:csv", args=["transfer_steps"])))

    northvale, partners = medians["Northvale"], medians["Partner districts"]
    assert northvale["Submitted"] == "2.0"  # 10 finished stays, all 2 days
    assert northvale["Sending district review"] == "4.0"
    assert northvale["Receiving district review"] == "1.0"  # the 6 received requests
    assert partners["Submitted"] == "1.0"  # Riverbend's 6 stays, attributed to Riverbend
    # Lakeside finished only the 5 enrolled requests' reviews; 4 are still open.
    assert partners["Receiving district review"] == "1.0"
    assert northvale["Denied by the sending district"] == "suppressed"  # no stay at all
    assert "Total" not in northvale  # medians do not add up


def test_a_median_over_fewer_stays_than_the_threshold_is_suppressed(client, trends_world):
    trends_world.district.suppression_threshold = THRESHOLD
    trends_world.district.save(update_fields=["suppression_threshold"])
    receiving = DistrictFactory()
    for days in (1, 9):
        transfer_with_history(
            sending=trends_world.district,
            receiving=receiving,
            days_in_steps={T.SUBMITTED: days},
            ends_in=T.SENDING_REVIEW,
        )
    login_staff(client, trends_world.administrator)
    url = reverse("trends_admin:csv", args=["transfer_steps"])

    assert _csv(client.get(url))["Northvale"]["Submitted"] == "suppressed"  # 2 stays

    transfer_with_history(
        sending=trends_world.district,
        receiving=receiving,
        days_in_steps={T.SUBMITTED: 3},
        ends_in=T.SENDING_REVIEW,
    )
    assert _csv(client.get(url))["Northvale"]["Submitted"] == "3.0"  # 3 stays: 1, 3, 9


def test_an_administrator_of_another_district_sees_nothing_of_the_first(client, transfers):
    hillcrest = SchoolFactory(name="Hill Top", slug="hill-top").district
    stranger = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=hillcrest, username="hc")
    login_staff(client, stranger)

    for key in ("transfer_outcome", "transfer_basis", "transfer_steps"):
        url = reverse("trends_admin:csv", args=[key])
        assert client.get(url, {"district": transfers.district.pk}).status_code == 404
    own = _csv(client.get(reverse("trends_admin:csv", args=["transfer_outcome"])))
    assert own["Total"]["Total"] == "0"
    steps = _csv(client.get(reverse("trends_admin:csv", args=["transfer_steps"])))
    assert set(steps) == {hillcrest.name, "Partner districts"}
    assert all(value == "suppressed" for row in steps.values() for value in row.values())


def _page_table(page: str, key: str) -> dict[str, dict[str, str]]:
    """The table of one section of the trends page, as {row label: {column label: value}}."""
    section = page[page.index(f'id="trend-{key}"') :]
    section = section[: section.index("</section>")]
    header = [html.unescape(h) for h in re.findall(r'<th scope="col">(.*?)</th>', section)]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", section[section.index("<tbody>") :], re.S):
        label, *values = (html.unescape(v) for v in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row))
        rows[label] = dict(zip(header[1:], values, strict=True))
    return rows


def _steps(**days: str) -> dict[str, str]:
    """A full row of the timeline: the given medians by step, every other step suppressed."""
    row = {str(T(status).label): "suppressed" for status in TIMED_STEPS}
    row.update({str(T(status).label): value for status, value in days.items()})
    return row


def test_the_transfer_timeline_shows_each_districts_time_in_each_step(client, trends_world):
    """Northvale (threshold 3) sent 3 requests to Lakeside, now accepted there, and 2 to
    Oakridge, and received 3 from Pinecrest, now in its review. Each step's days are set, so
    each median is known."""
    northvale = trends_world.district
    northvale.suppression_threshold = THRESHOLD
    northvale.save(update_fields=["suppression_threshold"])
    lakeside = DistrictFactory(name="Lakeside", slug="lakeside", code="LKS")
    pinecrest = DistrictFactory(name="Pinecrest", slug="pinecrest", code="PNC")
    oakridge = DistrictFactory(name="Oakridge", slug="oakridge", code="OKR")
    for submitted, sending_review, released, receiving_review in [
        (1, 2, 1, 5),
        (3, 4, 2, 6),
        (2, 9, 3, 10),
    ]:
        transfer_with_history(
            sending=northvale,
            receiving=lakeside,
            ends_in=T.ACCEPTED,  # still open with Lakeside: not timed yet
            days_in_steps={
                T.SUBMITTED: submitted,
                T.SENDING_REVIEW: sending_review,
                T.RELEASED: released,
                T.RECEIVING_REVIEW: receiving_review,
            },
        )
    for released in (4, 8):  # Oakridge released twice: too few stays for a median
        transfer_with_history(
            sending=northvale,
            receiving=oakridge,
            ends_in=T.RECEIVING_REVIEW,
            days_in_steps={T.SUBMITTED: 2, T.SENDING_REVIEW: 4, T.RELEASED: released},
        )
    for submitted, sending_review, released in [(0.5, 7, 1), (1.5, 7, 2), (2.5, 8, 6)]:
        transfer_with_history(
            sending=pinecrest,
            receiving=northvale,
            ends_in=T.RECEIVING_REVIEW,  # still open with Northvale: not timed yet
            days_in_steps={
                T.SUBMITTED: submitted,
                T.SENDING_REVIEW: sending_review,
                T.RELEASED: released,
            },
        )
    login_staff(client, trends_world.administrator)

    page = client.get(reverse("trends_admin:dashboard")).content.decode()
    shown = _page_table(page, "transfer_timeline")
    exported = _csv(client.get(reverse("trends_admin:csv", args=["transfer_timeline"])))

    expected = {
        # Its own steps first: 1, 2, 2, 2, 3 days submitted; 2, 4, 4, 4, 9 in its review;
        # 1, 2, 6 days with requests released to it. Its own review is still open.
        "Northvale": _steps(submitted="2.0", sending_review="4.0", released="2.0"),
        # Then its partners by name. Lakeside took 1, 2, 3 days to pick up released requests
        # and 5, 6, 10 days to review them.
        "Lakeside": _steps(released="2.0", receiving_review="6.0"),
        "Oakridge": _steps(),  # released: 4 and 8 days, 2 stays under the threshold of 3
        "Pinecrest": _steps(submitted="1.5", sending_review="7.0"),
    }
    assert shown == expected
    assert exported == expected
    assert list(shown) == list(exported) == ["Northvale", "Lakeside", "Oakridge", "Pinecrest"]


def test_a_district_without_shared_requests_sees_none_of_the_timeline(client, transfers):
    hillcrest = DistrictFactory(name="Hillcrest", slug="hillcrest", code="HCR")
    stranger = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=hillcrest, username="hc2")
    login_staff(client, stranger)

    page = client.get(reverse("trends_admin:dashboard")).content.decode()
    section = page[page.index('id="trend-transfer_timeline"') :]
    section = section[: section.index("</section>")]

    assert ">Hillcrest<" in section
    for name in ("Northvale", "Lakeside", "Riverbend"):
        assert name not in page
