"""Every audit action in words, for the case timeline and any screen that lists events.

A code recorded anywhere in the code base must have a label here: a raw code such as
`evidence.added_by_reporter` is never shown to staff (tests/cases/test_audit_labels.py walks
the code base and fails on a code without one). Labels are about what happened, never content.
"""

from django.utils.translation import gettext_lazy

ACTION_LABELS = {
    # Reports and the reporter
    "report.submitted": gettext_lazy("Report submitted"),
    "report.recorded_by_staff": gettext_lazy("Report recorded by staff"),
    "report.information_added": gettext_lazy("Reporter added information"),
    "report.evidence_added": gettext_lazy("Reporter added evidence"),
    "evidence.added_by_reporter": gettext_lazy("Reporter added evidence"),
    "evidence.downloaded": gettext_lazy("Evidence file downloaded"),
    "message.sent_to_reporter": gettext_lazy("Message sent to the reporter"),
    "message.received_from_reporter": gettext_lazy("Message received from the reporter"),
    "identity.shared": gettext_lazy("Reporter shared their identity"),
    "identity.corrected": gettext_lazy("Reporter corrected their identity"),
    "identity.reveal_requested": gettext_lazy("Asked to reveal the reporter's identity"),
    "identity.reveal_approved": gettext_lazy("Identity reveal approved"),
    "identity.reveal_refused": gettext_lazy("Identity reveal refused"),
    "identity.viewed": gettext_lazy("Reporter's identity seen"),
    # The case
    "case.status_changed": gettext_lazy("Status changed"),
    "case.assigned": gettext_lazy("Assignment changed"),
    "case.routed": gettext_lazy("Routed by a routing rule"),
    "case.priority_changed": gettext_lazy("Priority changed"),
    "case.note_added": gettext_lazy("Internal note added"),
    "case.findings_recorded": gettext_lazy("Findings and actions recorded"),
    "case.legal_hold_placed": gettext_lazy("Legal hold placed"),
    "case.legal_hold_lifted": gettext_lazy("Legal hold lifted"),
    "case.conflict_declared": gettext_lazy("An officer declared a conflict of interest"),
    "case.narrative_viewed": gettext_lazy("Report read"),
    "case.merged_into": gettext_lazy("Merged into another case"),
    "case.merged_from": gettext_lazy("Other cases merged into this one"),
    "campaign.merged": gettext_lazy("A group of similar reports merged into one case"),
    "campaign.assigned": gettext_lazy("A group of similar reports assigned"),
    "case.reopened_for_retaliation": gettext_lazy(
        "Reopened: the reporter says something happened since it was closed"
    ),
    "case.follow_up_opened": gettext_lazy(
        "Opened as a follow-up: the reporter says something happened since it was closed"
    ),
    "case.purged": gettext_lazy("Case content deleted at the end of its retention period"),
    # Outcomes
    "outcome.notice_issued": gettext_lazy("Outcome notice sent to the reporter"),
    "outcome.check_in_answered": gettext_lazy("The reporter answered a check-in"),
    "outcome.settings_changed": gettext_lazy("Outcome notice settings changed"),
    "outcome.settings_reset": gettext_lazy("Outcome notice settings reset"),
    "outcome.text_added": gettext_lazy("Outcome notice text added"),
    "outcome.text_changed": gettext_lazy("Outcome notice text changed"),
    "outcome.text_deleted": gettext_lazy("Outcome notice text deleted"),
    # Transfers
    "transfer.created": gettext_lazy("Transfer request opened"),
    "transfer.status_changed": gettext_lazy("Transfer request status changed"),
    "transfer.message_sent": gettext_lazy("Message sent on a transfer request"),
    "transfer.summary_shared": gettext_lazy("Case summary shared with the other district"),
    "transfer.summary_withdrawn": gettext_lazy("Shared case summary withdrawn"),
    "transfer.record_requested": gettext_lazy("Case record requested by the other district"),
    "transfer.record_sent": gettext_lazy("Case record sent to the other district"),
    "transfer.attachment_downloaded": gettext_lazy("Transfer attachment downloaded"),
    # Routing, searches, trends
    "routing.rule_created": gettext_lazy("Routing rule created"),
    "routing.rule_changed": gettext_lazy("Routing rule changed"),
    "routing.rule_deleted": gettext_lazy("Routing rule deleted"),
    "saved_search.created": gettext_lazy("Saved search created"),
    "saved_search.deleted": gettext_lazy("Saved search deleted"),
    "trends.exported": gettext_lazy("Trends exported"),
    # District setup
    "district.created": gettext_lazy("District created"),
    "district.settings_changed": gettext_lazy("District settings changed"),
    "district.languages_changed": gettext_lazy("District languages changed"),
    "district.closure_added": gettext_lazy("School closure day added"),
    "district.closure_changed": gettext_lazy("School closure day changed"),
    "district.closure_removed": gettext_lazy("School closure day removed"),
    "school.created": gettext_lazy("School created"),
    "school.changed": gettext_lazy("School changed"),
    "school.deactivated": gettext_lazy("School deactivated"),
    "school.reactivated": gettext_lazy("School reactivated"),
    "taxonomy.changed": gettext_lazy("Incident types or bias bases changed"),
    "taxonomy.language_seeded": gettext_lazy("Labels added for a new language"),
    # Staff accounts
    "membership.granted": gettext_lazy("Staff role granted"),
    "membership.revoked": gettext_lazy("Staff role revoked"),
    "staff.invited": gettext_lazy("Staff member invited"),
    "staff.invitation_accepted": gettext_lazy("Staff invitation accepted"),
    "staff.invitation_resent": gettext_lazy("Staff invitation sent again"),
    "staff.invitation_revoked": gettext_lazy("Staff invitation withdrawn"),
    "staff.deactivated": gettext_lazy("Staff account deactivated"),
    "staff.reactivated": gettext_lazy("Staff account reactivated"),
    "staff.locked_out": gettext_lazy("Staff account locked after failed sign-ins"),
    "staff.signed_out_idle": gettext_lazy("Signed out after being idle"),
    "staff.two_factor_enrolled": gettext_lazy("Two-step verification set up"),
    "staff.two_factor_failed_repeatedly": gettext_lazy(
        "Two-step verification failed several times"
    ),
    "staff.two_factor_reset": gettext_lazy("Two-step verification reset"),
    # API and background work
    "api.token_issued": gettext_lazy("API token issued"),
    "api.token_revoked": gettext_lazy("API token revoked"),
    "api.cases_listed": gettext_lazy("Cases listed through the API"),
    "api.case_viewed": gettext_lazy("Case read through the API"),
    "api.transfers_listed": gettext_lazy("Transfer requests listed through the API"),
    "api.transfer_viewed": gettext_lazy("Transfer request read through the API"),
    "api.transfer_messages_read": gettext_lazy("Transfer messages read through the API"),
    "outbox.retried": gettext_lazy("Background job retried"),
}

# Actions that only record someone looking: repeated in a row by the same person, the
# timeline folds them into one line ("Read 5 times by X between A and B").
VIEW_ACTIONS = frozenset(
    {
        "case.narrative_viewed",
        "evidence.downloaded",
        "identity.viewed",
        "api.case_viewed",
        "transfer.attachment_downloaded",
    }
)


def action_label(action: str) -> str:
    """The action in words; a code without a label (a test forbids it) shows a neutral word."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else str(gettext_lazy("Recorded event"))
