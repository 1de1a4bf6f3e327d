from django import forms
from django.contrib.auth import forms as auth_forms
from django.template import loader
from django.utils.translation import gettext_lazy as _

from samspill.core.tasks import send_email

from .models import User


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadresse"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "Feil e-postadresse eller passord. Sjekk at du har skrevet riktig, og prøv igjen."
        ),
        "inactive": _("Denne brukeren er deaktivert. Kontakt Kulturskolerådet."),
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends the reset link from the background worker instead of during the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email], from_email=from_email)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        labels = {"first_name": _("Fornavn"), "last_name": _("Etternavn")}
