"""Look-ups memoised for one GET request: "what this user may do" is asked by every menu item,
dashboard panel, the queue and its filters, and was read again each time (issue 20).

`RequestCacheMiddleware` opens an empty cache for a GET or HEAD request and drops it when the
response is ready. Outside such a request (a POST, a background job, a service called from a
test) nothing is cached, so a write always checks permissions against the database as it is,
and a role granted or revoked is seen by the very next request.
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_cache: ContextVar[dict | None] = ContextVar("cases_request_cache", default=None)

CACHED_METHODS = frozenset({"GET", "HEAD"})


def memoised(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per `key` in the current GET request; every call outside one."""
    store = _cache.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


@contextmanager
def request_scope() -> Iterator[None]:
    """Look-ups are memoised inside this block, as for one GET request (the benchmarks time
    a selector the way a request runs it)."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


class RequestCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in CACHED_METHODS:
            return self.get_response(request)
        with request_scope():
            return self.get_response(request)
