"""Permissions-Policy on every response, not only the portal's.

No page of the site (public pages, staff admin) needs the camera, microphone, location or
payment APIs, so a script injected anywhere cannot reach them. The portal sets its own,
longer list (`reporting.middleware`), which this keeps.
"""

POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", POLICY)
        return response
