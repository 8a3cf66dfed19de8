"""Who may publish the public pages: the seeded publisher out of the box, and whoever a
superuser puts into Wagtail's Moderators group from the browser."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cases.demo import DEMO_EDITOR, DEMO_PUBLISHER, seed_organisation, seed_staff
from cms.demo import seed_home_page
from cms.models import HomePage
from tests.factories import UserFactory
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _can_publish_every_home(user) -> bool:
    homes = HomePage.objects.all()
    assert {home.locale.language_code for home in homes} == {"en", "es"}
    return all(home.permissions_for_user(user).can_publish() for home in homes)


def test_the_demo_publisher_publishes_both_languages_and_the_editor_submits_to_them():
    seed_organisation()
    seed_home_page()
    logins = {login.username: login for login in seed_staff(set_passwords=False)}
    publisher = Group.objects.get(name="Moderators").user_set.get()
    editor = Group.objects.get(name="Editors").user_set.get()

    assert publisher.username == DEMO_PUBLISHER
    assert "Publisher" in logins[DEMO_PUBLISHER].description
    assert _can_publish_every_home(publisher)
    assert editor.username == DEMO_EDITOR
    assert not _can_publish_every_home(editor)
    # The editor's "Submit to Moderators" now reaches someone: the demo publisher.
    home = HomePage.objects.get(locale__language_code="en")
    task = home.get_workflow().tasks.get().specific
    assert list(task.groups.get().user_set.all()) == [publisher]


def test_a_superuser_makes_an_editor_a_publisher_in_wagtails_user_editor(client):
    seed_home_page()
    editor = UserFactory(username="comms.editor", email="comms@district.example")
    editors, moderators = Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
    editor.groups.add(editors)
    assert not _can_publish_every_home(editor)
    login_staff(client, UserFactory(username="root", is_superuser=True, is_staff=True))

    response = client.post(
        reverse("wagtailusers_users:edit", args=[editor.pk]),
        {
            "username": editor.username,
            "email": editor.email,
            "first_name": "Comms",
            "last_name": "Editor",
            "is_active": "on",
            "groups": [editors.pk, moderators.pk],
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    editor = type(editor).objects.get(pk=editor.pk)  # Wagtail caches permissions per instance
    assert set(editor.groups.all()) == {editors, moderators}
    assert _can_publish_every_home(editor)
