from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cases.case_search import register_case_search
        from search.indexing import connect_signals
        from search.selectors import search_case_queue

        connect_signals()
        register_case_search(search_case_queue)
