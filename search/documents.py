"""What the search index holds for one case: structured fields and blind-index tokens only.

Both backends index exactly this dictionary, so what one can leak the other can too, and a
single test proves neither holds plaintext (no narrative, names, contact or message text).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from cases.models import Case, Report, ReporterMessage

TOKEN_FIELDS = ("narrative_tokens", "people_tokens", "message_tokens")


def cases_for_indexing(case_ids: Iterable | None = None) -> QuerySet[Case]:
    """Cases with every relation a document needs, prefetched (a fixed number of queries)."""
    queryset = Case.objects.all() if case_ids is None else Case.objects.filter(pk__in=case_ids)
    reports = Report.objects.only("id", "case_id", "text_tokens", "people_tokens")
    messages = ReporterMessage.objects.only("id", "report_id", "text_tokens")
    return (
        queryset.only(
            "id",
            "number",
            "district_id",
            "school_id",
            "status",
            "priority",
            "assignee_id",
            "opened_on",
            "sequence",
            "acknowledged_at",
            "closed_at",
            "acknowledge_due",
            "investigation_due",
            "incident_date",
            "grade_band",
            "location_type",
            "life_safety",
        )
        .prefetch_related(
            "bias_bases",
            "incident_types",
            Prefetch("reports", queryset=reports.prefetch_related(Prefetch("messages", messages))),
        )
        .order_by("pk")
    )


def _iso(value):
    return value.isoformat() if value is not None else None


def case_document(case: Case) -> dict:
    """The indexed form of a case (expects `cases_for_indexing` prefetches)."""
    narrative, people, messages = set(), set(), set()
    for report in case.reports.all():
        narrative.update(report.text_tokens)
        people.update(report.people_tokens)
        for message in report.messages.all():
            messages.update(message.text_tokens)
    return {
        "case_id": str(case.pk),
        "number": case.number,
        "district_id": case.district_id,
        "school_id": case.school_id,
        "status": case.status,
        "priority": case.priority,
        "assignee_id": case.assignee_id,
        "opened_on": _iso(case.opened_on),
        "sequence": case.sequence,  # the queue's last order key, after opened_on
        "acknowledged_at": _iso(case.acknowledged_at),
        "closed_at": _iso(case.closed_at),
        "acknowledge_due": _iso(case.acknowledge_due),
        "investigation_due": _iso(case.investigation_due),
        "incident_date": _iso(case.incident_date),
        "grade_band": case.grade_band,
        "location_type": case.location_type,
        "life_safety": case.life_safety,
        "bias_bases": sorted(basis.code for basis in case.bias_bases.all()),
        "crdc_categories": sorted(
            {basis.crdc_category for basis in case.bias_bases.all() if basis.crdc_category}
        ),
        "incident_types": sorted(kind.code for kind in case.incident_types.all()),
        "narrative_tokens": sorted(narrative),
        "people_tokens": sorted(people),
        "message_tokens": sorted(messages),
    }


def iter_case_documents(case_ids: Iterable | None = None, *, chunk_size: int = 500) -> Iterator:
    """Documents for many cases, loaded in chunks so memory stays flat on a large district."""
    queryset = cases_for_indexing(case_ids)
    last_pk = None
    while True:
        chunk_qs = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        chunk = list(chunk_qs[:chunk_size])
        if not chunk:
            return
        for case in chunk:
            yield case_document(case)
        last_pk = chunk[-1].pk
