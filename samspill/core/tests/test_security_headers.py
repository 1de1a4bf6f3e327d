"""CSRF on every form and the security headers (issue 12).

The CSRF test walks every URL of the project, like test_url_permissions, and posts to it
as a signed-in administrator without a CSRF token: every URL must refuse with 403 before
the view runs. A view exempted from CSRF must be declared below with the reason."""

import pytest
from django.test import Client

from .test_url_permissions import URLS

#: URL names that may take a POST without Django's CSRF token, and why.
CSRF_EXEMPT = {}
#: The REST API (Django REST framework) is exempt from Django's middleware check: a
#: request with an API key needs no CSRF token, and DRF checks the token itself for a
#: browser session (SessionAuthentication) — which this test proves for every API URL.
API_PREFIX = "api:"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "url", "callback"), URLS, ids=[u for _, u, _ in URLS])
def test_every_url_refuses_a_post_without_csrf_token(personas, name, url, callback):
    exempt = getattr(callback, "csrf_exempt", False)
    if name.startswith(API_PREFIX) and exempt:
        client = Client(enforce_csrf_checks=True)
        client.force_login(personas.admin)
        response = client.post(url, {"text": "x"})
        assert response.status_code == 403, f"{url} answered {response.status_code}"
        assert "CSRF" in response.content.decode()
        return
    if name in CSRF_EXEMPT:
        assert exempt, f"{name} is declared exempt but checks CSRF"
        return
    assert not exempt, f"{url} ({name}) is exempt from CSRF but not declared in this test"
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.admin)
    response = client.post(url, {"text": "x"})
    assert response.status_code == 403, f"{url} answered {response.status_code}"


def test_pages_carry_a_strict_content_security_policy_and_security_headers(client, personas):
    client.force_login(personas.adviser)
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_templates_hold_no_inline_script_or_style():
    # The policy forbids them; one in a template would silently break a page.
    import re
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for path in Path(settings.BASE_DIR).glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        if path.name.endswith("_pdf.html") or "documents" in path.parts:
            continue  # rendered to PDF by WeasyPrint, never served to a browser
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", text) or re.search(
            r"\sstyle=\"|\son[a-z]+=\"", text
        ):
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []
