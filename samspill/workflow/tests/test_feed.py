"""The personal iCal feed by secret address: it needs no login but a valid token, holds
what the person may see, and stops working when the person renews the address."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from samspill.workflow import services

pytestmark = pytest.mark.django_db


def feed_url(user, area=None):
    token = services.feed_token_for(user).token
    if area:
        return reverse("workflow:area_feed", kwargs={"token": token, "area": area})
    return reverse("workflow:feed", kwargs={"token": token})


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_personal_feed_holds_the_coordinators_events_without_login(client, personas, world):
    events = events_of(client.get(feed_url(personas.coordinator_a)))
    gathering = events["Fellessamling 1 (fysisk)"]
    assert gathering.decoded("dtstart") == datetime.date(2024, 9, 24)
    assert gathering.decoded("dtend") == datetime.date(2024, 9, 26)  # exclusive end
    assert str(gathering["location"]) == "Trondheim"
    meeting = events["Koordinatorsamling (digital)"]
    start = meeting.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (13, 0, "Europe/Oslo")
    assert "Frist: Inkluderende kulturskoler 2024" in events
    assert "Rapport: Kulturskole for alle i Sogndal" in events
    plan_entry = events["Utviklingsplan: Kartlegge behovene i Sogndal"]
    assert str(plan_entry["url"]).endswith(
        reverse("programmes:plan_detail", args=[world["programme"].slug, "4640"])
        + f"#innslag-{world['entries']['a_soon'].pk}"
    )


def test_feed_never_holds_another_municipalitys_items(client, personas, world):
    summaries = " ".join(events_of(client.get(feed_url(personas.coordinator_a))))
    assert "Luster" not in summaries
    assert "Samarbeidsmøte" not in summaries
    summaries_b = " ".join(events_of(client.get(feed_url(personas.coordinator_b))))
    assert "Kartlegge behovene i Luster" in summaries_b
    assert "Sogndal" not in summaries_b


def test_wrong_token_is_refused(client, personas, world):
    services.feed_token_for(personas.coordinator_a)
    for token in ["feil", "x" * 43, "x" * 200]:
        response = client.get(reverse("workflow:feed", kwargs={"token": token}))
        assert response.status_code == 404


def test_renewed_token_replaces_the_old_address(client, personas, world):
    old = feed_url(personas.coordinator_a)
    assert client.get(old).status_code == 200
    client.force_login(personas.coordinator_a)
    response = client.post(reverse("workflow:feed_renew"))
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    new = feed_url(personas.coordinator_a)
    assert new != old
    assert client.get(new).status_code == 200


def test_renewing_needs_login_and_post(client, personas, world):
    response = client.post(reverse("workflow:feed_renew"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    client.force_login(personas.coordinator_a)
    assert client.get(reverse("workflow:feed_renew")).status_code == 405


def test_feed_of_a_deactivated_user_is_refused(client, personas, world):
    url = feed_url(personas.coordinator_a)
    personas.coordinator_a.is_active = False
    personas.coordinator_a.save()
    assert client.get(url).status_code == 404


def test_area_feeds_hold_one_area(client, personas, world):
    grants = events_of(client.get(feed_url(personas.coordinator_a, "tilskudd")))
    assert "Rapport: Kulturskole for alle i Sogndal" in grants
    assert "Fellessamling 1 (fysisk)" not in grants
    programmes = events_of(client.get(feed_url(personas.coordinator_a, "program")))
    assert "Fellessamling 1 (fysisk)" in programmes
    assert "Rapport: Kulturskole for alle i Sogndal" not in programmes
    leader_agreements = events_of(client.get(feed_url(personas.leader, "avtaler")))
    assert "Samarbeidsmøte høsten 2024" in leader_agreements
    assert client.get(feed_url(personas.coordinator_a, "ukjent")).status_code == 404


def test_profile_shows_the_feed_address_and_area_feeds(client, personas, world):
    client.force_login(personas.coordinator_a)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Kalenderabonnement" in page
    assert "http://testserver" + feed_url(personas.coordinator_a) in page
    assert feed_url(personas.coordinator_a, "tilskudd") in page


def test_admin_lists_tokens_without_the_secret_and_sent_reminders(client, personas, world, today):
    from samspill.workflow.models import SentReminder

    token = services.feed_token_for(personas.coordinator_a).token
    services._record_and_queue(
        personas.coordinator_a, services.reminders_for(personas.coordinator_a, today), today
    )
    client.force_login(personas.admin)
    page = client.get(reverse("admin:workflow_calendarfeedtoken_changelist")).content.decode()
    assert str(personas.coordinator_a) in page
    assert token not in page
    detail = reverse(
        "admin:workflow_calendarfeedtoken_change",
        args=[personas.coordinator_a.calendar_feed_token.pk],
    )
    assert token not in client.get(detail).content.decode()
    page = client.get(reverse("admin:workflow_sentreminder_changelist")).content.decode()
    assert SentReminder.objects.filter(user=personas.coordinator_a).count() > 0
    assert "Intervjue skoleeier i Sogndal" in page


def test_personal_data_lists_the_reminders_and_lets_the_person_go(personas, world, today):
    """The privacy page's export lists what was sent (never the feed's secret), and the
    token, choices and sent reminders are the person's own: they do not stop deletion."""
    from samspill.privacy import services as privacy

    token = services.feed_token_for(personas.member_a).token
    services.preference_save(
        user=personas.member_a, before_deadline=True, days_before=3, overdue=False, assigned=True
    )
    collected = privacy.collect(user=personas.member_a)
    exported = str(privacy.export_data(collected))
    assert token not in exported
    assert "workflow.ReminderPreference" in {r.model for r in collected.records}
    assert collected.must_stay == []
    privacy.subject_delete(user=personas.member_a)
    assert not services.user_for_feed_token(token)
