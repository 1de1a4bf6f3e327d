"""The iCal feeds: one per programme (public when the programme is published) and one per
participating municipality. Parsed back with `icalendar`, they hold the schedule's events."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from samspill.programmes.models import GuidanceMode, GuidanceSession

from .builders import make_programme
from .test_schedule import add_seed_rows

pytestmark = pytest.mark.django_db

D = datetime.date
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def events(programme):
    return add_seed_rows(programme)


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def by_uid(calendar):
    return {str(component["uid"]): component for component in calendar.walk("VEVENT")}


def programme_feed_url(programme):
    return reverse("programmes:schedule_ics", args=[programme.slug])


def test_programme_feed_holds_every_event_of_the_schedule(client, events, programme):
    calendar = feed(client, programme_feed_url(programme))
    assert str(calendar["x-wr-calname"]) == programme.name
    assert str(calendar["version"]) == "2.0"
    components = by_uid(calendar)
    assert set(components) == {f"programme-event-{e.pk}@samspill" for e in events.values()}
    for event in events.values():
        assert str(components[f"programme-event-{event.pk}@samspill"]["summary"]).startswith(
            event.title
        )
    # The timed event carries its zone, and the zone is described in the feed.
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_fixed_dates_are_dates_or_times_in_oslo(client, events, programme):
    components = by_uid(feed(client, programme_feed_url(programme)))

    def times(title):
        component = components[f"programme-event-{events[title].pk}@samspill"]
        end = component.get("dtend")
        return component.decoded("dtstart"), end.dt if end else None, component

    start, end, inspiration = times("Inspirasjonssamling før oppstart")
    assert start == datetime.datetime(2024, 3, 15, 9, 0, tzinfo=OSLO)
    assert end == datetime.datetime(2024, 3, 15, 14, 0, tzinfo=OSLO)
    assert str(start.tzinfo) == "Europe/Oslo"
    assert str(inspiration["url"]) == "https://teams.example.no/inspirasjon"
    assert "Digital" in str(inspiration["description"])

    # A period without times: all-day, the end exclusive.
    start, end, gathering = times("Fellessamling 1")
    assert (start, end) == (D(2024, 9, 24), D(2024, 9, 26))
    assert not isinstance(start, datetime.datetime)
    assert str(gathering["location"]) == "Trondheim"
    assert str(gathering["status"]) == "CONFIRMED"
    description = str(gathering["description"])
    assert "Fellessamling" in description and "Fysisk" in description
    assert "oppstart av regionale program" in description

    # A day with a duration but no time of day: all-day, the duration in the description.
    start, end, meeting = times("Koordinatorsamling 1")
    assert (start, end) == (D(2024, 8, 21), D(2024, 8, 22))
    assert "2,5 timer" in str(meeting["description"])

    start, end, _ = times("Koordinatorsamling 6")
    assert (start, end) == (D(2025, 10, 15), D(2025, 10, 17))


def test_events_not_yet_fixed_span_their_weeks_and_say_so(client, events, programme):
    components = by_uid(feed(client, programme_feed_url(programme)))

    def component(title):
        return components[f"programme-event-{events[title].pk}@samspill"]

    guidance = component("Veiledningsbesøk/veiledning kommunegruppe 1")
    # Week 40 of 2024 starts Monday 30 September; week 44 ends before Monday 4 November.
    assert guidance.decoded("dtstart") == D(2024, 9, 30)
    assert guidance.decoded("dtend") == D(2024, 11, 4)
    assert str(guidance["summary"]) == (
        "Veiledningsbesøk/veiledning kommunegruppe 1 (foreløpig: uke 40–44)"
    )
    assert str(guidance["status"]) == "TENTATIVE"

    # Alternatives: the first one, "2-3", gives the days.
    arena = component("Delingsarena!")
    assert arena.decoded("dtstart") == D(2026, 1, 5)
    assert arena.decoded("dtend") == D(2026, 1, 19)
    assert str(arena["summary"]) == "Delingsarena! (foreløpig: uke 2–3 eller 4)"

    meeting = component("Koordinatorsamling 5")
    assert (meeting.decoded("dtstart"), meeting.decoded("dtend")) == (
        D(2025, 8, 18),
        D(2025, 8, 25),
    )

    # Only a month: the first month named.
    month = component("Veiledningsbesøk/veiledning kommunegruppe 4")
    assert (month.decoded("dtstart"), month.decoded("dtend")) == (D(2025, 6, 1), D(2025, 7, 1))
    assert "(foreløpig: Juni eller august 25)" in str(month["summary"])


def test_uids_stay_the_same_when_the_schedule_changes(client, events, programme):
    first = set(by_uid(feed(client, programme_feed_url(programme))))
    event = events["Koordinatorsamling 5"]
    event.starts_on = D(2025, 8, 27)
    event.save()
    second = by_uid(feed(client, programme_feed_url(programme)))
    assert set(second) == first
    assert second[f"programme-event-{event.pk}@samspill"].decoded("dtstart") == D(2025, 8, 27)


def test_an_unpublished_programmes_feed_is_only_for_nkr(client, personas):
    hidden = make_programme(slug="under-arbeid", published=False)
    add_seed_rows(hidden)
    url = programme_feed_url(hidden)
    assert client.get(url).status_code == 404
    client.force_login(personas.coordinator_a)
    assert client.get(url).status_code == 404
    client.force_login(personas.adviser)
    assert len(feed(client, url).walk("VEVENT")) == hidden.events.count()


def participation_feed_url(participation):
    return reverse(
        "programmes:participation_ics",
        args=[participation.programme.slug, participation.municipality.number],
    )


def test_municipality_feed_adds_its_own_guidance_sessions(
    client, personas, events, participation_a, participation_b
):
    own = GuidanceSession.objects.create(
        participation=participation_a,
        held_on=D(2024, 10, 8),
        mode=GuidanceMode.VISIT,
        next_steps="Kartlegge samarbeidet med SFO.",
    )
    other = GuidanceSession.objects.create(
        participation=participation_b, held_on=D(2024, 10, 9), mode=GuidanceMode.ONLINE
    )
    client.force_login(personas.coordinator_a)
    calendar = feed(client, participation_feed_url(participation_a))
    assert "Sogndal" in str(calendar["x-wr-calname"])
    components = by_uid(calendar)
    assert f"guidance-session-{own.pk}@samspill" in components
    assert f"guidance-session-{other.pk}@samspill" not in components
    assert len(components) == len(events) + 1
    session = components[f"guidance-session-{own.pk}@samspill"]
    assert session.decoded("dtstart") == D(2024, 10, 8)
    assert str(session["summary"]) == "Veiledning: Sogndal (besøk)"
    assert "SFO" in str(session["description"])


def test_municipality_feed_needs_login_and_the_own_municipality(
    client, personas, events, participation_a
):
    url = participation_feed_url(participation_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    for persona in ("coordinator_b", "partner"):
        client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == 403
    for persona in ("member_a", "leader"):
        client.force_login(getattr(personas, persona))
        assert client.get(url).status_code == 200


def test_the_demo_programmes_feed_imports_all_19_rows_of_seed_001(client, settings):
    from django.core.management import call_command

    from samspill.accounts.models import User
    from samspill.programmes.models import Programme

    settings.DEBUG = True
    call_command("load_demo")
    demo = Programme.objects.get(slug="fremtidens-kulturskole-2024-2025")
    client.force_login(User.objects.filter(role="adviser").first())
    components = by_uid(feed(client, programme_feed_url(demo)))
    events = list(demo.events.all())
    assert len(events) == len(components) == 19
    for event in events:
        component = components[f"programme-event-{event.pk}@samspill"]
        if event.starts_on:
            start = component.decoded("dtstart")
            day = start.date() if isinstance(start, datetime.datetime) else start
            assert day == event.starts_on, event.title
        else:
            assert "(foreløpig: " in str(component["summary"]), event.title
