"""Tests follow the code, and share through helpers: no module under tests/ imports a test
module (`test_*`) or a conftest. What tests share lives in plain helper modules (such as
tests/jobs/broker.py or tests/cases/admin/world.py); fixtures stay in conftest.py files,
which pytest loads itself, and may import those helpers."""

import pytest

from tests.architecture.imports import imports_in, suite_imports


def imports_a_test_module(target: str) -> bool:
    parts = target.split(".")
    return parts[0] == "tests" and any(
        part == "conftest" or part.startswith("test_") for part in parts
    )


def test_no_module_under_tests_imports_a_test_module_or_a_conftest():
    wrong = sorted(
        f"{found.module}:{found.line} imports {found.target}"
        for found in suite_imports()
        if imports_a_test_module(found.target)
    )
    assert wrong == [], "Move what is shared into a helper module beside the tests"


@pytest.mark.parametrize(
    "source",
    [
        "from tests.cases.admin.test_access import CASE_URLS",
        "from tests.cases.admin.conftest import world",
        "import tests.jobs.conftest",
        "from .conftest import K1",
        "from .test_crypto import flip_byte",
        "from . import test_crypto",
        "def helper():\n    from tests.cases.admin.conftest import png_upload",
    ],
)
def test_the_check_sees_every_way_of_importing_one(source):
    found = imports_in("tests.privacy.test_fields", source, is_package=False)

    assert [imp.target for imp in found if imports_a_test_module(imp.target)]


@pytest.mark.parametrize(
    "source",
    [
        "from tests.cases.admin.access import CASE_URLS",
        "from tests.privacy.testapp.models import Secret",
        "from .keys import K1",
        "from django.test import override_settings",
    ],
)
def test_helpers_and_other_packages_pass(source):
    found = imports_in("tests.privacy.test_fields", source, is_package=False)

    assert not [imp.target for imp in found if imports_a_test_module(imp.target)]
