"""Following links like a person does: the pages a signed-in client reaches from the
start page. Used by the injection and the IDOR tests, so that a new page is covered as
soon as something links to it."""

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

LINK = re.compile(r'href="(/[^"]*)"')
#: Leaving the session, Django's own admin (escapes by design, tested by Django), files.
SKIPPED_PATHS = ("/konto/logg-ut", "/admin/", "/static/", "/media/", "/i18n/")


def kind(path):
    """The URL name of `path` (one kind of page), or the path itself."""
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return path


def crawl(client, start="/", *, per_kind=3, max_pages=600):
    """Every kind of page reachable from `start` by links, at most `per_kind` of each:
    `{path: response}`."""
    seen, queue, pages, kinds = {start}, deque([start]), {}, Counter()
    while queue and len(pages) < max_pages:
        path = queue.popleft()
        response = client.get(path)
        pages[path] = response
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.content.decode()):
            link = urldefrag(link.replace("&amp;", "&"))[0]
            if not link or link in seen or link.startswith(SKIPPED_PATHS):
                continue
            if kinds[kind(link)] >= per_kind:
                continue
            kinds[kind(link)] += 1
            seen.add(link)
            queue.append(link)
    return pages
