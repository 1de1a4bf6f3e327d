"""Attendance per event and person: NKR records it for every municipality, a coordinator
only for, and only sees, their own municipality's group."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samspill.programmes import selectors, services
from samspill.programmes.models import Attendance, EventKind, EventMode

from .builders import add_event, make_complete_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(programme):
    return add_event(
        programme,
        kind=EventKind.PLENARY_GATHERING,
        title="Fellessamling 2",
        mode=EventMode.DIGITAL,
        starts_on=datetime.date(2024, 11, 26),
        ends_on=datetime.date(2024, 11, 27),
    )


@pytest.fixture
def group_a(participation_a):
    return make_complete_group(participation_a)


@pytest.fixture
def group_b(participation_b):
    return make_complete_group(participation_b)


def url(event):
    return reverse("programmes:attendance", args=[event.programme.slug, event.pk])


def present(event, participation):
    return set(
        Attendance.objects.filter(
            event=event, participation=participation, present=True
        ).values_list("person_id", flat=True)
    )


def test_adviser_records_attendance_for_every_municipality(
    client, personas, gathering, group_a, group_b, participation_a, participation_b
):
    client.force_login(personas.adviser)
    html = client.get(url(gathering)).content.decode()
    assert "Sogndal" in html and "Luster" in html
    assert html.count('type="checkbox" name="present"') == 8
    chosen = [group_a[0].person_id, group_a[1].person_id, group_b[3].person_id]
    response = client.post(url(gathering), {"present": chosen}, follow=True)
    html = response.content.decode()
    assert "Oppmøtet er lagret." in html
    assert "2 av 4 til stede" in html and "1 av 4 til stede" in html
    assert present(gathering, participation_a) == {group_a[0].person_id, group_a[1].person_id}
    assert present(gathering, participation_b) == {group_b[3].person_id}
    # Everyone else in the groups is recorded as not there.
    assert Attendance.objects.filter(event=gathering, present=False).count() == 5


def test_unticking_removes_someone_from_the_present(
    client, personas, gathering, group_a, participation_a
):
    client.force_login(personas.adviser)
    client.post(url(gathering), {"present": [m.person_id for m in group_a]})
    client.post(url(gathering), {"present": [group_a[0].person_id]})
    assert present(gathering, participation_a) == {group_a[0].person_id}


def test_coordinator_sees_and_edits_only_their_own_municipality(
    client, personas, gathering, group_a, group_b, participation_a, participation_b
):
    client.force_login(personas.coordinator_a)
    html = client.get(url(gathering)).content.decode()
    assert "Sogndal" in html
    assert "Luster" not in html
    for member in group_b:
        assert str(member.person) not in html
    assert html.count('type="checkbox" name="present"') == 4
    response = client.post(url(gathering), {"present": [group_a[0].person_id]})
    assert response.status_code == 302
    assert present(gathering, participation_a) == {group_a[0].person_id}


def test_coordinator_cannot_record_another_municipalitys_people(
    client, personas, gathering, group_a, group_b, participation_a, participation_b
):
    client.force_login(personas.coordinator_a)
    response = client.post(
        url(gathering), {"present": [group_a[0].person_id, group_b[0].person_id]}
    )
    assert response.status_code == 200
    assert "Du kan bare registrere oppmøte for personer i kommunegrupper" in (
        response.content.decode()
    )
    assert not Attendance.objects.filter(event=gathering).exists()


def test_member_reads_own_attendance_but_cannot_edit(
    client, personas, gathering, group_a, participation_a
):
    services.attendance_save(
        event=gathering, participation=participation_a, present_person_ids=[group_a[0].person_id]
    )
    client.force_login(personas.member_a)
    html = client.get(url(gathering)).content.decode()
    assert 'type="checkbox"' not in html
    assert "Lagre oppmøtet" not in html
    assert "Til stede" in html and "Ikke til stede" in html
    response = client.post(url(gathering), {"present": [m.person_id for m in group_a]})
    assert response.status_code == 403
    assert present(gathering, participation_a) == {group_a[0].person_id}


def test_attendance_is_closed_to_others(client, personas, gathering, participation_a):
    response = client.get(url(gathering))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    # Luster takes no part in the programme here: nothing of theirs to see.
    for persona in ("coordinator_b", "partner"):
        client.force_login(getattr(personas, persona))
        assert client.get(url(gathering)).status_code == 403


def test_a_terminated_municipality_is_not_listed_for_later_events(
    client, personas, gathering, group_a, group_b, participation_b
):
    services.participation_terminate(
        participation=participation_b,
        reason="Har ikke møtt.",
        terminated_on=datetime.date(2024, 10, 1),
        actor=personas.adviser,
    )
    client.force_login(personas.adviser)
    html = client.get(url(gathering)).content.decode()
    assert "Sogndal" in html
    assert "Luster" not in html


def test_attendance_save_refuses_people_outside_the_group(
    personas, gathering, group_a, group_b, participation_a
):
    with pytest.raises(ValidationError):
        services.attendance_save(
            event=gathering,
            participation=participation_a,
            present_person_ids=[group_b[0].person_id],
        )
    assert not Attendance.objects.exists()


def test_attendance_rate_counts_held_gatherings_with_someone_present(
    personas, programme, gathering, group_a, participation_a
):
    other = add_event(
        programme,
        kind=EventKind.COORDINATOR_MEETING,
        title="Koordinatorsamling 2",
        mode=EventMode.DIGITAL,
        starts_on=datetime.date(2024, 10, 29),
    )
    for event in (gathering, other):
        services.event_mark_held(event=event, held_on=event.starts_on, actor=personas.adviser)
    services.attendance_save(
        event=gathering, participation=participation_a, present_person_ids=[group_a[0].person_id]
    )
    services.attendance_save(event=other, participation=participation_a, present_person_ids=[])
    programme.refresh_from_db()
    held = selectors.counted_events(programme)
    participation_a.refresh_from_db()
    assert selectors.attendance_rate(participation_a, held) == 0.5
