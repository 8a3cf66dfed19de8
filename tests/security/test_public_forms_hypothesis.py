"""Hypothesis over every public form, as a form and through the API that feeds it: any input
gives a valid form or field errors, never an exception or a server error.

The web endpoints themselves are fuzzed in tests/reporting/test_malformed_input.py."""

import json

import pytest
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.forms.status import AddEvidenceForm, ReceiptForm, ReplyForm
from reporting.steps import STEPS
from tests.api.client import ApiClient, new_draft
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

PUBLIC_FORMS = [step.form_class for step in STEPS] + [ReceiptForm, ReplyForm, AddEvidenceForm]
SUITE = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.one_of(
    st.text(max_size=80),
    st.from_regex(r"[0-9 ./-]{0,24}", fullmatch=True),
    st.sampled_from(["on", "true", "", "2025-02-30", "9999-12-31", "1", "-1", "harassment"]),
)


def _form_data(form_class):
    names = sorted(form_class.base_fields)
    return st.dictionaries(st.sampled_from(names), st.lists(TEXT, max_size=3), max_size=len(names))


@pytest.mark.parametrize("form_class", PUBLIC_FORMS, ids=lambda form: form.__name__)
def test_every_public_form_turns_any_input_into_field_errors(form_class):
    SchoolFactory()

    @SUITE
    @given(data=_form_data(form_class))
    def check(data):
        form = form_class(data=MultiValueDict(data), files=MultiValueDict())
        valid = form.is_valid()
        assert valid or all(isinstance(str(m), str) for ms in form.errors.values() for m in ms)

    check()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=8,
)
API_FIELDS = st.sampled_from(
    [
        "draft",
        "incident_types",
        "bias_bases",
        "district",
        "school",
        "location_type",
        "incident_date",
        "date_is_approximate",
        "reporter_relation",
        "grade_band",
        "people_involved",
        "narrative",
        "transfer_interest",
        "contact_email",
        "contact_phone",
        "contact_consent",
        "language",
        "receipt",
        "token",
        "body",
    ]
)
API_BODIES = st.one_of(
    st.dictionaries(API_FIELDS, JSON_VALUES, max_size=10),
    JSON_VALUES,
)
ENDPOINTS = ["reports", "status", "replies", "drafts", "status-tokens", "draft-tokens"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_public_api_answers_any_json_with_json_and_never_a_server_error(client, endpoint):
    SchoolFactory()
    draft = new_draft(ApiClient(client))

    @SUITE
    @given(body=API_BODIES, with_draft=st.booleans())
    def check(body, with_draft):
        if with_draft and isinstance(body, dict):
            body = {**body, "draft": draft}
        response = client.post(
            f"/api/public/{endpoint}", json.dumps(body), content_type="application/json"
        )
        assert response.status_code < 500
        payload = response.json()
        if response.status_code >= 400:
            assert set(payload) == {"detail", "errors"}

    check()
