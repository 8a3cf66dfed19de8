"""Reads the project's own imports from source (ast), without importing anything."""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "privacy",
    "jobs",
    "cases",
    "accounts",
    "search",
    "campaigns",
    "transfers",
    "routing",
    "outcomes",
    "trends",
    "reporting",
    "cms",
    "api",
    "backups",
    "alerts",
    "staff_intake",
    "district_setup",
    "config",
)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the imported module (or module.name)
    line: int
    top_level: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def product_files() -> list[Path]:
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    )


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_in(
    module: str, source: str, *, is_package: bool, filename: str = "<source>"
) -> list[Import]:
    """Every import of one module's source, relative ones resolved to absolute names."""
    tree = ast.parse(source, filename=filename)
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node, is_package)
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.extend(Import(module, target, node.lineno, id(node) in top) for target in targets)
    return found


def _imports_of(path: Path) -> list[Import]:
    return imports_in(
        module_name(path),
        path.read_text(),
        is_package=path.name == "__init__.py",
        filename=str(path),
    )


def project_imports() -> list[Import]:
    """Imports of our apps by the product's modules."""
    return [
        found
        for path in product_files()
        for found in _imports_of(path)
        if found.target.split(".")[0] in APPS
    ]


def suite_files() -> list[Path]:
    """Every module of the test suite: tests, conftests and their helpers."""
    return sorted(
        path for path in (ROOT / "tests").rglob("*.py") if "__pycache__" not in path.parts
    )


def suite_imports() -> list[Import]:
    return [found for path in suite_files() for found in _imports_of(path)]


def app_of(module: str) -> str:
    return module.split(".")[0]


def known_modules() -> set[str]:
    return {module_name(path) for path in product_files()}


def as_module(target: str, modules: set[str]) -> str:
    """`cases.models.Case` -> `cases.models`: the longest prefix that is a module."""
    parts = target.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return target
