"""The confirmation screen of every "revoke" in the back office (invitations, roles, API tokens).

Wagtail's delete confirmation, with buttons named for what they do and no usage link: what is
revoked is ended through its service (`delete_action`), kept for the record, never deleted.
"""

from wagtail.admin.views import generic


class RevokeView(generic.DeleteView):
    template_name = "cases/admin/confirm_revoke.html"
    confirm_label = ""  # "Yes, revoke the role"

    def get_usage_url(self) -> None:
        return None
