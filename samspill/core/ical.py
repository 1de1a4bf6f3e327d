"""The parts every iCal feed (RFC 5545) of Samspill shares: the calendar's header, the
time stamp, all-day events, and the VTIMEZONE of Europe/Oslo for timed events."""

import datetime

import icalendar
from django.utils import timezone

PRODID = "-//Norsk kulturskoleråd//Samspill//NB"


def stamp_now():
    """DTSTAMP: when the feed was made, in UTC to the second."""
    return timezone.now().astimezone(datetime.UTC).replace(microsecond=0)


def feed(name, components):
    """The feed as bytes: a published Gregorian calendar called `name`, with
    `components` (events) and the time zones their times need."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    for component in components:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def all_day_event(*, uid, summary, day, stamp, description="", url=""):
    """A deadline or other whole day: DTEND is the next day, as RFC 5545 asks."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event
