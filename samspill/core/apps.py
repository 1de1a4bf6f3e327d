from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class CoreConfig(AppConfig):
    name = "samspill.core"
    label = "core"
    verbose_name = _("Felles")

    def ready(self):
        from . import audit, history

        audit.connect()
        history.connect()


# Django REST framework ships its own Norwegian "This field is required." ("Dette feltet
# er påkrevd."), which would replace Django's wording on every form. Our catalogue comes
# first, so it keeps Django's ("Feltet er påkrevet.").
gettext_noop("This field is required.")
