"""Every kind of background job has a name people can read, and a wrong declaration stops the
process at startup instead of failing a job hours later."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from jobs import registry
from jobs.models import OutboxMessage, OutboxStatus
from jobs.registry import Topic, register_topics
from tests.factories import DistrictFactory, UserFactory
from tests.staff import login_staff


@pytest.fixture
def clean_registry():
    topics, handlers = dict(registry._topics), dict(registry._handlers)
    yield
    registry._topics.clear()
    registry._topics.update(topics)
    registry._handlers.clear()
    registry._handlers.update(handlers)


def test_every_topic_of_every_app_is_declared_with_a_label_and_a_handler():
    codes = {topic.code for topic in registry.all_topics()}
    assert codes >= {
        "report.submitted",
        "reporter.update",
        "staff.email",
        "staff.digest",
        "transfer.step",
        "transfer.email",
        "search.index_case",
        "search.remove_case",
        "trends.recount_case",
        "trends.recount_purged",
        "alerts.match_case",
    }
    for topic in registry.all_topics():
        assert str(topic.label)
        assert str(topic.label) != topic.code
        assert callable(registry.handler_for(topic.code))


def test_a_handler_that_cannot_be_imported_stops_startup(clean_registry):
    register_topics(Topic("test.misspelt", "Misspelt", "jobs.nowhere.handle"))

    with pytest.raises(ImproperlyConfigured, match=r"test\.misspelt"):
        registry.load_topics()


def test_one_code_declared_twice_with_different_handlers_stops_startup(clean_registry):
    register_topics(Topic("test.twice", "Once", "jobs.registry.all_topics"))

    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        register_topics(Topic("test.twice", "Twice", "jobs.registry.load_topics"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("staff.digest", "Daily digest email"),
        ("transfer.email", "Email a transfer officer"),
        ("search.index_case", "Update a case's search entry"),
        ("trends.recount_case", "Recount the trend figures of a case's month"),
    ],
)
def test_the_jobs_screen_names_each_job_in_words_not_codes(client, code, label):
    district = DistrictFactory()
    OutboxMessage.objects.create(
        topic=code,
        payload={"case": "x", "district": district.pk},
        status=OutboxStatus.FAILED,
        last_error="ConnectionError",
    )
    login_staff(client, UserFactory(is_superuser=True, is_staff=True))

    page = client.get(reverse("jobs_admin:index")).content.decode()

    assert label.replace("'", "&#x27;") in page
