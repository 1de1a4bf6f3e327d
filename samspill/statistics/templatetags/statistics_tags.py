from django import template
from django.utils.translation import gettext as _

from samspill.statistics.tables import is_number, show

register = template.Library()


@register.filter
def stat(value, decimals=1):
    """A statistics cell: 1 234, 12,3, ja/nei, – for unknown."""
    shown = show(value, int(decimals))
    if shown is True:
        return _("ja")
    if shown is False:
        return _("nei")
    return shown


@register.filter
def link_for(table, cell):
    return table.links.get(cell) if table.links else None


@register.filter
def attr_value(obj, name):
    return getattr(obj, name, None)


@register.filter
def numeric(cell):
    return is_number(cell)
