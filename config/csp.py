"""One Content-Security-Policy for the public site, a slightly wider one for the staff admin.

Both allow nothing from a third party. The public policy allows no inline code at all. The
Wagtail admin writes small inline scripts (date choosers) and styles and previews images as
blob:/data: URLs, so /admin/ (staff only, behind two-factor sign-in) allows those, and still
no other origin.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ScopedCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            not report_only
            and parts.config is None
            and admin_policy
            and request.path_info.startswith("/admin/")
        ):
            parts.config = admin_policy["DIRECTIVES"]
        return parts
