"""Anonymity for the reporting portal, applied before anything else can see the request."""

import re

from django.utils.cache import add_never_cache_headers

# The report pages, in any language, and the public part of the integration API (api/public.py).
PORTAL_PATH = re.compile(r"^/(?:(?:[a-z]{2}(?:-[a-z]+)?/)?report(?:/|$)|api/public/)")

# Request metadata that could identify a reporter or their device.
IDENTIFYING_META = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_MOBILE",
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "magnetometer",
        "gyroscope",
        "accelerometer",
        "display-capture",
        "interest-cohort",
        "browsing-topics",
    )
)


def is_portal_path(path: str) -> bool:
    return bool(PORTAL_PATH.match(path))


class PortalPrivacyMiddleware:
    """Blanks identifying request metadata on portal routes, so no later code, log line or
    error report can record it, and adds no-store, no-referrer and Permissions-Policy headers.

    Keep it first in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        portal = is_portal_path(request.path_info)
        if portal:
            for key in IDENTIFYING_META:
                if key in request.META:
                    request.META[key] = ""
        response = self.get_response(request)
        if portal:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, max-age=0"
            response["Pragma"] = "no-cache"
            # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on
            # every form POST and Django's CSRF check refuses it. Other sites still get nothing.
            response["Referrer-Policy"] = "same-origin"
            response["Permissions-Policy"] = PERMISSIONS_POLICY
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
