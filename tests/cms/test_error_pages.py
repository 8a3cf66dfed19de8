"""When the server fails, the visitor gets a calm page in their language, not a stack trace."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("en", "Something went wrong", "check with your receipt"),
        ("es", "Algo salió mal", "revíselo con su recibo"),
    ],
)
def test_a_server_error_page_explains_what_to_do_next(language, heading, advice):
    with translation.override(language):
        response = server_error(RequestFactory().get(f"/{language}/report/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert heading in page
    assert advice in page
    assert "Traceback" not in page
