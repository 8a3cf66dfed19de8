"""A district's IT installs deploy/nginx/equity.conf as shipped: nginx accepts it, and the
portal served through it answers over HTTPS, keeps uploads off the web and logs nobody."""

import json
import re

import pytest

from cases.evidence_rules import MAX_FILE_BYTES, MAX_FILES_PER_REPORT
from reporting.middleware import IDENTIFYING_META
from tests.deploy import servers
from tests.factories import SchoolFactory

MIB = 2**20
# Django's DATA_UPLOAD_MAX_MEMORY_SIZE: the form fields around the files.
FORM_FIELDS_BYTES = 2.5 * MIB

USER_AGENT = "DeployCheck/1.0 (Phone; reporter's own device)"


def test_nginx_accepts_the_shipped_site(nginx, tmp_path):
    static = tmp_path / "static"
    site = servers.nginx_site(tmp_path / "nginx", upstream_port=8000, static_root=static)

    checked = servers.nginx_test(site)

    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_a_report_step_with_the_most_evidence_fits_through_nginx():
    limit = re.search(r"client_max_body_size (\d+)m;", servers.SITE.read_text())
    assert limit, "the site names no client_max_body_size"
    most = MAX_FILES_PER_REPORT * MAX_FILE_BYTES + FORM_FIELDS_BYTES

    # Room for the multipart boundaries and part headers, and not much more.
    assert most + 64 * 1024 <= int(limit[1]) * MIB <= most + 8 * MIB


def test_no_header_that_could_carry_the_client_address_reaches_gunicorn():
    proxy = servers.PROXY_SNIPPET.read_text()
    # What the portal's middleware blanks, less what a browser sends about itself (the
    # middleware blanks those on the portal; Django's CSRF check may need the referrer).
    address_headers = {
        key.removeprefix("HTTP_").replace("_", "-").lower()
        for key in IDENTIFYING_META
        if key.startswith("HTTP_")
        and key not in {"HTTP_USER_AGENT", "HTTP_REFERER"}
        and not key.startswith("HTTP_SEC_CH_")
    }
    cleared = {name.lower() for name in re.findall(r'^proxy_set_header ([\w-]+) "";$', proxy, re.M)}

    assert address_headers == {
        "x-forwarded-for",
        "x-real-ip",
        "forwarded",
        "client-ip",
        "true-client-ip",
        "cf-connecting-ip",
    }
    assert address_headers <= cleared
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxy


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_portal_is_served_over_https_through_the_shipped_site(
    nginx, postgresql, forget_published_jobs, tmp_path
):
    SchoolFactory()
    media, static = tmp_path / "media", tmp_path / "static"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "sealed.bin").write_bytes(b"ciphertext on disk")
    env = servers.production_environment(
        media_root=media, static_root=static, bind=f"127.0.0.1:{servers.free_port()}"
    )
    servers.install(env)
    with servers.running_gunicorn(env=env, log=tmp_path / "gunicorn.log") as web:
        site = servers.nginx_site(tmp_path / "nginx", upstream_port=web.port, static_root=static)
        tls = servers.trusting(site.cert)
        with servers.running_nginx(site):
            page = servers.fetch(
                "127.0.0.1",
                site.https_port,
                "/report/?utm_source=newsletter",
                headers={
                    "User-Agent": USER_AGENT,
                    "Referer": "https://social.example.net/post/42",
                    "X-Forwarded-For": "198.51.100.23",
                },
                tls=tls,
            )
            plain = servers.fetch("127.0.0.1", site.http_port, "/report/")
            alive = servers.fetch("127.0.0.1", site.http_port, "/healthz")
            manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
            stylesheet = f"/static/{manifest['reporting/portal.css']}"
            asset = servers.fetch("127.0.0.1", site.https_port, stylesheet, tls=tls)
            compressed = servers.fetch(
                "127.0.0.1",
                site.https_port,
                stylesheet,
                headers={"Accept-Encoding": "gzip"},
                tls=tls,
            )
            page_again = servers.fetch(
                "127.0.0.1",
                site.https_port,
                "/report/",
                headers={"Accept-Encoding": "gzip"},
                tls=tls,
            )
            evidence = servers.fetch(
                "127.0.0.1", site.https_port, "/media/evidence/sealed.bin", tls=tls
            )

    assert page.status == 200, page.body[:500]
    assert b"<form" in page.body
    assert page.headers.get_all("Strict-Transport-Security") == [
        "max-age=63072000; includeSubDomains; preload"
    ]
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://{servers.HOST}/report/"
    assert alive.status == 200
    assert json.loads(alive.body) == {"status": "alive"}
    assert asset.status == 200
    assert "immutable" in asset.headers["Cache-Control"]
    assert asset.body == (static / manifest["reporting/portal.css"]).read_bytes()
    assert compressed.headers["Content-Encoding"] == "gzip"  # collectstatic's .gz, as is
    assert "Content-Encoding" not in page_again.headers  # pages never (BREACH)
    assert evidence.status == 404
    assert b"ciphertext" not in evidence.body
    served_by_django = web.log.read_text()
    assert "/report/" in served_by_django
    assert "/static/" not in served_by_django  # nginx served it from STATIC_ROOT
    assert "/media/" not in served_by_django
    access_log = site.access_log.read_text()
    assert '"GET /report/" 200' in access_log
    assert "/healthz" not in access_log  # probes are not logged, as in gunicorn's log
    assert '"GET /media/evidence/sealed.bin" 404' in access_log
    for identifying in ("127.0.0.1", "198.51.100.23", "DeployCheck", "social.example", "utm_"):
        assert identifying not in access_log
