"""The deadlines of open measures and follow-up points as an iCal feed (RFC 5545): one
all-day event per deadline, so the leaders see them in their own calendars."""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.programmes.calendar import PRODID

from .models import CLOSED, FollowUp, Measure


def _event(*, uid, summary, day, description, url, stamp):
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("description", description)
    event.add("url", url)
    return event


def deadlines_calendar(*, base_url, stamp=None):
    stamp = stamp or timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Frister i strategi og vedtak"))
    measures = (
        Measure.objects.exclude(status__in=CLOSED)
        .filter(deadline__isnull=False)
        .select_related("goal__area__plan", "responsible_unit", "responsible_region")
    )
    for measure in measures:
        calendar.add_component(
            _event(
                uid=f"strategy-measure-{measure.pk}@samspill",
                summary=_("Frist: %(text)s") % {"text": measure.text[:120]},
                day=measure.deadline,
                description=_("%(plan)s. Ansvarlig: %(responsible)s. Status: %(status)s.")
                % {
                    "plan": measure.goal.area.plan,
                    "responsible": measure.responsible or "–",
                    "status": measure.get_status_display().lower(),
                },
                url=base_url + measure.get_absolute_url(),
                stamp=stamp,
            )
        )
    follow_ups = (
        FollowUp.objects.exclude(status__in=CLOSED)
        .filter(due_on__isnull=False)
        .select_related("decision", "responsible_unit", "responsible_region")
    )
    for follow_up in follow_ups:
        calendar.add_component(
            _event(
                uid=f"strategy-follow-up-{follow_up.pk}@samspill",
                summary=_("Frist: %(text)s") % {"text": follow_up.point[:120]},
                day=follow_up.due_on,
                description=_("%(case)s. Ansvarlig: %(responsible)s. Status: %(status)s.")
                % {
                    "case": follow_up.decision.heading,
                    "responsible": follow_up.responsible or "–",
                    "status": follow_up.get_status_display().lower(),
                },
                url=base_url + follow_up.get_absolute_url(),
                stamp=stamp,
            )
        )
    return calendar.to_ical()
