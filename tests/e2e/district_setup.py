"""Setting a district up through the back-office screens, one step per helper: the operator
creates the district with its rules and closures; its administrator adds schools, relabels a
bias basis and creates an API token. Each step checks its screens with axe and screenshots."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import check_page


def save(page, label: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).first.click()


def create_district(
    page,
    *,
    name: str,
    slug: str,
    code: str,
    acknowledge_school_days: int,
    retention_years: int,
    contact_email: str,
    closures: list[tuple[str, str]],
) -> None:
    """As the platform operator: "New district" with its rules and (date, reason) closures."""
    page.goto("/admin/district-setup/districts/new/")
    page.locator("#id_name").fill(name)
    page.locator("#id_slug").fill(slug)
    page.locator("#id_code").fill(code)
    page.locator("#id_acknowledge_school_days").fill(str(acknowledge_school_days))
    page.locator("#id_retention_years").fill(str(retention_years))
    page.locator("#id_contact_email").fill(contact_email)
    for number, (date, reason) in enumerate(closures):
        page.get_by_role("button", name=re.compile("Add closure", re.I)).click()
        page.locator(f"#id_closures-{number}-date").fill(date)
        page.locator(f"#id_closures-{number}-reason").fill(reason)
    check_page(page, "new-district")
    save(page, "Create")
    expect(page.get_by_text(f"District '{name}' created.")).to_be_visible()
    check_page(page, "districts")


def add_schools(page, schools: list[tuple[str, str, str]]) -> None:
    """As the district administrator: one "New school" per (name, slug, grade band label)."""
    for number, (name, slug, band) in enumerate(schools):
        page.goto("/admin/district-setup/schools/new/")
        page.locator("#id_name").fill(name)
        page.locator("#id_slug").fill(slug)
        page.locator("#id_grade_band").select_option(label=band)
        if number == 0:
            check_page(page, "new-school")
        save(page, "Create")
    check_page(page, "schools")


def relabel_bias_basis(page, *, shipped: str, label: str) -> None:
    page.goto("/admin/district-setup/bias-bases/")
    check_page(page, "bias-bases")
    page.get_by_role("link", name=shipped, exact=True).click()
    page.locator("#id_label_en").fill(label)
    check_page(page, "relabel")
    save(page, "Save")
    expect(page.get_by_role("link", name=label)).to_be_visible()


def create_api_token(page, name: str) -> str:
    """Create a token, prove it opens the staff API once, leave its page; its secret back."""
    page.goto("/admin/api-tokens/new/")
    page.locator("#id_name").fill(name)
    check_page(page, "new-token")
    save(page, "Create the token")
    secret = page.locator("#token-secret").input_value()
    assert secret.startswith("eqr_")
    check_page(page, "token-shown-once")
    answer = page.request.get("/api/staff/cases", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status == 200
    page.get_by_role("link", name="I have copied it").click()
    expect(page.get_by_text(name)).to_be_visible()
    assert secret not in page.content()
    check_page(page, "tokens")
    return secret
