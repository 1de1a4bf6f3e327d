"""Norwegian display formats used across the product: money, numbers and ISO weeks."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def kr(value, decimals=0):
    """20000 → "20 000 kr" (with a non-breaking thousands separator)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    formatted = number_format(amount, decimal_pos=int(decimals), force_grouping=True)
    return f"{formatted}\xa0kr"


@register.filter
def number(value):
    """5550203 → "5 550 203"."""
    if value in (None, ""):
        return ""
    return number_format(value, force_grouping=True)


@register.filter
def week(value):
    """A date → "uke 39" (ISO week, as in NKR's schedules)."""
    if not value:
        return ""
    return _("uke %(week)s") % {"week": value.isocalendar().week}


@register.filter
def ds_widget(field):
    """Render a form field's widget with Designsystemet's class and accessible hints."""
    attrs = {"class": "ds-input"}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def lines(text):
    """The non-empty lines of a text, for showing a list typed one item per line."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


@register.filter
def percent(value):
    """0.754 → "75 %" (Norwegian spacing); None → "–"."""
    if value is None:
        return "–"
    return f"{round(value * 100)}\u00a0%"


@register.inclusion_tag("components/change_history.html")
def change_history(record, heading=""):
    """The record's change history (samspill.core.history): who changed what, and when."""
    from samspill.core.history import history_of

    if record is None or getattr(record, "pk", None) is None:
        return {"entries": None}
    return {"entries": list(history_of(record)[:100]), "heading": heading}
