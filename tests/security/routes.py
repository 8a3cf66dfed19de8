"""Every route of the URLconf, and the access class each one belongs to.

A route that is in no class fails `test_every_route_is_classified`, so a new URL cannot ship
before someone decides who may use it.
"""

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = "public"
REPORTER_SESSION = "reporter-session"
STAFF_OBJECT = "staff-with-object-permission"
ADMIN_ONLY = "admin-only"
STAFF_SIGN_IN = "staff-sign-in"
# The integration API (api/): anonymous JSON endpoints, and staff ones needing a bearer token.
PUBLIC_API = "public-api"
API_TOKEN = "staff-api-token-with-object-permission"
WAGTAIL_INTERNAL = "wagtail-internal-pattern"


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    module: str

    def sample_path(self) -> str:
        """A concrete path for the route, with made-up ids that match no row."""
        path = self.route
        path = re.sub(r"<uuid:\w+>", str(uuid.UUID(int=1)), path)
        path = re.sub(r"<int:\w+>", "999999", path)
        path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)  # regex groups: digits fit all of them
        path = re.sub(r"<(?:\w+:)?\w+>", "x", path)
        path = path.replace("\\.", ".")
        path = path.replace("^((?:[\\w\\-]+/)*)$", "")  # Wagtail page serving: the site root
        path = path.replace("^.*/$", "no-such-screen/")
        return "/" + path.replace("^", "").replace("$", "")


# Our own routes, by name. Anything of ours that is not here fails the test.
OWN_ROUTES = {
    "reporting:report": PUBLIC,
    "reporting:receipt": PUBLIC,
    "reporting:sent": PUBLIC,
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    "reporting:status": REPORTER_SESSION,
    "staff_security:verify": STAFF_SIGN_IN,
    "staff_security:enrol": STAFF_SIGN_IN,
    "staff_security:enrol_qr": STAFF_SIGN_IN,
    # The invitation link: anyone holding a valid token (tests/accounts/test_invitations.py).
    "staff_invitation:open": STAFF_SIGN_IN,
    # Background jobs (a Wagtail ModelViewSet): who sees what in tests/cases/admin/test_jobs.py
    "jobs_admin:index": ADMIN_ONLY,
    "jobs_admin:index_results": ADMIN_ONLY,
    "jobs_admin:retry": ADMIN_ONLY,
    # Public site languages: tests/cases/admin/test_district_languages.py
    "district_languages_admin_edit": ADMIN_ONLY,
    # Staff roles (a Wagtail ModelViewSet): tests/accounts/admin/test_staff_roles.py
    "staff_roles:index": ADMIN_ONLY,
    "staff_roles:index_results": ADMIN_ONLY,
    "staff_roles:add": ADMIN_ONLY,
    "staff_roles:delete": ADMIN_ONLY,
    # District setup (Wagtail ModelViewSets): who sees what in tests/district_setup/.
    **{
        f"{viewset}:{view}": ADMIN_ONLY
        for viewset in ("districts", "schools")
        for view in ("index", "index_results", "add", "edit")
    },
    **{
        f"{viewset}:{view}": ADMIN_ONLY
        for viewset in ("district_incident_types", "district_bias_bases")
        for view in ("index", "index_results", "edit")
    },
    # Routing rules (a Wagtail ModelViewSet and its test form): district administrators only,
    # who sees what in tests/routing/test_rules_screen.py.
    "routing_rules:index": ADMIN_ONLY,
    "routing_rules:index_results": ADMIN_ONLY,
    "routing_rules:add": ADMIN_ONLY,
    "routing_rules:edit": ADMIN_ONLY,
    "routing_rules:delete": ADMIN_ONLY,
    "routing_rules:test": ADMIN_ONLY,
    # Outcome notice texts and check-in days (Wagtail ModelViewSets, district administrators):
    # who sees what in tests/outcomes/test_district_screens.py
    **{
        f"{viewset}:{view}": ADMIN_ONLY
        for viewset in ("outcome_texts", "outcome_check_ins")
        for view in ("index", "index_results", "add", "edit", "delete")
    },
    # Staff invitations and accounts: tests/accounts/admin/test_invitations_screen.py and
    # tests/accounts/admin/test_people.py
    "staff_invitations:index": ADMIN_ONLY,
    "staff_invitations:index_results": ADMIN_ONLY,
    "staff_invitations:add": ADMIN_ONLY,
    "staff_invitations:delete": ADMIN_ONLY,
    "staff_invitations:resend": ADMIN_ONLY,
    "staff_people:list": ADMIN_ONLY,
    "staff_people:list_results": ADMIN_ONLY,
    "staff_people:deactivate": ADMIN_ONLY,
    "staff_people:reactivate": ADMIN_ONLY,
    # Integration API: behaviour per class in tests/api/test_access.py.
    "api:api-root": PUBLIC_API,
    "api:api-not-found": PUBLIC_API,
    "api:openapi-json": PUBLIC_API,
    # Swagger UI, an HTML page for people (tests/api/test_docs.py).
    "api:openapi-view": PUBLIC,
    "api:public_options": PUBLIC_API,
    "api:public_drafts": PUBLIC_API,
    "api:public_draft_tokens": PUBLIC_API,
    "api:public_reports": PUBLIC_API,
    "api:public_status_tokens": PUBLIC_API,
    "api:public_status": PUBLIC_API,
    "api:public_replies": PUBLIC_API,
    "api:staff_cases": API_TOKEN,
    "api:staff_case": API_TOKEN,
    "api:staff_transfers": API_TOKEN,
    "api:staff_transfer": API_TOKEN,
    "api:staff_transfer_status": API_TOKEN,
    "api:staff_transfer_messages": API_TOKEN,
    "api:staff_transfer_send_message": API_TOKEN,
    "api:staff_transfer_records": API_TOKEN,
    "api:staff_transfer_record_sent": API_TOKEN,
}
# Screens whose role-by-role matrix lives with their feature's tests.
STAFF_OBJECT_NAMESPACES = {
    # Every staff user manages their own tokens; matrix in tests/api/test_token_screen.py.
    "api_tokens": "tests/api/",
    # The transfers listing (a Wagtail ModelViewSet) and the request's own screens.
    "transfers_admin": "tests/transfers/",
    "trends_admin": "tests/trends/",
    # Saved searches (a Wagtail ModelViewSet): each officer's own, 404 for anyone else's.
    "saved_searches": "tests/alerts/",
    "staff_intake_admin": "tests/staff_intake/",
    # The case page's Re-route action: officers who handle the case (tests/routing/).
    "routing_admin": "tests/routing/",
    "outcomes_admin": "tests/outcomes/",
    # Groups of similar reports (a Wagtail ModelViewSet): tests/campaigns/test_screens.py
    "similar_reports": "tests/campaigns/",
}
# Wagtail's own routes that anyone may open: page serving and the sign-in pages.
WAGTAIL_PUBLIC = {
    "wagtail_serve": PUBLIC,
    "wagtailcore_login": PUBLIC,
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtailadmin_login": STAFF_SIGN_IN,
    "wagtailadmin_password_reset": STAFF_SIGN_IN,
    "wagtailadmin_password_reset_done": STAFF_SIGN_IN,
    "wagtailadmin_password_reset_confirm": STAFF_SIGN_IN,
    "wagtailadmin_password_reset_complete": STAFF_SIGN_IN,
    "wagtailadmin_javascript_catalog": STAFF_SIGN_IN,
    "wagtailadmin_sprite": STAFF_SIGN_IN,
}
# Wagtail's admin screens: everything it mounts under /admin/ asks for a signed-in staff user,
# and its own permission checks decide the rest (pages, images, users...). Its bulk-action URL
# (`wagtail_bulk_action`) also serves the case queue's "Assign" and "Set priority"
# (cases/admin/bulk_actions.py): 404 for anyone who handles no case or names a case they may
# not handle, role by role in tests/cases/admin/test_access.py.
WAGTAIL_MODULE = re.compile(r"^(wagtail|django\.views\.(generic|i18n))\b")
# Wagtail's group screens subclassed to keep case-role groups out of reach: still Wagtail's
# views with its permission checks (superusers only, SUPERUSER_SCREENS in the matrix test).
WAGTAIL_SUBCLASS_MODULES = {"accounts.admin.staff_users"}


def walk(patterns=None, prefix: str = "", namespace: str = ""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            name_space = ":".join(part for part in (namespace, inner) if part)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), name_space)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            callback = pattern.callback
            module = getattr(callback, "__module__", "") or ""
            view_class = getattr(callback, "view_class", None)
            if view_class is not None:
                module = view_class.__module__
            yield Route(prefix + str(pattern.pattern), name, module)


def classify(route: Route, staff_object_names: set[str]) -> str | None:
    if route.name in OWN_ROUTES:
        return OWN_ROUTES[route.name]
    if route.name in staff_object_names:
        return STAFF_OBJECT
    if route.name.split(":")[0] in STAFF_OBJECT_NAMESPACES:
        return STAFF_OBJECT
    if route.name in WAGTAIL_PUBLIC:
        return WAGTAIL_PUBLIC[route.name]
    if route.route.startswith("admin/") and (
        WAGTAIL_MODULE.match(route.module) or route.module in WAGTAIL_SUBCLASS_MODULES
    ):
        return WAGTAIL_INTERNAL
    return None
