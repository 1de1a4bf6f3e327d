"""Every URL requires login unless it is declared public here.

The test walks every URL pattern of the project (including the admin) and requests it
as an anonymous visitor. A new view that forgets its login fails this test, and so does
a view marked public that is not on the list below.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

#: The URL names anyone may open without logging in, and why.
PUBLIC_URL_NAMES = {
    "core:healthz": "monitoring of the server",
    "accounts:login": "the login page itself",
    "accounts:password_reset": "asking for a new password",
    "accounts:password_reset_done": "after asking for a new password",
    "accounts:password_reset_confirm": "the link in the reset e-mail",
    "accounts:password_reset_complete": "after setting the new password",
    "set_language": "changing language on the login page",
    "admin:login": "sends the admin's login to accounts:login",
    "programmes:programme_public": "a municipality reads the programme before applying",
    "programmes:schedule_ics": "calendars subscribe to a published programme's schedule "
    "without logging in (404 for an unpublished one)",
    "seminars:join": "a seminar participant has no account; they type the seminar's join "
    "code here (wrong codes are rate-limited per client address)",
    "seminars:join_code": "the join link and QR code a participant opens without an account: "
    "pick or create a group (404 for a wrong code, rate-limited)",
    # The board: a participant has no account; the session says which seminar and group
    # they joined. Without it (or NKR's login) every board URL answers 404, so nobody
    # learns which seminars exist; a signed-in person outside NKR gets 403.
    "seminars:board": "a participant reads the seminar's board (session, else 404)",
    "seminars:board_updates": "the board's live updates for a participant (session, else 404)",
    "seminars:point_create": "a participant writes in their own group's box only (session)",
    "seminars:point_edit": "a participant corrects their own group's point only (session)",
    "seminars:priorities": "a participant's group ranks its points (session, else 404)",
    "seminars:dot_vote": "a participant's group gives its dots in plenary (session, else 404)",
    "seminars:presentation": "the projector's view of the board (session or NKR, else 404)",
    "seminars:board_export": "a participant takes the board home (session or NKR, else 404)",
    "workflow:feed": "a person's own calendar feed for calendar programs, which cannot log in: "
    "only with the secret token from their profile page, renewable there (404 otherwise)",
    "workflow:area_feed": "one area of the same personal feed, with the same secret token",
    "grants:recipients": "the public list of a call's stipend recipients (name, municipality, "
    "category), 404 until NKR publishes it",
}

SAMPLE_VALUES = {
    "pk": "1",
    "number": "0301",
    "slug": "eksempel",
    "uidb64": "MQ",
    "token": "abc-123",
    "object_id": "1",
    "app_label": None,  # taken from the pattern's own alternatives
    "url": "eksempel/",
    "kind": "person",  # privacy: a person in the register (or "bruker", a login)
}

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


def _example(pattern):
    text = str(pattern.pattern)
    if text.startswith("^") or text.endswith("$") or "(?P<" in text:
        text = text.lstrip("^").rstrip("$").replace("\\Z", "")

        def fill(match):
            value = SAMPLE_VALUES.get(match.group("name"), "1")
            return value if value is not None else match.group("body").split("|")[0]

        return REGEX_GROUP.sub(fill, text).replace("\\", "")
    return ROUTE_PARAMETER.sub(lambda m: SAMPLE_VALUES.get(m.group("name"), "1"), text)


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + _example(pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield name, "/" + prefix + _example(pattern), pattern.callback


def is_api_view(url, callback):
    """A Django REST framework view under /api/."""
    return url.startswith("/api/") and getattr(callback, "cls", None) is not None


def all_urls():
    seen = {}
    for name, url, callback in _walk(get_resolver().url_patterns):
        try:
            resolve(url)
        except Resolver404:
            continue
        seen.setdefault(url, (name, callback))
    return sorted((name or "", url, callback) for url, (name, callback) in seen.items())


URLS = all_urls()


def test_the_walk_finds_the_project_urls():
    names = {name for name, _, _ in URLS}
    assert {"core:home", "members:municipality_list", "admin:index"} <= names
    assert len(URLS) > 40  # the admin alone has dozens


@pytest.mark.parametrize(("name", "url", "callback"), URLS, ids=[u for _, u, _ in URLS])
def test_every_url_requires_login_unless_declared_public(client, name, url, callback, db):
    is_marked_public = getattr(callback, "login_required", True) is False
    if name not in PUBLIC_URL_NAMES and is_api_view(url, callback):
        # The REST API (samspill.api) authenticates by key or session itself and answers
        # 401, not a redirect to the login page an API client cannot follow.
        assert is_marked_public, f"{url} is an API view behind the login redirect"
        assert client.get(url).status_code == 401, f"{url} answered without authentication"
        return
    if name in PUBLIC_URL_NAMES:
        assert is_marked_public, f"{name} is declared public but requires login"
        return
    assert not is_marked_public, f"{url} ({name}) is public but not declared in this test"
    response = client.get(url, follow=True)
    assert response.redirect_chain, f"{url} answered {response.status_code} without login"
    final_url, _ = response.redirect_chain[-1]
    assert final_url.startswith(reverse("accounts:login")), final_url
    assert response.status_code == 200


def test_public_urls_answer_without_login(client, db):
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    assert client.get(reverse("core:healthz")).status_code == 200
    admin_login = client.get(reverse("admin:login"))
    assert admin_login.status_code == 302
    assert admin_login.url.startswith(reverse("accounts:login"))
