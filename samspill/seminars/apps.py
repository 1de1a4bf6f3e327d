from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "samspill.seminars"
    verbose_name = _("Dialogseminar")
