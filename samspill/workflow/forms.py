from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReminderPreference


class ReminderPreferenceForm(forms.ModelForm):
    days_before = forms.IntegerField(
        label=_("Antall dager før fristen"),
        min_value=1,
        max_value=60,
        error_messages={
            "min_value": _("Antall dager må være fra 1 til 60."),
            "max_value": _("Antall dager må være fra 1 til 60."),
            "invalid": _("Skriv et helt antall dager, fra 1 til 60."),
            "required": _("Skriv et antall dager, fra 1 til 60."),
        },
    )

    class Meta:
        model = ReminderPreference
        fields = ["before_deadline", "days_before", "overdue", "assigned"]
        labels = {
            "before_deadline": _("Påminnelse før en frist"),
            "overdue": _("Påminnelse når en frist er passert"),
            "assigned": _("Melding når du får ansvar for noe nytt"),
        }
