"""Case screens, mounted under /admin/cases/ beside the queue by `CaseQueueViewSet`
(cases/admin/queue.py)."""

from django.urls import path

from cases.admin import actions, detail, evidence

app_name = "cases_admin"

urlpatterns = [
    path("<uuid:case_id>/", detail.case_detail, name="detail"),
    path("<uuid:case_id>/status/", actions.change_status, name="change_status"),
    path("<uuid:case_id>/assign/", actions.assign, name="assign"),
    path("<uuid:case_id>/priority/", actions.priority, name="priority"),
    path("<uuid:case_id>/notes/", actions.add_note, name="add_note"),
    path("<uuid:case_id>/findings/", actions.findings, name="findings"),
    path("<uuid:case_id>/legal-hold/", actions.legal_hold, name="legal_hold"),
    path("<uuid:case_id>/merge/", actions.merge, name="merge"),
    path("<uuid:case_id>/conflict/", actions.declare_conflict_view, name="declare_conflict"),
    path(
        "<uuid:case_id>/reports/<uuid:report_id>/messages/",
        actions.send_message,
        name="send_message",
    ),
    path(
        "<uuid:case_id>/identity/<uuid:disclosure_id>/reveal/",
        actions.request_identity_reveal_view,
        name="request_identity_reveal",
    ),
    path(
        "<uuid:case_id>/identity/requests/<uuid:request_id>/decide/",
        actions.decide_identity_reveal_view,
        name="decide_identity_reveal",
    ),
    path(
        "<uuid:case_id>/evidence/<uuid:evidence_id>/",
        evidence.download_evidence,
        name="evidence_download",
    ),
]
