"""The apps depend on each other one way, as the README's table says, and no module imports
another inside a function to dodge an import cycle."""

import ast
from collections import defaultdict

from tests.architecture.imports import (
    APPS,
    ROOT,
    app_of,
    as_module,
    known_modules,
    product_files,
    project_imports,
)

# Which apps each app may import: the README's "Apps and how they depend on each other".
ALLOWED = {
    "privacy": set(),
    "jobs": set(),
    "cases": {"privacy", "jobs"},
    "accounts": {"cases", "jobs", "api"},
    "search": {"cases", "privacy", "jobs"},
    "campaigns": {"cases", "privacy", "jobs", "search"},
    "transfers": {"cases", "privacy", "jobs"},
    "routing": {"cases", "privacy", "jobs"},
    "trends": {"cases", "privacy", "jobs", "transfers"},
    "reporting": {"cases", "privacy", "jobs", "transfers", "routing", "outcomes", "cms"},
    "outcomes": {"cases", "privacy", "jobs"},
    "cms": set(),
    "api": {"cases", "privacy", "jobs", "transfers", "reporting"},
    "backups": {"privacy"},
    "alerts": {"cases", "privacy", "jobs", "search"},
    "staff_intake": {"cases", "privacy", "jobs", "reporting"},
    "district_setup": {"cases", "privacy", "jobs"},
    "config": set(APPS),
}

# Imports inside functions that are not there to break a cycle.
LOCAL_IMPORTS_ALLOWED = {
    # AppConfig.ready(): Django's place for code that needs the loaded app registry.
    ("cases.apps", "cases.models.Case"),
    ("cases.apps", "cases.services.retention.refuse_deleting_held_case"),
    ("jobs.apps", "jobs.registry.load_topics"),
    ("privacy.apps", "privacy.keyring.connect_signals"),
    # The configured backend only: the Elasticsearch client is not loaded without a cluster.
    ("search.backends", "search.backends.database.DatabaseBackend"),
    ("search.backends", "search.backends.elastic.ElasticsearchBackend"),
}


def test_every_app_imports_only_the_apps_below_it():
    wrong = sorted(
        f"{found.module}:{found.line} imports {found.target}"
        for found in project_imports()
        if app_of(found.target) != app_of(found.module)
        and app_of(found.target) not in ALLOWED[app_of(found.module)]
    )
    assert wrong == []


def test_cases_knows_nothing_of_the_apps_built_on_it():
    above = {
        "transfers",
        "routing",
        "outcomes",
        "trends",
        "search",
        "accounts",
        "reporting",
        "api",
        "alerts",
        "staff_intake",
        "district_setup",
        "campaigns",
    }
    assert not [
        found
        for found in project_imports()
        if found.module.startswith("cases") and app_of(found.target) in above
    ]


def test_no_module_imports_another_inside_a_function():
    local = {(found.module, found.target) for found in project_imports() if not found.top_level}
    assert local - LOCAL_IMPORTS_ALLOWED == set()


def test_no_two_modules_import_each_other_directly_or_round_a_loop():
    modules = known_modules()
    graph = defaultdict(set)
    for found in project_imports():
        target = as_module(found.target, modules)
        if found.top_level and target != found.module:
            graph[found.module].add(target)
    assert _cycles(graph) == []


def test_templates_of_cases_name_no_url_of_the_apps_above_it():
    # The case page shows its transfer requests through a Wagtail hook, not a hard-wired link.
    templates = (ROOT / "cases" / "templates").rglob("*.html")
    assert not [
        path.name
        for path in templates
        if "transfers_admin:" in path.read_text() or "trends_admin:" in path.read_text()
    ]


def test_every_product_module_parses():
    for path in product_files():
        ast.parse(path.read_text(), filename=str(path))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found
