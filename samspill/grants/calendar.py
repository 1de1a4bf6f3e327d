"""The deadlines of grants and stipends as an iCal feed (RFC 5545), built as the
agreements' meetings are: each call's opening day and deadline, and for granted
applications the report's due date, as all-day events."""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.programmes.calendar import PRODID


def _event(uid, summary, day, *, stamp, description=""):
    event = icalendar.Event()
    event.add("uid", f"{uid}@samspill")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    if description:
        event.add("description", description)
    return event


def build_calendar(*, calls, applications=(), stamp=None):
    stamp = stamp or timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Tilskudd og stipend – frister"))
    for call in calls:
        calendar.add_component(
            _event(
                f"grants-call-{call.pk}-opens",
                _("%(call)s åpner") % {"call": call.title},
                call.opens_on,
                stamp=stamp,
            )
        )
        calendar.add_component(
            _event(
                f"grants-call-{call.pk}-closes",
                _("Frist: %(call)s") % {"call": call.title},
                call.closes_on,
                stamp=stamp,
                description=call.scheme.name,
            )
        )
    for application in applications:
        calendar.add_component(
            _event(
                f"grants-application-{application.pk}-report",
                _("Rapport: %(project)s (%(municipality)s)")
                % {
                    "project": application.project_title,
                    "municipality": application.municipality.name,
                },
                application.report_due_on,
                stamp=stamp,
            )
        )
    return calendar.to_ical()
