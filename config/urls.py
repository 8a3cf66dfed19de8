from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from api.urls import api
from config.health import healthz, readyz

urlpatterns = [
    # Monitoring (config/health.py): no language prefix, no personal data.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # Two-factor sign-in pages, before the admin so Wagtail's catch-alls do not shadow them.
    path("admin/2fa/", include("accounts.urls")),
    # The link of a staff invitation e-mail (accounts/invitation_views.py).
    path("admin/invitation/", include("accounts.invitation_urls")),
    path("admin/", include(wagtailadmin_urls)),
    # Integration API (api/): schema at /api/openapi.json, not translated by URL prefix.
    path("api/", api.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Public pages in English at / and in Spanish under /es/: no language cookie is needed.
urlpatterns += i18n_patterns(
    path("", include("reporting.urls")),
    # Wagtail's page serving catches everything else, so it comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "config.error_pages.bad_request"
handler403 = "config.error_pages.permission_denied"
handler404 = "config.error_pages.page_not_found"
handler500 = "config.error_pages.server_error"
