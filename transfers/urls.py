"""The transfer request's own page and actions, mounted under /admin/transfers/ with the
listing by the viewset in transfers/admin.py (namespace `transfers_admin`)."""

from django.urls import path

from transfers import views as transfers

urlpatterns = [
    path("new/", transfers.create_transfer, name="create"),
    path("from-case/<uuid:case_id>/", transfers.create_transfer_from_case, name="from_case"),
    path("<uuid:transfer_id>/", transfers.transfer_detail, name="detail"),
    path("<uuid:transfer_id>/status/", transfers.change_status, name="change_status"),
    path("<uuid:transfer_id>/messages/", transfers.send_message, name="send_message"),
    path(
        "<uuid:transfer_id>/messages/<uuid:message_id>/attachment/",
        transfers.download_attachment,
        name="attachment",
    ),
    path("<uuid:transfer_id>/records/", transfers.request_record, name="request_record"),
    path(
        "<uuid:transfer_id>/records/<int:item_id>/sent/",
        transfers.mark_record_sent,
        name="record_sent",
    ),
    path("<uuid:transfer_id>/summary/", transfers.share_summary, name="share_summary"),
    path(
        "<uuid:transfer_id>/summary/<uuid:share_id>/withdraw/",
        transfers.withdraw_summary,
        name="withdraw_summary",
    ),
]
