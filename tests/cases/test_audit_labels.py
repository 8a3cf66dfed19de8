"""Every audit action the code base records has words: no raw code reaches a staff screen.

The walk reads the source (not a list kept by hand): any `action=` keyword, any `action = ...`
assignment and the code given to an `_audit(request, "...")` helper. A new action recorded
without a label in cases/audit_labels.py fails here, by name.
"""

import ast
import re
from pathlib import Path

from cases.audit_labels import ACTION_LABELS

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")
SKIP = {".venv", "tests", "node_modules", "migrations", "static", "media"}


def _expressions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield from (kw.value for kw in node.keywords if kw.arg == "action")
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name == "_audit" and len(node.args) > 1:
                yield node.args[1]
        elif isinstance(node, ast.Assign) and any(
            getattr(target, "id", None) == "action" for target in node.targets
        ):
            yield node.value


def recorded_action_codes() -> dict[str, str]:
    codes = {}
    for path in ROOT.rglob("*.py"):
        if SKIP & set(path.relative_to(ROOT).parts):
            continue
        for expression in _expressions(ast.parse(path.read_text(encoding="utf-8"))):
            for node in ast.walk(expression):
                if isinstance(node, ast.Constant) and CODE.match(str(node.value)):
                    codes.setdefault(node.value, str(path.relative_to(ROOT)))
    return codes


def test_the_walk_finds_the_codes_recorded_across_the_apps():
    codes = recorded_action_codes()
    # Literal keywords, conditional ones and helper-passed ones are all found.
    assert {
        "evidence.added_by_reporter",
        "report.submitted",
        "identity.reveal_refused",
        "school.deactivated",
        "api.case_viewed",
        "transfer.created",
    } <= set(codes)


def test_every_recorded_action_has_a_human_label():
    missing = {
        code: path for code, path in recorded_action_codes().items() if code not in ACTION_LABELS
    }
    assert missing == {}, f"Add a label in cases/audit_labels.py for: {missing}"


def test_no_label_is_its_own_code():
    assert [code for code, label in ACTION_LABELS.items() if CODE.match(str(label))] == []
