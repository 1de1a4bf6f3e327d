"""Fragments of the strategy area shown on other pages.

The link back from a seminar, a programme or an agreement project to the measures and
decision follow-ups that cite it (`{% load strategy_links %}{% strategy_links_back obj %}`).
Shown only to those who may read the strategy area; the others see nothing."""

from django import template

from .. import permissions, selectors

register = template.Library()


@register.inclusion_tag("strategy/_backlinks.html", takes_context=True)
def strategy_links_back(context, target):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not permissions.can_view_strategy(user):
        return {"links": []}
    return {"links": list(selectors.links_to(target)), "target": target}
