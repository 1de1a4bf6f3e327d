"""The permission matrix of grants and stipends: every role against every kind of page.

Administrators and advisers run the schemes; leaders read everything; board members see
the schemes and the statistics but no nominee's personal data; a member municipality's
coordinator nominates and applies for their own municipality, and its members read its
nominations; a jury member sees only what their juries score; partner contacts see the
schemes."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from samspill.grants import services
from samspill.grants.models import Call, GrantApplication, Scheme

from .builders import jury_member, nominate

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "adviser",
    "leader",
    "board_member",
    "coordinator_a",
    "coordinator_b",
    "member_a",
    "partner",
    "jury",
]
RUNS = {"admin", "adviser"}
READS_ALL = RUNS | {"leader"}
NKR = READS_ALL | {"board_member"}
MUNICIPAL = {"coordinator_a", "coordinator_b", "member_a"}


@pytest.fixture
def world(call, members):
    nomination = nominate(call, members.municipality_a, members.coordinator_a)
    other = nominate(call, members.municipality_b, members.coordinator_b, first="Ola")
    reviewer = jury_member()
    jury = services.jury_save(
        call=call, name="Fagjury dans", kind="subject", category=nomination.category
    )
    services.jury_member_add(jury=jury, user=reviewer)
    round_ = services.round_start(call=call)
    scheme = Scheme.objects.create(name="Håndverksløftet", slug="hl", kind="grant")
    grant_call = Call.objects.create(
        scheme=scheme,
        slug="hl-2026",
        title="Håndverksløftet 2026",
        year=2026,
        opens_on=datetime.date(2025, 9, 1),
        closes_on=datetime.date(2026, 2, 1),
    )
    application = services.application_save(
        call=grant_call,
        municipality=members.municipality_a,
        user=members.coordinator_a,
        project_title="Treskjæring",
    )
    users = {**members.all(), "jury": reviewer}
    return {
        "call": call,
        "grant_call": grant_call,
        "nomination": nomination,
        "other": other,
        "round": round_,
        "application": application,
        "users": users,
    }


def expectations(w):
    slug, nomination = w["call"].slug, w["nomination"]
    everyone = set(ROLES)
    return [
        (reverse("grants:home"), everyone, 403),
        (reverse("grants:call_detail", args=[slug]), everyone, 403),
        (reverse("grants:statistics"), NKR, 403),
        (reverse("grants:juries", args=[slug]), RUNS, 403),
        (reverse("grants:round_detail", args=[slug, 1]), RUNS, 403),
        (reverse("grants:awards", args=[slug]), RUNS, 403),
        (reverse("grants:nomination_list", args=[slug]), READS_ALL | MUNICIPAL, 404),
        (
            reverse("grants:nomination_detail", args=[nomination.pk]),
            READS_ALL | {"coordinator_a", "member_a", "jury"},
            403,
        ),
        (
            reverse("grants:nomination_create", args=[slug]),
            {"coordinator_a", "coordinator_b"},
            None,
        ),
        (
            reverse("grants:application_detail", args=[w["application"].pk]),
            READS_ALL | {"coordinator_a", "member_a"},
            403,
        ),
        (
            reverse("grants:application_list", args=[w["grant_call"].slug]),
            READS_ALL | MUNICIPAL,
            404,
        ),
        (reverse("grants:review_queue"), {"jury"}, 404),
        (reverse("grants:score", args=[w["round"].pk, nomination.pk]), {"jury"}, 403),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_opens_exactly_its_pages(client, world, role):
    client.force_login(world["users"][role])
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, 0)):
        for url, allowed, denied_status in expectations(world):
            status = client.get(url).status_code
            if role in allowed:
                assert status == 200, f"{role} should open {url}, got {status}"
            else:
                assert status in {denied_status or 403, 404}, f"{role} opened {url}: {status}"


@pytest.mark.parametrize("role", sorted(set(ROLES) - RUNS))
def test_only_advisers_and_administrators_award_and_move_rounds(client, world, role):
    client.force_login(world["users"][role])
    slug, pk = world["call"].slug, world["nomination"].pk
    urls = [
        reverse("grants:award_make", args=[slug, pk]),
        reverse("grants:finalise", args=[slug]),
        reverse("grants:publish", args=[slug]),
        reverse("grants:round_start", args=[slug]),
        reverse("grants:round_advance", args=[slug, 1]),
    ]
    for url in urls:
        assert client.post(url, {"nomination": [pk], "jury_kind": "allocation"}).status_code == 403
    assert not world["nomination"].__class__.objects.filter(award__isnull=False).exists()
    assert world["call"].rounds.count() == 1


def test_decisions_on_applications_are_for_advisers(client, world):
    application = world["application"]
    GrantApplication.objects.filter(pk=application.pk).update(status="submitted")
    data = {
        "decide": "1",
        "vedtak-decision": "rejected",
        "vedtak-reason": "Nei.",
    }
    for role in ["leader", "board_member", "coordinator_a", "member_a", "partner", "jury"]:
        client.force_login(world["users"][role])
        assert client.post(application.get_absolute_url(), data).status_code == 403, role
    application.refresh_from_db()
    assert application.status == "submitted"
    client.force_login(world["users"]["adviser"])
    client.post(application.get_absolute_url(), data)
    application.refresh_from_db()
    assert application.status == "rejected"


def test_jury_members_do_not_see_contact_details_or_other_categories(client, world):
    client.force_login(world["users"]["jury"])
    page = client.get(world["nomination"].get_absolute_url()).content.decode()
    assert "Kari Nordmann" in page and "kari@eksempel.no" not in page
    # A draft is never shown to a jury.
    draft = nominate(
        world["call"],
        world["users"]["coordinator_a"].municipality,
        world["users"]["coordinator_a"],
        first="Per",
        submit=False,
    )
    assert client.get(draft.get_absolute_url()).status_code == 403


def test_board_members_see_statistics_but_no_nominee(client, world):
    client.force_login(world["users"]["board_member"])
    assert client.get(reverse("grants:statistics")).status_code == 200
    assert client.get(world["nomination"].get_absolute_url()).status_code == 403
