"""The programme's schedule in words and as iCal.

Seed 001's "Plan for gjennomføring" has rows with a fixed day or period ("24.-25.09"),
with times or a duration ("(2,5 timer)"), and rows not yet fixed that only name a month
("Juni eller august 25") and ISO weeks, sometimes alternatives ("2-3 eller 4"). The
functions here say when an event is, the way the schedule shows it, which ISO weeks it may
fall in, and build the iCal feed (RFC 5545) with the `icalendar` package.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.core import ical

from .models import _MONTHS

OSLO = ZoneInfo("Europe/Oslo")

_WEEK_SEPARATORS = {"/": "/", ",": ", ", "eller": " eller "}


# --- Words ------------------------------------------------------------------------------


def _day(value):
    return date_format(value, "DATE_FORMAT")


def duration_text(minutes):
    """150 → "2,5 timer", 60 → "1 time", 45 → "45 minutter"."""
    if not minutes:
        return ""
    if minutes < 60:
        return ngettext("%(count)s minutt", "%(count)s minutter", minutes) % {"count": minutes}
    hours = minutes / 60
    text = f"{hours:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return ngettext("%(hours)s time", "%(hours)s timer", 1 if hours == 1 else 2) % {"hours": text}


def when_text(event):
    """ "15.03.2024 kl. 09:00–14:00", "24.09.2024–25.09.2024", or the plan's own words."""
    if not event.starts_on:
        return event.when_text
    text = _day(event.starts_on)
    if event.ends_on and event.ends_on != event.starts_on:
        text = f"{text}–{_day(event.ends_on)}"
    if event.start_time:
        times = event.start_time.strftime("%H:%M")
        if event.end_time:
            times = f"{times}–{event.end_time.strftime('%H:%M')}"
        text = _("%(days)s kl. %(times)s") % {"days": text, "times": times}
    return text


def _format_weeks(text):
    """ "40-44" → "40–44", "2-3 eller 4" → "2–3 eller 4", "34/35" → "34/35"."""
    parts = re.split(r"\s*(/|,|eller)\s*", text.strip())
    words = []
    for index, part in enumerate(parts):
        if index % 2:
            words.append(_WEEK_SEPARATORS[part])
        else:
            bounds = re.split(r"\s*[-–]\s*", part)
            words.append(bounds[0] if bounds[0] == bounds[-1] else "–".join(bounds))
    return "".join(words)


def weeks_text(event):
    """The "Uke" column: "uke 40–44", "uke 34/35", "uke 2–3 eller 4"; for a dated event
    without weeks the ISO week of its date ("uke 39", "uke 52–1")."""
    if event.weeks.strip():
        return _("uke %(weeks)s") % {"weeks": _format_weeks(event.weeks)}
    if event.starts_on:
        first = event.starts_on.isocalendar().week
        last = (event.ends_on or event.starts_on).isocalendar().week
        weeks = str(first) if first == last else f"{first}–{last}"
        return _("uke %(weeks)s") % {"weeks": weeks}
    return ""


def weeks_in_year(year):
    """52 or 53: 28 December always lies in the last ISO week of its year."""
    return datetime.date(year, 12, 28).isocalendar().week


def _months_in(text):
    words = re.findall(r"[a-zæøå]+", (text or "").lower())
    months = []
    for word in words:
        if word in _MONTHS and _MONTHS.index(word) + 1 not in months:
            months.append(_MONTHS.index(word) + 1)
    return months


def _month_bounds(year, month):
    first = datetime.date(year, month, 1)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, following


def _weeks_between(first, last):
    """(ISO year, week) of every week from the one holding `first` to the one holding `last`."""
    weeks = []
    monday = first - datetime.timedelta(days=first.weekday())
    while monday <= last:
        iso = monday.isocalendar()
        weeks.append((iso.year, iso.week))
        monday += datetime.timedelta(days=7)
    return weeks


def iso_weeks(event):
    """Every (ISO year, week) the event may fall in, in order.

    A dated event: the weeks of its days. Not dated: every week of every alternative in
    `weeks` (of `year`), or else every week of the months its text names. [] if unknown.
    """
    if event.starts_on:
        return _weeks_between(event.starts_on, event.ends_on or event.starts_on)
    weeks = []
    ranges = event.week_ranges
    if ranges:
        last_week = weeks_in_year(event.year)
        for first, last in ranges:
            for week in range(first, min(last, last_week) + 1):
                if (event.year, week) not in weeks:
                    weeks.append((event.year, week))
        return weeks
    for month in _months_in(event.when_text):
        first, following = _month_bounds(event.year, month)
        for week in _weeks_between(first, following - datetime.timedelta(days=1)):
            if week not in weeks:
                weeks.append(week)
    return weeks


# --- iCal -------------------------------------------------------------------------------


def event_uid(event):
    return f"programme-event-{event.pk}@samspill"


def guidance_uid(session):
    return f"guidance-session-{session.pk}@samspill"


def _event_times(event):
    """(dtstart, dtend or None, tentative) for the calendar.

    Fixed with a time: DATE-TIME in Europe/Oslo, ending at the end time or after the
    duration. Fixed without a time: all-day, the end exclusive. Not fixed: all-day over
    the first alternative's weeks (Monday to the Monday after), else over the first month
    the text names.
    """
    one_day = datetime.timedelta(days=1)
    if event.starts_on:
        last_day = event.ends_on or event.starts_on
        if event.start_time:
            start = datetime.datetime.combine(event.starts_on, event.start_time, tzinfo=OSLO)
            if event.end_time:
                end = datetime.datetime.combine(last_day, event.end_time, tzinfo=OSLO)
            elif event.duration_minutes:
                end = start + datetime.timedelta(minutes=event.duration_minutes)
            else:
                end = None
            return start, end, False
        return event.starts_on, last_day + one_day, False
    ranges = event.week_ranges
    if ranges:
        first, last = ranges[0]
        last = min(last, weeks_in_year(event.year))
        start = datetime.date.fromisocalendar(event.year, min(first, last), 1)
        end = datetime.date.fromisocalendar(event.year, last, 1) + datetime.timedelta(days=7)
        return start, end, True
    months = _months_in(event.when_text)
    if months:
        start, end = _month_bounds(event.year, months[0])
        return start, end, True
    return event.sort_date, event.sort_date + one_day, True


def _description(event):
    lines = [event.get_kind_display()]
    if event.mode:
        lines.append(event.get_mode_display())
    if event.note:
        lines.append(event.note)
    if not event.starts_on and event.when_text:
        lines.append(_("Når: %(when)s") % {"when": event.when_text})
    if event.duration_minutes:
        lines.append(
            _("Varighet: %(duration)s") % {"duration": duration_text(event.duration_minutes)}
        )
    if event.digital_link:
        lines.append(event.digital_link)
    if event.held_on:
        lines.append(_("Gjennomført %(date)s") % {"date": _day(event.held_on)})
    return "\n".join(lines)


def event_component(event, *, stamp):
    start, end, tentative = _event_times(event)
    summary = event.title
    if tentative:
        weeks = weeks_text(event) or event.when_text
        if weeks:
            summary = _("%(title)s (foreløpig: %(weeks)s)") % {"title": summary, "weeks": weeks}
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    component.add("summary", summary)
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    component.add("description", _description(event))
    component.add("categories", [event.get_kind_display()])
    component.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    if event.place:
        component.add("location", event.place)
    elif event.digital_link:
        component.add("location", event.digital_link)
    if event.digital_link:
        component.add("url", event.digital_link)
    return component


def guidance_component(session, *, stamp):
    component = icalendar.Event()
    component.add("uid", guidance_uid(session))
    component.add("dtstamp", stamp)
    component.add(
        "summary",
        _("Veiledning: %(municipality)s (%(mode)s)")
        % {
            "municipality": session.participation.municipality.name,
            "mode": session.get_mode_display().lower(),
        },
    )
    component.add("dtstart", session.held_on)
    component.add("dtend", session.held_on + datetime.timedelta(days=1))
    if session.next_steps:
        component.add(
            "description", _("Avtalte neste steg: %(steps)s") % {"steps": session.next_steps}
        )
    return component


def build_calendar(*, name, events, guidance_sessions=(), stamp=None):
    """The feed as bytes: one VEVENT per event (and per guidance session), with the
    VTIMEZONE of Europe/Oslo for the timed ones."""
    stamp = stamp or ical.stamp_now()
    return ical.feed(
        name,
        [event_component(event, stamp=stamp) for event in events]
        + [guidance_component(session, stamp=stamp) for session in guidance_sessions],
    )
