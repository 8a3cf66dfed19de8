"""Moving through a page the way a keyboard-only user does: Tab until the wanted control."""


def tab_to(page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def press_and_load(page, key: str = "Enter") -> None:
    """Press a key that submits the form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)
