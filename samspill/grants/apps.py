from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "samspill.grants"
    verbose_name = _("Tilskudd og stipend")
