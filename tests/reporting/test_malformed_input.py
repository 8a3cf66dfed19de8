"""No POST body, however malformed, makes a portal endpoint fail with a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import submit_report
from tests.reporting.portal import check_receipt, start_report

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/report/", "/report/receipt/", "/report/status/", "/es/report/", "/es/report/status/"]
FIELD_NAMES = st.sampled_from(
    [
        "nav",
        "draft",
        "step",
        "action",
        "receipt",
        "token",
        "body",
        "incident_types",
        "bias_bases",
        "district",
        "school",
        "location_type",
        "incident_date",
        "narrative",
        "contact_email",
        "contact_consent",
        "website",
        "pending_reply",
    ]
)
NAV_VALUES = st.sampled_from(
    ["start", "next", "back", "stay", "submit", "goto:review", "goto:nope", "remove:x", ""]
)
VALUES = st.one_of(st.text(max_size=60), NAV_VALUES, st.from_regex(r"[0-9 -]{0,24}"))
FORMS = st.dictionaries(FIELD_NAMES, st.one_of(VALUES, st.lists(VALUES, max_size=3)), max_size=8)
RAW_BODIES = st.binary(max_size=300)
CONTENT_TYPES = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "application/json",
        "text/plain; charset=utf-16",
        "application/x-www-form-urlencoded; charset=bogus-charset",
    ]
)
SUITE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def real_draft(client):
    page = start_report(client).content.decode()
    return page.split('name="draft" value="')[1].split('"')[0]


@SUITE
@given(endpoint=st.sampled_from(ENDPOINTS), form=FORMS, with_real_draft=st.booleans())
def test_form_posts_never_cause_a_server_error(client, real_draft, endpoint, form, with_real_draft):
    if with_real_draft:
        form = {**form, "draft": real_draft}
    response = client.post(endpoint, form)
    assert response.status_code < 500


@SUITE
@given(endpoint=st.sampled_from(ENDPOINTS), body=RAW_BODIES, content_type=CONTENT_TYPES)
def test_raw_bodies_never_cause_a_server_error(client, endpoint, body, content_type):
    response = client.generic("POST", endpoint, body, content_type=content_type)
    assert response.status_code < 500


@SUITE
@given(form=FORMS)
def test_posts_of_a_signed_in_reporter_never_cause_a_server_error(client, form):
    signed_in = client.cookies.get("reporter")
    if signed_in is None or not signed_in.value:
        check_receipt(client, submit_report().receipt)
    response = client.post("/report/status/", form)
    assert response.status_code < 500
