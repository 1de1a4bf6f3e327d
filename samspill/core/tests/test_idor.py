"""Nobody where they don't belong (issue 12): the pages an administrator reaches in the
demo, opened by each role that should see only part of them.

For each role, every page the administrator reached that the role does not reach by its
own links is requested directly, as someone guessing URLs would. It must be refused
(403, 404 or a redirect), unless its kind of page is declared below as open to the role
for every record, with the reason. A new kind of page is covered as soon as something
links to it, and fails here until it refuses or is declared."""

import pytest
from django.core.management import call_command
from django.test import Client

from samspill.accounts.models import User

from .crawl import crawl, kind
from .test_url_permissions import PUBLIC_URL_NAMES

pytestmark = pytest.mark.django_db

#: Kinds of pages a municipal coordinator may open for any record, and why.
COORDINATOR_MAY_OPEN = {
    "members:municipality_list": "the municipality register is open to all users",
    "members:municipality_detail": "the register's page of any municipality; people and "
    "cases on it are shown only for the coordinator's own (members tests)",
    "members:region_detail": "the register's regions",
    "statistics:municipality": "arts-school statistics are open to municipal users for "
    "every municipality, to compare (SPEC §6); entry only for their own",
    "grants:nomination_list": "a call's nominations, filtered to the coordinator's own "
    "municipality (grants test_permissions)",
    "grants:application_list": "a call's applications, filtered to the coordinator's own "
    "municipality (grants test_permissions)",
    "workflow:month": "the calendar of any month, with only what the user may see "
    "(workflow test_calendar)",
    "workflow:week": "the calendar of any week, with only what the user may see "
    "(workflow test_calendar)",
}

#: Kinds of pages a partner's contact person may open for any record, and why.
PARTNER_MAY_OPEN = {
    "members:municipality_list": "the municipality register is open to all users",
    "workflow:month": "the calendar of any month, with only what the user may see "
    "(workflow test_calendar)",
    "workflow:week": "the calendar of any week, with only what the user may see "
    "(workflow test_calendar)",
}

ROLES = [
    ("koordinator.sogndal@samspill.test", COORDINATOR_MAY_OPEN),
    ("partner@samspill.test", PARTNER_MAY_OPEN),
]


def _client(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def test_guessed_urls_of_other_municipalities_and_partners_are_refused(settings):
    settings.DEBUG = True  # load_demo refuses otherwise
    call_command("load_demo")
    everything = crawl(_client("admin@samspill.test"))
    assert len(everything) >= 150
    refused = 0

    leaks = {}
    for email, may_open in ROLES:
        client = _client(email)
        own = set(crawl(client))
        for path in everything:
            if path in own or kind(path) in may_open or kind(path) in PUBLIC_URL_NAMES:
                continue
            status = client.get(path).status_code
            if status == 200:
                leaks.setdefault(email, []).append(f"{kind(path)} {path}")
            else:
                refused += 1
    assert leaks == {}
    assert refused >= 200  # the roles were really refused most of what the admin sees


def test_a_seminar_participant_reaches_only_their_own_seminar(settings):
    """A participant (no account, a joined browser) in one seminar, guessing the URLs of
    the demo's February 2023 seminar and of every other page: all refused, reading and
    writing alike."""
    from django.urls import reverse

    from samspill.seminars import services
    from samspill.seminars.models import Point, Seminar
    from samspill.seminars.tests.builders import add_group, add_participant, join

    settings.DEBUG = True  # load_demo refuses otherwise
    call_command("load_demo")
    admin = User.objects.get(email="admin@samspill.test")
    demo = max(Seminar.objects.all(), key=lambda s: Point.objects.filter(theme__seminar=s).count())
    own = services.seminar_copy(seminar=demo, actor=admin)
    participant = add_participant(add_group(own, "Gruppe Nord"), name="Kari")
    client = join(Client(), participant)

    everything = crawl(_client("admin@samspill.test"))
    board = reverse("seminars:board", args=[own.slug, 1])
    assert client.get(board).status_code == 200  # the participant's own board
    reachable = set(crawl(client, start=board))
    demo_pages = [p for p in everything if f"/seminar/{demo.slug}/" in p]
    assert len(demo_pages) >= 5  # the walk reached the other seminar's pages

    # The board's pages are declared public (a participant has no account) and check the
    # session instead, so they are tried here too; only the join pages are open to all.
    open_to_all = {name for name in PUBLIC_URL_NAMES if not name.startswith("seminars:")}
    open_to_all |= {"seminars:join", "seminars:join_code"}
    tried = [p for p in everything if p not in reachable and kind(p) not in open_to_all]
    assert {"seminars:board", "seminars:presentation"} <= {kind(p) for p in tried}
    leaks = [f"{kind(path)} {path}" for path in tried if client.get(path).status_code == 200]
    assert leaks == []

    # Writing into the other seminar: a point in its board, editing one of its points.
    other_point = Point.objects.filter(theme__seminar=demo).select_related("theme").first()
    before = Point.objects.filter(theme__seminar=demo).count()
    attempts = [
        (
            reverse("seminars:point_create", args=[demo.slug, 1]),
            {"text": "Fra en annen sal", "question": ""},
        ),
        (
            reverse(
                "seminars:point_edit",
                args=[demo.slug, other_point.theme.number, other_point.pk],
            ),
            {"text": "Overskrevet"},
        ),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code in (302, 403, 404), url
    assert Point.objects.filter(theme__seminar=demo).count() == before
    other_point.refresh_from_db()
    assert other_point.text != "Overskrevet"
