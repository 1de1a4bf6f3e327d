from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samspill.core"
    label = "core"
    verbose_name = _("Felles")

    def ready(self):
        from . import audit, history

        audit.connect()
        history.connect()
