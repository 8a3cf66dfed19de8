"""What every browser step checks: no axe violation, and a screenshot for the record."""

import io

from PIL import Image

_axe = None


def axe():
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    return _axe


def check_page(page, name: str) -> None:
    """Screenshot the step, then fail with the rule ids and targets if axe finds anything."""
    wait_for_messages(page)
    page.shots(name)
    results = axe().run(page)
    violations = results.response["violations"] + _invisible_text(results.response["incomplete"])
    details = [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
    ]
    assert not violations, f"axe on {name} ({page.url}):\n" + "\n".join(details)


def wait_for_messages(page, timeout_ms: int = 5_000) -> None:
    """Wait until Wagtail's messages ("District ... created.") have finished sliding and fading
    in: axe would judge their contrast halfway. Polled from here, as the pages' CSP forbids
    evaluating a string inside them (which `page.wait_for_function` would do)."""
    moving = (
        "document.getAnimations().some(animation => animation.playState === 'running'"
        " && animation.effect?.target?.closest?.('.messages'))"
    )
    for _ in range(timeout_ms // 50):
        if not page.evaluate(moving):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the messages on {page.url} were still moving after {timeout_ms} ms")


def _invisible_text(incomplete: list[dict]) -> list[dict]:
    """axe files text the same colour as its background as "needs review", not as a
    violation (it might be hidden on purpose). On our pages it never is: fail on it too."""
    found = []
    for result in incomplete:
        if result["id"] != "color-contrast":
            continue
        nodes = [
            node
            for node in result["nodes"]
            if any(
                (check.get("data") or {}).get("messageKey") == "equalRatio" for check in node["any"]
            )
        ]
        if nodes:
            found.append({**result, "nodes": nodes})
    return found


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, format="PNG")
    return buffer.getvalue()
