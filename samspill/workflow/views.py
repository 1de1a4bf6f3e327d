"""The calendar by month and week, the iCal feeds by secret address, and the profile's
forms for the feed and for reminders."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import calendar, selectors, services
from .forms import ReminderPreferenceForm

#: The feeds' area names in the address, and the areas they hold.
FEED_AREAS = {
    "program": "programmes",
    "avtaler": "agreements",
    "strategi": "strategy",
    "tilskudd": "grants",
}
AREA_SLUGS = {area: slug for slug, area in FEED_AREAS.items()}
#: What a feed holds: from this many days back to this many ahead.
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 400


def _int(value, default, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def _chosen_areas(request):
    chosen = [slug for slug in request.GET.getlist("omrade") if slug in FEED_AREAS]
    return [FEED_AREAS[slug] for slug in chosen] or list(selectors.AREAS), chosen


def _area_choices(chosen):
    return [
        {
            "slug": AREA_SLUGS[area],
            "label": label,
            "checked": not chosen or AREA_SLUGS[area] in chosen,
        }
        for area, label in selectors.AREAS.items()
    ]


def _area_query(chosen):
    return "".join(f"&omrade={slug}" for slug in chosen)


@require_GET
def month(request):
    today = timezone.localdate()
    year = _int(request.GET.get("ar"), today.year, 2000, 2100)
    month_number = _int(request.GET.get("maned"), today.month, 1, 12)
    areas, chosen = _chosen_areas(request)
    start, end = calendar.grid_bounds(year, month_number)
    items = selectors.calendar_items(request.user, start, end, areas=areas)
    previous = calendar.month_start(year, month_number) - datetime.timedelta(days=1)
    following = calendar.month_end(year, month_number) + datetime.timedelta(days=1)
    first = calendar.month_start(year, month_number)
    last = calendar.month_end(year, month_number)
    return render(
        request,
        "workflow/month.html",
        {
            "weeks": calendar.month_grid(year, month_number, items, today),
            "first": first,
            "items": [item for item in items if item.overlaps(first, last)],
            "previous": previous,
            "following": following,
            "today": today,
            "areas": _area_choices(chosen),
            "area_query": _area_query(chosen),
            "this_week": first.isocalendar(),
            "keep": [("ar", year), ("maned", month_number)],
        },
    )


@require_GET
def week(request):
    today = timezone.localdate()
    iso = today.isocalendar()
    year = _int(request.GET.get("ar"), iso.year, 2000, 2100)
    number = _int(request.GET.get("uke"), iso.week, 1, calendar.weeks_in_year(year))
    areas, chosen = _chosen_areas(request)
    monday = datetime.date.fromisocalendar(year, number, 1)
    sunday = monday + datetime.timedelta(days=6)
    items = selectors.calendar_items(request.user, monday, sunday, areas=areas)
    previous = (monday - datetime.timedelta(days=7)).isocalendar()
    following = (monday + datetime.timedelta(days=7)).isocalendar()
    return render(
        request,
        "workflow/week.html",
        {
            "days": calendar.week_days(year, number, items, today),
            "year": year,
            "week": number,
            "monday": monday,
            "sunday": sunday,
            "previous": previous,
            "following": following,
            "areas": _area_choices(chosen),
            "area_query": _area_query(chosen),
            "keep": [("ar", year), ("uke", number)],
        },
    )


def _feed_response(user, areas, name, filename):
    today = timezone.localdate()
    items = selectors.calendar_items(
        user,
        today - datetime.timedelta(days=FEED_DAYS_BACK),
        today + datetime.timedelta(days=FEED_DAYS_AHEAD),
        areas=areas,
    )
    # Deadlines that are the person's own and have passed still belong in their calendar.
    seen = {item.uid for item in items}
    for item in selectors.due_items(user, today):
        if item.day is not None and item.uid not in seen and item.area in areas:
            items.append(item)
    body = calendar.build_feed(name=name, items=items, base_url=settings.SITE_URL.rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@never_cache
@require_GET
def feed(request, token):
    """The personal feed: everything dated the token's owner may see. No login (calendar
    programs cannot log in); 404 for a wrong or renewed-away token."""
    user = services.user_for_feed_token(token)
    if user is None:
        raise Http404
    return _feed_response(user, list(selectors.AREAS), _("Samspill – min kalender"), "samspill.ics")


@login_not_required
@never_cache
@require_GET
def area_feed(request, token, area):
    """One area of the personal feed (programmes, agreements, strategy or grants)."""
    user = services.user_for_feed_token(token)
    if user is None or area not in FEED_AREAS:
        raise Http404
    key = FEED_AREAS[area]
    return _feed_response(
        user,
        [key],
        _("Samspill – %(area)s") % {"area": selectors.AREAS[key]},
        f"samspill-{area}.ics",
    )


@require_POST
def feed_renew(request):
    services.feed_token_renew(user=request.user)
    messages.success(
        request,
        _("Du har fått en ny adresse til kalenderen. Den gamle virker ikke lenger."),
    )
    return redirect(reverse("accounts:profile") + "#kalenderabonnement")


@require_POST
def reminder_preferences(request):
    form = ReminderPreferenceForm(request.POST, instance=services.preference_for(request.user))
    if form.is_valid():
        services.preference_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Valgene for påminnelser er lagret."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("accounts:profile") + "#paminnelser")


urlpatterns = [
    path("", month, name="month"),
    path("uke/", week, name="week"),
    path("abonnement/<str:token>.ics", feed, name="feed"),
    path("abonnement/<str:token>/<slug:area>.ics", area_feed, name="area_feed"),
    path("ny-adresse/", feed_renew, name="feed_renew"),
    path("paminnelser/", reminder_preferences, name="reminder_preferences"),
]
