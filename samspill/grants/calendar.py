"""The deadlines of grants and stipends as an iCal feed (RFC 5545), built as the
agreements' meetings are: each call's opening day and deadline, and for granted
applications the report's due date, as all-day events."""

from django.utils.translation import gettext as _

from samspill.core import ical


def build_calendar(*, calls, applications=(), stamp=None):
    stamp = stamp or ical.stamp_now()
    events = []
    for call in calls:
        events.append(
            ical.all_day_event(
                uid=f"grants-call-{call.pk}-opens@samspill",
                summary=_("%(call)s åpner") % {"call": call.title},
                day=call.opens_on,
                stamp=stamp,
            )
        )
        events.append(
            ical.all_day_event(
                uid=f"grants-call-{call.pk}-closes@samspill",
                summary=_("Frist: %(call)s") % {"call": call.title},
                day=call.closes_on,
                stamp=stamp,
                description=call.scheme.name,
            )
        )
    for application in applications:
        events.append(
            ical.all_day_event(
                uid=f"grants-application-{application.pk}-report@samspill",
                summary=_("Rapport: %(project)s (%(municipality)s)")
                % {
                    "project": application.project_title,
                    "municipality": application.municipality.name,
                },
                day=application.report_due_on,
                stamp=stamp,
            )
        )
    return ical.feed(_("Tilskudd og stipend – frister"), events)
