import pytest
from django.utils import translation

from cases.models import BiasBasis

pytestmark = pytest.mark.django_db


def test_labels_follow_the_reader_language():
    basis = BiasBasis.objects.get(code="disability")
    with translation.override("es"):
        assert basis.label == "Discapacidad"
    with translation.override("en"):
        assert str(basis) == "Disability"
