"""Browser tests: Python Playwright driving Debian's Chromium against pytest-django's live_server.

Never `playwright install`: the browser is the distribution's /usr/bin/chromium. Without it the
suite is skipped with a reason, unless E2E_REQUIRED=1 (CI), which turns the skip into a failure.
"""

import itertools
import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--headless",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        return "playwright and axe-playwright-python are not installed (pip install -e '.[test]')"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing_reason()
    if reason is None:
        return
    required = os.environ.get("E2E_REQUIRED") == "1"
    for item in items:
        if "e2e" in item.keywords:
            if required:
                raise pytest.UsageError(
                    f"E2E_REQUIRED=1 but the browser suite cannot run: {reason}"
                )
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser():
    """One browser per module; Playwright's sync API keeps an event loop running in this
    thread while it lives, so Django's ORM (test database set-up, flush, factories) is told
    that these synchronous calls are safe, and only for that time."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def e2e_settings(settings):
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0
    # Browsers here run JavaScript, so they must do the proof of work (reporting/pow.py): the
    # no-JavaScript wait is far longer than a test, so a form sent without work would fail.
    settings.REPORTING_NOJS_WAIT_SECONDS = 600
    return settings


@pytest.fixture
def open_page(browser, live_server, e2e_settings, request):
    """Open another browser window, with its own cookies, for a second person in the story.

    Pages are phone-sized (360 px wide) unless told otherwise; their base URL is the live
    server, and their screenshots share the test's folder and numbering.
    """
    contexts = []
    folder = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)  # only this run's steps
    counter = itertools.count(1)

    def open_page(*, who: str = "", width: int = 360, height: int = 780, locale: str = "en-US"):
        # `locale` is the browser's language: its Accept-Language header.
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, locale=locale
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.shots = Shots(page, folder, counter, who=who)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """A phone-sized page (360 px wide) whose base URL is the live server."""
    return open_page()


class Shots:
    """Numbered full-page screenshots of each step, in test-artifacts/screenshots/<test>/."""

    def __init__(self, page, folder: Path, counter, *, who: str = ""):
        self.page = page
        self.folder = folder
        self.counter = counter
        self.who = who
        self.folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str) -> None:
        label = f"{self.who}-{name}" if self.who else name
        safe = re.sub(r"[^\w.-]+", "_", label)
        path = self.folder / f"{next(self.counter):02d}-{safe}.png"
        self.page.screenshot(path=str(path), full_page=True)
