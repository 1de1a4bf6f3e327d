"""The permission matrix of the agreements area: every role against every kind of page.

NKR reads everything; administrators, advisers and leaders keep the records; a partner
contact sees only the agreements their organisation is party to; municipal users have no
part in agreements."""

import datetime

import pytest
from django.urls import reverse

from samspill.agreements import permissions, services
from samspill.agreements.models import ActionItem

from .builders import add_meeting, ks, person

pytestmark = pytest.mark.django_db

KEEPERS = {"admin", "adviser", "leader"}
READERS = KEEPERS | {"board_member"}


@pytest.fixture
def records(agreement, other_agreement, partner_person):
    meeting = add_meeting(agreement, datetime.date(2018, 3, 15))
    services.action_item_save(
        meeting=meeting,
        text="Kontakt kommunene",
        owner=partner_person,
        due_on=meeting.starts_at.date(),
    )
    project = services.project_save(agreement=agreement, title="Kartlegging")
    milestone = services.milestone_save(
        agreement=agreement, year=2018, title="Rapport", due_on=datetime.date(2018, 12, 1)
    )
    other_meeting = add_meeting(other_agreement, datetime.date(2026, 3, 12))
    return {
        "agreement": agreement,
        "other": other_agreement,
        "meeting": meeting,
        "project": project,
        "milestone": milestone,
        "other_meeting": other_meeting,
    }


def view_urls(r):
    slug = r["agreement"].slug
    return [
        reverse("agreements:agreement_list"),
        reverse("agreements:agreement_detail", args=[slug]),
        reverse("agreements:agreement_docx", args=[slug]),
        reverse("agreements:meeting_detail", args=[slug, r["meeting"].pk]),
        reverse("agreements:minutes_docx", args=[slug, r["meeting"].pk]),
        reverse("agreements:meetings_ics", args=[slug]),
        reverse("agreements:project_detail", args=[slug, r["project"].pk]),
        reverse("agreements:plan", args=[slug]),
    ]


def other_agreement_urls(r):
    slug = r["other"].slug
    return [
        reverse("agreements:agreement_detail", args=[slug]),
        reverse("agreements:agreement_pdf", args=[slug]),
        reverse("agreements:meeting_detail", args=[slug, r["other_meeting"].pk]),
        reverse("agreements:meetings_ics", args=[slug]),
        reverse("agreements:plan", args=[slug]),
    ]


def manage_urls(r):
    slug = r["agreement"].slug
    meeting = r["meeting"].pk
    return [
        reverse("agreements:agreement_create"),
        reverse("agreements:agreement_edit", args=[slug]),
        reverse("agreements:party_create", args=[slug]),
        reverse("agreements:steering_member_create", args=[slug]),
        reverse("agreements:meeting_create", args=[slug]),
        reverse("agreements:meeting_edit", args=[slug, meeting]),
        reverse("agreements:minutes_edit", args=[slug, meeting]),
        reverse("agreements:action_item_create", args=[slug, meeting]),
        reverse("agreements:project_create", args=[slug]),
        reverse("agreements:project_edit", args=[slug, r["project"].pk]),
        reverse("agreements:project_member_create", args=[slug, r["project"].pk]),
        reverse("agreements:project_report_create", args=[slug, r["project"].pk]),
        reverse("agreements:milestone_create", args=[slug]),
        reverse("agreements:milestone_edit", args=[slug, r["milestone"].pk]),
    ]


ROLES = [
    "admin",
    "adviser",
    "leader",
    "board_member",
    "coordinator_a",
    "coordinator_b",
    "member_a",
    "partner",
]


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_agreement(client, personas, records, role):
    client.force_login(getattr(personas, role))
    expected = 200 if role in READERS | {"partner"} else 403
    for url in view_urls(records):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_an_agreement_the_partner_is_not_party_to(client, personas, records, role):
    client.force_login(getattr(personas, role))
    expected = 200 if role in READERS else 403
    for url in other_agreement_urls(records):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_keeps_the_records(client, personas, records, role):
    client.force_login(getattr(personas, role))
    expected = 200 if role in KEEPERS else 403
    for url in manage_urls(records):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_marks_the_partners_action_item_done(client, personas, records, role):
    item = records["meeting"].action_items.get()
    client.force_login(getattr(personas, role))
    url = reverse(
        "agreements:action_item_mark",
        args=[records["agreement"].slug, records["meeting"].pk, item.pk],
    )
    response = client.post(url)
    allowed = role in KEEPERS | {"partner"}
    assert response.status_code == (302 if allowed else 403)
    item.refresh_from_db()
    assert item.is_done is allowed


def test_partner_cannot_mark_an_action_item_owned_by_nkr(client, personas, records):
    from .builders import nkr

    item = services.action_item_save(
        meeting=records["meeting"],
        text="Sende referat",
        owner=person(nkr(), "Vilde", "Veileder"),
        due_on=datetime.date(2018, 4, 1),
    )
    client.force_login(personas.partner)
    url = reverse(
        "agreements:action_item_mark",
        args=[records["agreement"].slug, records["meeting"].pk, item.pk],
    )
    assert client.post(url).status_code == 403
    assert not ActionItem.objects.get(pk=item.pk).is_done


@pytest.mark.parametrize("role", ROLES)
def test_who_comments_on_the_minutes(client, personas, records, role):
    client.force_login(getattr(personas, role))
    url = reverse(
        "agreements:minutes_comment", args=[records["agreement"].slug, records["meeting"].pk]
    )
    response = client.post(url, {"text": "Rettelse: møtet startet kl. 10."})
    assert response.status_code == (302 if role in READERS | {"partner"} else 403)


def test_partner_sees_only_their_agreements_in_the_list_and_the_header(client, personas, records):
    client.force_login(personas.partner)
    page = client.get(reverse("agreements:agreement_list"))
    assert [row.agreement for row in page.context["rows"]] == [records["agreement"]]
    assert "Avtaler" in [a["label"] for a in page.context["nav_areas"]]


def test_municipal_users_have_no_agreements_area_in_the_header(client, personas):
    client.force_login(personas.coordinator_a)
    labels = [a["label"] for a in client.get(reverse("core:home")).context["nav_areas"]]
    assert "Avtaler" not in labels


def test_permission_functions_for_a_partner_of_another_organisation(personas, records):
    other_partner = personas.partner
    other_partner.organisation = ks()
    assert not permissions.can_view_agreement(other_partner, records["agreement"])
    assert permissions.can_view_agreement(other_partner, records["other"])
    assert not permissions.can_manage_agreements(other_partner)
