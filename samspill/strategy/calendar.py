"""The deadlines of open measures and follow-up points as an iCal feed (RFC 5545): one
all-day event per deadline, so the leaders see them in their own calendars."""

from django.utils.translation import gettext as _

from samspill.core import ical

from .models import CLOSED, FollowUp, Measure


def deadlines_calendar(*, base_url, stamp=None):
    stamp = stamp or ical.stamp_now()
    events = []
    measures = (
        Measure.objects.exclude(status__in=CLOSED)
        .filter(deadline__isnull=False)
        .select_related("goal__area__plan", "responsible_unit", "responsible_region")
    )
    for measure in measures:
        events.append(
            ical.all_day_event(
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
        events.append(
            ical.all_day_event(
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
    return ical.feed(_("Frister i strategi og vedtak"), events)
