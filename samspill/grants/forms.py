"""Forms of grants and stipends: they validate input; views call services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import User

from .models import Call, Category, JuryKind
from .services import check_upload


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NominationForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Kategori"), queryset=Category.objects.none())
    first_name = forms.CharField(label=_("Fornavn"), max_length=100)
    last_name = forms.CharField(label=_("Etternavn"), max_length=100)
    birth_date = forms.DateField(
        label=_("Fødselsdato"),
        required=False,
        widget=DateInput(),
        help_text=_("Den nominerte må være 18–25 år på utlysningens referansedato."),
    )
    email = forms.EmailField(label=_("E-post til den nominerte"), required=False)
    phone = forms.CharField(label=_("Telefon til den nominerte"), max_length=30, required=False)
    motivation = forms.CharField(
        label=_("Begrunnelse for nominasjonen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvorfor kulturskolen nominerer akkurat denne unge kunstneren."),
    )
    dream = forms.CharField(
        label=_("Drømmen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hva den nominerte drømmer om, og hva stipendet skal brukes til."),
    )
    links = forms.CharField(
        label=_("Lenker til arbeidsprøver"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Én lenke per linje, f.eks. til video eller lydopptak."),
    )
    work_sample = forms.FileField(
        label=_("Legg til fil med arbeidsprøve"),
        required=False,
        help_text=_("PDF, JPEG, PNG, MP3 eller MP4. Filtypen sjekkes ut fra innholdet."),
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = scheme.categories.all()
        self.fields["work_sample"].help_text = _(
            "PDF, JPEG, PNG, MP3 eller MP4, høyst %(mb)s MB. Filtypen sjekkes ut fra innholdet."
        ) % {"mb": scheme.max_file_mb}

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validator = forms.URLField()
        for link in links:
            try:
                validator.clean(link)
            except ValidationError:
                raise ValidationError(
                    _("«%(link)s» er ikke en gyldig lenke. Skriv hele adressen, med https://.")
                    % {"link": link}
                ) from None
        return "\n".join(links)

    def clean(self):
        data = super().clean()
        upload, category = data.get("work_sample"), data.get("category")
        if upload and category:
            try:
                check_upload(upload, category=category)
            except ValidationError as error:
                self.add_error("work_sample", error)
        return data


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Grunn (valgfritt)"),
        max_length=300,
        required=False,
        help_text=_("F.eks. familie, lærer for den nominerte eller kollega."),
    )


class ScoreForm(forms.Form):
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[self.field_name(criterion)] = forms.TypedChoiceField(
                label=str(criterion),
                choices=[("", "–")] + [(i, str(i)) for i in range(1, criterion.max_score + 1)],
                coerce=int,
            )
        self.order_fields([self.field_name(c) for c in self.criteria] + ["comment"])

    @staticmethod
    def field_name(criterion):
        return f"kriterium_{criterion.number}"

    def scores(self):
        return {c: self.cleaned_data[self.field_name(c)] for c in self.criteria}


class JuryForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=JuryKind.choices)
    category = forms.ModelChoiceField(
        label=_("Kategori (fagjury)"), queryset=Category.objects.none(), required=False
    )

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = scheme.categories.all()

    def clean(self):
        data = super().clean()
        if data.get("kind") == JuryKind.SUBJECT and not data.get("category"):
            self.add_error("category", _("En fagjury må ha en kategori."))
        return data


class JuryMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Jurymedlem"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            role__in=["jury_member", "adviser", "administrator", "leader"], is_active=True
        ).order_by("first_name", "last_name")


class AdvanceForm(forms.Form):
    jury_kind = forms.ChoiceField(
        label=_("Neste runde vurderes av"),
        choices=JuryKind.choices,
        initial=JuryKind.ALLOCATION,
    )


class ApplicationForm(forms.Form):
    project_title = forms.CharField(label=_("Prosjekttittel"), max_length=200)
    description = forms.CharField(
        label=_("Prosjektbeskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    partners = forms.CharField(
        label=_("Samarbeidspartnere"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Én per linje."),
    )
    amount_applied = forms.IntegerField(label=_("Søknadsbeløp (kr)"), min_value=0, initial=0)


class BudgetLineForm(forms.Form):
    description = forms.CharField(label=_("Budsjettpost"), max_length=200, required=False)
    amount = forms.IntegerField(label=_("Beløp (kr)"), min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if data.get("description") and data.get("amount") is None:
            self.add_error("amount", _("Skriv beløpet for posten."))
        return data


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=3)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Vedtak"),
        choices=[("granted", _("Innvilget")), ("rejected", _("Avslått"))],
    )
    amount_granted = forms.IntegerField(
        label=_("Innvilget beløp (kr)"), min_value=1, required=False
    )
    report_due_on = forms.DateField(
        label=_("Frist for rapport"), required=False, widget=DateInput()
    )
    reason = forms.CharField(label=_("Begrunnelse"), widget=forms.Textarea(attrs={"rows": 4}))


class FollowUpForm(forms.Form):
    paid_on = forms.DateField(label=_("Utbetalt dato"), required=False, widget=DateInput())
    report_received_on = forms.DateField(
        label=_("Rapport mottatt dato"), required=False, widget=DateInput()
    )


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "scheme",
            "title",
            "slug",
            "year",
            "opens_on",
            "closes_on",
            "reference_date",
            "text",
        ]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "reference_date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"slug": _("Brukes i adressen, f.eks. drommestipendet-2027.")}
