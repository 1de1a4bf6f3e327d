"""Two people editing one record: shared steps of the conflict tests (issue 12)."""

import html
import re

from django.test import Client


def version_of(response):
    """The version the page's form was drawn from (the hidden `version` field)."""
    match = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert match, "the form carries no version"
    return match.group(1)


def two_editors(first_user, second_user, url):
    """Two browsers that have both opened the edit form at `url`: `(client, version)` each."""
    editors = []
    for user in (first_user, second_user):
        client = Client()
        client.force_login(user)
        editors.append((client, version_of(client.get(url))))
    return editors


def assert_conflict_shown(response, *, theirs, yours):
    """The second save is refused with a clear message and both versions side by side."""
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Noen andre har lagret endringer her mens du redigerte" in page
    assert "Lagret nå (av en annen)" in page and "Det du skrev (ikke lagret)" in page
    table = page[page.index("conflict-table") :]
    assert theirs in table and yours in table
