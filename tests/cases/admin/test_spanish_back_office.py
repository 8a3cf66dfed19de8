"""Staff who choose Spanish in Wagtail get the back office in Spanish, not a mixed interface.

The world (tests/cases/admin/world.py): Northvale with its officer, transfer officer and
district administrator, and one case at Cedar Elementary. Each of them sets Spanish as their
Wagtail language preference (Account > Preferences), as a Spanish-speaking district would.
"""

import html

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _prefers_spanish(client, user) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "es"
    profile.save()
    login_staff(client, user)


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_an_officer_who_prefers_spanish_reads_the_queue_and_the_case_in_spanish(client, world):
    _prefers_spanish(client, world.staff["equity_officer"])

    queue = _page(client, reverse("cases_admin:queue"))
    # The queue's columns, its bulk actions and its search box.
    for spanish in (
        "Caso",
        "Estado",
        "Prioridad",
        "Escuela",
        "Asignado a",
        "Abierto",
        "Vencimiento",
        "Marcas",
        "Asignar",
        "Establecer prioridad",
        "Buscar casos",
    ):
        assert spanish in queue, spanish
    for english in ("Assigned to", "Set priority", "Flags", "Search cases", "Acknowledge by"):
        assert english not in queue, english

    case = _page(client, reverse("cases_admin:detail", args=[world.case.pk]))
    assert "Volver a la cola de casos" in case
    assert "Agregar nota" in case
    assert "Guardar prioridad" in case
    assert "Cronología" in case
    assert "Reporte enviado" in case  # the timeline's first event
    assert "Add note" not in case
    assert "Timeline" not in case


def test_the_transfer_jobs_and_roles_screens_speak_spanish_too(client, world):
    _prefers_spanish(client, world.staff["transfer_officer"])
    transfers = _page(client, reverse("transfers_admin:index"))
    assert "Solicitudes de traslado" in transfers
    assert "Registrar una solicitud de traslado" in transfers
    assert "Transfer requests" not in transfers

    client.logout()
    _prefers_spanish(client, world.staff["district_admin"])
    jobs = _page(client, reverse("jobs_admin:index"))
    assert "Tareas en segundo plano" in jobs
    assert "No hay tareas para mostrar." in jobs
    assert "Background jobs" not in jobs

    roles = _page(client, reverse("staff_roles:index"))
    assert "Roles del personal" in roles
    assert "Otorgar un rol" in roles
    assert "Staff roles" not in roles


def test_an_officer_who_keeps_english_still_reads_english(client, world):
    login_staff(client, world.staff["equity_officer"])

    queue = _page(client, reverse("cases_admin:queue"))
    assert "Assigned to" in queue
    assert "Asignado a" not in queue
