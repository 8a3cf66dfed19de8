"""An integrator opens /api/docs and reads every operation, with nothing fetched from another
host and nothing the site's Content-Security-Policy refuses."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_api_docs_render_every_operation_from_this_site_alone(open_page):
    page = open_page(width=1280)
    elsewhere, refused = [], []

    def only_this_host(route):
        if urlsplit(route.request.url).hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_host)
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto("/api/docs")
    operations = page.locator(".opblock-summary-path")
    operations.first.wait_for()
    page.shots("api-docs")

    # Swagger UI breaks long paths with zero-width spaces.
    paths = {
        operations.nth(i).inner_text().replace("\u200b", "") for i in range(operations.count())
    }
    assert "/api/public/reports" in paths
    assert "/api/staff/transfers" in paths
    page.locator(".opblock-summary").first.click()  # an operation opens, its parameters show
    page.locator(".opblock-body").first.wait_for()
    page.shots("api-docs-operation")
    assert elsewhere == []
    assert refused == []
