"""A submit costs a fixed, small number of queries, whatever the reporter chose: every query
holds a worker of the portal while the reporter waits (docs/benchmarks.md, intake)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.services.intake import open_case_from_report
from reporting.steps import build_submission, validate_answer_steps
from tests.factories import SchoolFactory
from tests.reporting.portal import good_answers

pytestmark = pytest.mark.django_db

# Measured on PostgreSQL inside a test's transaction: the step forms (taxonomy, districts,
# schools), the school, the chosen codes, the case number, the day sequences, the case, the
# report, one INSERT per link table and one for all the outbox jobs. Each many-to-many
# `set()` read before it wrote and each job was its own INSERT: 36 before.
SUBMIT_QUERY_BUDGET = 28


def _queries_to_submit(school, *, incident_types: list[str], bias_bases: list[str]) -> int:
    answers = good_answers(school)
    answers["what"] = {"incident_types": incident_types, "bias_bases": bias_bases}
    typed = {
        step: {name: value if isinstance(value, list) else [value] for name, value in f.items()}
        for step, f in answers.items()
    }
    with CaptureQueriesContext(connection) as queries:
        validated = validate_answer_steps(answers=typed)
        submission = build_submission(validated_answers=validated, uploads=[], language="en")
        result = open_case_from_report(submission=submission)
    assert sorted(result.case.bias_bases.values_list("code", flat=True)) == sorted(bias_bases)
    assert result.report.incident_types.count() == len(incident_types)
    return len(queries.captured_queries)


def test_a_submit_stays_within_its_query_budget_whatever_was_chosen():
    school = SchoolFactory()
    # The district's first case of the year creates its case-number row: a one-off.
    _queries_to_submit(school, incident_types=["harassment"], bias_bases=["race"])
    one = _queries_to_submit(school, incident_types=["harassment"], bias_bases=["race"])
    many = _queries_to_submit(
        school,
        incident_types=["harassment", "bullying", "exclusion"],
        bias_bases=["race", "religion", "disability", "sex"],
    )

    assert (one, many) == (one, one)
    assert one <= SUBMIT_QUERY_BUDGET, one
