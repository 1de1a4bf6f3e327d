from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ArtsSchool, County, Person, Region
from .selectors import MUNICIPALITY_SORTS


class MunicipalityFilterForm(forms.Form):
    q = forms.CharField(label=_("Søk etter navn eller nummer"), required=False)
    county = forms.ChoiceField(label=_("Fylke"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    membership = forms.ChoiceField(
        label=_("Medlemskap"),
        required=False,
        choices=[("", _("Alle")), ("member", _("Medlemmer")), ("non_member", _("Ikke medlemmer"))],
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in MUNICIPALITY_SORTS], widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("Alle fylker"))] + [
            (c.number, c.name) for c in County.objects.order_by("number")
        ]
        self.fields["region"].choices = [("", _("Alle regioner"))] + [
            (r.slug, r.name) for r in Region.objects.order_by("name")
        ]


class ArtsSchoolForm(forms.ModelForm):
    class Meta:
        model = ArtsSchool
        fields = ["name", "leader", "email", "phone", "website", "address"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        # The leader is chosen among the municipality's own people.
        self.fields["leader"].queryset = Person.objects.filter(municipality=municipality).order_by(
            "last_name", "first_name"
        )


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=100)
    last_name = forms.CharField(label=_("Etternavn"), max_length=100)
    title = forms.CharField(
        label=_("Stilling"),
        max_length=200,
        help_text=_("For eksempel kulturskoleleder, kommunalsjef eller rektor."),
    )
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)

    def __init__(self, *args, person=None, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email:
            others = Person.objects.filter(email=email)
            if self.person is not None:
                others = others.exclude(pk=self.person.pk)
            if others.exists():
                raise forms.ValidationError(_("Det finnes allerede en person med denne e-posten."))
        return email
