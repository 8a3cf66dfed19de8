"""Pick the configured backend: "database" (default) or "elasticsearch"."""

from django.conf import settings

from search.backends.base import CaseQuery, SearchBackend

__all__ = ["CaseQuery", "SearchBackend", "get_backend"]


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or settings.SEARCH_BACKEND
    if name == "elasticsearch":
        from search.backends.elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()
