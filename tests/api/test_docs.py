"""An integrator reads the API's documentation at /api/docs: a page served entirely from this
site (django-ninja's own Swagger UI files, no CDN), under the site's own CSP."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def _static_file(url: str) -> Path:
    assert url.startswith(settings.STATIC_URL), f"{url} is not one of this site's static files"
    found = finders.find(url.removeprefix(settings.STATIC_URL))
    assert found, f"{url} resolves to no static file"
    return Path(found)


def test_the_api_root_points_to_the_schema_and_the_docs_page(client):
    assert client.get("/api/").json() == {"openapi": "/api/openapi.json", "docs": "/api/docs"}


def test_the_docs_page_loads_only_this_sites_static_files_under_the_sites_csp(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    scripts = [tag["src"] for tag in page.find_all("script", src=True)]
    stylesheets = [tag["href"] for tag in page.find_all("link", rel="stylesheet")]
    assert scripts
    assert stylesheets
    for url in scripts + stylesheets:
        _static_file(url)
    # Every script is a file; the only inline block is the JSON settings, which runs nothing.
    inline = [tag for tag in page.find_all("script") if not tag.get("src")]
    assert [tag.get("type") for tag in inline] == ["application/json"]
    assert "/api/openapi.json" in inline[0].string
    assert not page.find_all("style")
    assert not page.find_all(style=True)
    # The icons Swagger UI's stylesheet draws as data: images come from this site instead.
    for stylesheet in stylesheets:
        css = _static_file(stylesheet).read_text()
        for icon in re.findall(r'url\("(swagger-ui/[\w-]+\.svg)"\)', css):
            _static_file(f"{stylesheet.rsplit('/', 1)[0]}/{icon}")

    site_policy = client.get("/report/")["Content-Security-Policy"]
    assert response["Content-Security-Policy"] == site_policy
    assert "'unsafe-inline'" not in site_policy
    assert "data:" not in site_policy
