"""Playwright (Python) driving Debian's Chromium against the live test server, with
axe-core injected on every page the tests visit."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def axe_violations(page):
    """Run axe-core on the page; returns a readable list of the violations."""
    # After a click that navigates, the old document may be gone and the new one not
    # parsed yet (seen on a busy machine); axe needs the new page's body.
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE_PATH))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    if violations:
        ARTIFACTS.mkdir(exist_ok=True)
        name = page.url.split("//", 1)[-1].replace("/", "_").replace(":", "_")
        page.screenshot(path=str(ARTIFACTS / f"axe-{name}.png"), full_page=True)
    assert violations == [], f"axe found violations on {page.url}:\n" + "\n".join(violations)


def log_in(page, email, password):
    """Log in through the form, as a person does, and land on the start page."""
    page.goto("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


def visit(page, url):
    """Open a page of a walk: it answers 200, in bokmål, with one h1, and passes axe."""
    response = page.goto(url)
    assert response.status == 200, url
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("heading", level=1).count() == 1, url
    assert_accessible(page)
    screenshot(page)


#: `make screenshots` sets this to the folder of the user guide's pictures.
SCREENSHOTS = os.environ.get("SAMSPILL_SCREENSHOTS")


def screenshot(page):
    """With SAMSPILL_SCREENSHOTS set, keep a picture of the page for the user guide, named
    after its URL (`programmes-plan_detail.png`); one per kind of page."""
    if not SCREENSHOTS:
        return
    try:
        match = resolve(urlsplit(page.url).path)
    except Resolver404:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{match.namespace or 'core'}-{match.url_name}.png"
    if not target.exists():
        page.screenshot(path=str(target))
