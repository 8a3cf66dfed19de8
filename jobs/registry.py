"""The outbox's topics: what each kind of background job is called, shows as, and runs.

Each app declares its own topics in its `topics.py` with one `register_topics(...)` call;
`JobsConfig.ready()` imports every app's `topics.py` (as Django's admin imports `admin.py`)
and then resolves every handler, so a misspelt handler or a topic declared twice stops the
process at startup instead of failing a job hours later.

A topic either runs when its own app enqueues it, or subscribes to an `Event` that another
app publishes: the app that causes a change names the event, the apps that react to it
subscribe, and dependencies keep pointing one way (cases publishes "case changed"; search
and trends, which depend on cases, subscribe to it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules, import_string

Handler = Callable[[dict], None]


@dataclass(frozen=True)
class Event:
    """Something that happened, named by the app that causes it."""

    code: str


@dataclass(frozen=True)
class Topic:
    """One kind of job. `code` is stored on each outbox row and must never change.

    `at_most_once` is for work that cannot be taken back, such as sending an email: a run
    interrupted after it began is not repeated but fails for staff to check and retry
    (jobs.runner). Every other topic must be safe to run twice.
    """

    code: str
    label: str | Promise
    handler: str  # dotted path to a function taking the payload
    on: Event | None = field(default=None)
    at_most_once: bool = False


_topics: dict[str, Topic] = {}
_handlers: dict[str, Handler] = {}


def register_topics(*topics: Topic) -> None:
    for topic in topics:
        known = _topics.get(topic.code)
        if known is not None and known != topic:
            raise ImproperlyConfigured(f"Outbox topic {topic.code!r} is declared twice.")
        _topics[topic.code] = topic


def load_topics() -> None:
    """Import every app's topics.py and resolve each handler; called once at startup."""
    autodiscover_modules("topics")
    for topic in _topics.values():
        try:
            _handlers[topic.code] = import_string(topic.handler)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"Outbox topic {topic.code!r}: handler {topic.handler!r} cannot be imported."
            ) from exc


def is_registered(code: str) -> bool:
    return code in _topics


def handler_for(code: str) -> Handler | None:
    return _handlers.get(code)


def is_at_most_once(code: str) -> bool:
    topic = _topics.get(code)
    return topic is not None and topic.at_most_once


def label_for(code: str) -> str | Promise:
    topic = _topics.get(code)
    return topic.label if topic is not None else code


def subscribers(event: Event) -> list[Topic]:
    return [topic for topic in _topics.values() if topic.on == event]


def all_topics() -> list[Topic]:
    return sorted(_topics.values(), key=lambda topic: topic.code)
