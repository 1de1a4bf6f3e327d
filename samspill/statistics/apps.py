from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    """Arts-school statistics. The package is `samspill.statistics` (label "statistics"):
    inside the samspill package it never shadows Python's own `statistics` module, which
    Django's SQLite backend imports; always import it as `samspill.statistics`."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "samspill.statistics"
    label = "statistics"
    verbose_name = _("Statistikk")
