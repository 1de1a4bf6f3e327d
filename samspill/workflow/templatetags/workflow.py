"""The workflow app's part of the profile page: the calendar feed's address and the
reminder choices (`{% load workflow %}{% workflow_profile %}`)."""

from django import template
from django.urls import reverse

from .. import selectors, services
from ..forms import ReminderPreferenceForm
from ..views import AREA_SLUGS

register = template.Library()


@register.inclusion_tag("workflow/_profile.html", takes_context=True)
def workflow_profile(context):
    request = context["request"]
    user = request.user
    token = services.feed_token_for(user).token
    return {
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "feed_url": request.build_absolute_uri(reverse("workflow:feed", kwargs={"token": token})),
        "area_feeds": [
            {
                "label": label,
                "url": request.build_absolute_uri(
                    reverse("workflow:area_feed", kwargs={"token": token, "area": AREA_SLUGS[area]})
                ),
            }
            for area, label in selectors.AREAS.items()
        ],
        "reminder_form": ReminderPreferenceForm(instance=services.preference_for(user)),
    }
