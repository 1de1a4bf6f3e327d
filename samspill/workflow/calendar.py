"""The calendar's grids (a month of ISO weeks, one week), Norwegian public holidays, and
the iCal feeds (RFC 5545) built with `icalendar` as the areas' own feeds are."""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
import icalendar
from django.utils import timezone

from samspill.core import ical


@lru_cache(maxsize=32)
def _norwegian_holidays(year):
    # Sundays are not holidays in the calendar's sense; only the named days are marked.
    return dict(holidays.Norway(years=year, language="no", include_sundays=False))


def holiday_name(day):
    """The Norwegian public holiday on `day` ("Første påskedag"), or ""."""
    return _norwegian_holidays(day.year).get(day, "")


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    holiday: str
    is_today: bool
    items: list = field(default_factory=list)

    @property
    def is_weekend(self):
        return self.date.weekday() >= 5


@dataclass
class Week:
    year: int
    number: int
    days: list


def month_start(year, month):
    return datetime.date(year, month, 1)


def month_end(year, month):
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def grid_bounds(year, month):
    """Monday of the month's first ISO week and Sunday of its last."""
    first, last = month_start(year, month), month_end(year, month)
    return (
        first - datetime.timedelta(days=first.weekday()),
        last + datetime.timedelta(days=6 - last.weekday()),
    )


def _place(items, days):
    """Each item on every day it lasts. A tentative one (a schedule row that only names
    its weeks, "uke 40–44") would fill whole weeks: it stands on its first day and on
    each Monday after, so that the grid stays readable."""
    by_date = {day.date: day for day in days}
    for item in items:
        current = max(item.day, days[0].date)
        while current <= min(item.last_day, days[-1].date):
            if not item.tentative or current == item.day or current.weekday() == 0:
                by_date[current].items.append(item)
            current += datetime.timedelta(days=1)


def month_grid(year, month, items, today):
    """The month as ISO weeks (Monday first), each day with its holiday and items."""
    start, end = grid_bounds(year, month)
    days = []
    current = start
    while current <= end:
        days.append(
            Day(
                date=current,
                in_month=current.month == month,
                holiday=holiday_name(current),
                is_today=current == today,
            )
        )
        current += datetime.timedelta(days=1)
    _place(items, days)
    weeks = []
    for index in range(0, len(days), 7):
        iso = days[index].date.isocalendar()
        weeks.append(Week(year=iso.year, number=iso.week, days=days[index : index + 7]))
    return weeks


def week_days(year, week, items, today):
    monday = datetime.date.fromisocalendar(year, week, 1)
    days = [
        Day(
            date=monday + datetime.timedelta(days=offset),
            in_month=True,
            holiday=holiday_name(monday + datetime.timedelta(days=offset)),
            is_today=monday + datetime.timedelta(days=offset) == today,
        )
        for offset in range(7)
    ]
    _place(items, days)
    return days


def weeks_in_year(year):
    return datetime.date(year, 12, 28).isocalendar().week


# --- iCal -------------------------------------------------------------------------------


def item_component(item, *, base_url, stamp):
    component = icalendar.Event()
    component.add("uid", f"{item.uid}@samspill")
    component.add("dtstamp", stamp)
    summary = item.title
    if item.is_deadline and not summary.startswith(("Frist", "Rapport")):
        summary = f"{item.label}: {summary}"
    component.add("summary", summary)
    if item.starts_at:
        start = timezone.localtime(item.starts_at)
        component.add("dtstart", start)
        end = item.ends_at or start + datetime.timedelta(hours=2)
        component.add("dtend", timezone.localtime(end) if timezone.is_aware(end) else end)
    else:
        component.add("dtstart", item.day)
        component.add("dtend", item.last_day + datetime.timedelta(days=1))
    lines = [str(item.area_label), item.label]
    if item.context:
        lines.append(item.context)
    lines.append(base_url + item.url)
    component.add("description", "\n".join(lines))
    component.add("url", base_url + item.url)
    component.add("categories", [str(item.area_label)])
    component.add("status", "TENTATIVE" if item.tentative else "CONFIRMED")
    place = item.extra.get("place")
    if place:
        component.add("location", place)
    return component


def build_feed(*, name, items, base_url, stamp=None):
    stamp = stamp or ical.stamp_now()
    return ical.feed(
        name,
        [
            item_component(item, base_url=base_url, stamp=stamp)
            for item in items
            if item.day is not None
        ],
    )
