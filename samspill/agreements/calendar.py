"""An agreement's meetings as an iCal feed (RFC 5545), built with `icalendar` as the
programme schedule is (`samspill.programmes.calendar`)."""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core import ical

from .models import MeetingStatus

#: A meeting without an end time is shown as two hours long.
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def meeting_uid(meeting):
    return f"agreement-meeting-{meeting.pk}@samspill"


def _description(meeting):
    lines = [meeting.get_kind_display()]
    agenda = list(meeting.agenda_items.all())
    if agenda:
        lines.append(_("Dagsorden:"))
        lines.extend(f"{item.number}. {item.title}" for item in agenda)
    if meeting.digital_link:
        lines.append(meeting.digital_link)
    return "\n".join(lines)


def meeting_component(meeting, *, stamp):
    component = icalendar.Event()
    component.add("uid", meeting_uid(meeting))
    component.add("dtstamp", stamp)
    component.add("summary", meeting.title)
    start = timezone.localtime(meeting.starts_at)
    component.add("dtstart", start)
    component.add(
        "dtend", timezone.localtime(meeting.ends_at) if meeting.ends_at else start + DEFAULT_LENGTH
    )
    component.add("description", _description(meeting))
    component.add("categories", [meeting.get_kind_display()])
    component.add(
        "status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
    )
    if meeting.place:
        component.add("location", meeting.place)
    elif meeting.digital_link:
        component.add("location", meeting.digital_link)
    if meeting.digital_link:
        component.add("url", meeting.digital_link)
    return component


def build_calendar(*, name, meetings, stamp=None):
    """The feed as bytes: one VEVENT per meeting, in Europe/Oslo with its VTIMEZONE."""
    stamp = stamp or ical.stamp_now()
    return ical.feed(name, [meeting_component(meeting, stamp=stamp) for meeting in meetings])
