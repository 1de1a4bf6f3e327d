"""In Chromium: a coordinator makes an API key on the profile page, sees it once, uses
it, and revokes it; the API docs load from our own files under the page's CSP."""

import pytest

from samspill.core.tests.browser import assert_accessible, log_in
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_makes_uses_and_revokes_a_key(page, live_server):
    load_reference_data()
    personas = make_personas()
    log_in(page, personas.coordinator_a.email, PASSWORD)
    page.goto("/konto/profil/")
    assert_accessible(page)
    page.get_by_label("Navn på ny nøkkel").fill("Kommunens regneark")
    page.get_by_role("button", name="Lag API-nøkkel").click()
    page.get_by_text("Kopier nøkkelen nå").wait_for()
    assert_accessible(page)
    key = page.locator("#new-api-key").inner_text()
    api = page.context.request
    answer = api.get(
        f"{live_server.url}/api/v1/municipalities/4640/",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert answer.status == 200 and answer.json()["name"] == "Sogndal"

    page.goto("/konto/profil/")
    assert key not in page.content()
    page.get_by_role("button", name="Trekk tilbake «Kommunens regneark»").click()
    page.get_by_text("er trukket tilbake").wait_for()
    assert_accessible(page)
    fresh = page.context.browser.new_context()
    refused = fresh.request.get(
        f"{live_server.url}/api/v1/municipalities/4640/",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert refused.status == 401
    fresh.close()


def test_api_docs_run_under_the_content_security_policy(browser, live_server):
    load_reference_data()
    personas = make_personas()
    # No bypass_csp here: Swagger UI must start from our own script file.
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text and "script" in message.text
            else None
        ),
    )
    log_in(page, personas.adviser.email, PASSWORD)
    page.goto("/api/docs/")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() >= 20
    assert problems == []
    context.close()


def test_api_docs_pass_axe(page):
    load_reference_data()
    personas = make_personas()
    log_in(page, personas.adviser.email, PASSWORD)
    page.goto("/api/docs/")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert_accessible(page)
