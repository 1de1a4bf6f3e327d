from django import forms
from django.utils.translation import gettext_lazy as _

from . import importing
from .fields import FIGURE_NAMES, groups
from .models import AnnualStatistics, Encoding, school_year_label
from .tables import show


class YearForm(forms.Form):
    school_year = forms.TypedChoiceField(label=_("Skoleår"), coerce=int)

    def __init__(self, *args, first, last, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = [
            (year, school_year_label(year)) for year in range(last, max(first, last - 30), -1)
        ]


class EntryForm(forms.ModelForm):
    """A municipality's figures for one school year, with its Rammeplan adoption."""

    framework_plan_adopted_on = forms.DateField(
        label=_("Rammeplanen politisk vedtatt (dato)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("La stå tom hvis kommunen ikke har vedtatt rammeplanen."),
    )
    framework_plan_decision = forms.CharField(
        label=_("Vedtak (sak)"),
        required=False,
        max_length=200,
        help_text=_("F.eks. kommunestyresak 45/23."),
    )
    confirmed = forms.BooleanField(
        label=_("Jeg har sjekket tallene og vil lagre dem likevel"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = AnnualStatistics
        fields = ["arts_school", *FIGURE_NAMES]

    def __init__(self, *args, municipality, school_year, adoption=None, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school_year = school_year
        self.needs_confirmation = False
        schools = municipality.arts_schools.all()
        self.fields["arts_school"].queryset = schools
        self.fields["arts_school"].required = False
        if not self.instance.pk and len(schools) == 1:
            self.initial.setdefault("arts_school", schools[0].pk)
        if adoption:
            self.initial.setdefault("framework_plan_adopted_on", adoption.adopted_on)
            self.initial.setdefault("framework_plan_decision", adoption.decision_reference)
        for name in FIGURE_NAMES:
            field = self.fields[name]
            field.required = False
            if isinstance(field, forms.IntegerField):
                field.widget.attrs.update({"min": 0, "inputmode": "numeric"})
            last_year = getattr(previous, name, None) if previous else None
            if last_year is not None and not isinstance(last_year, bool):
                hint = _("Året før: %(value)s") % {"value": show(last_year, 2)}
                field.help_text = f"{field.help_text} {hint}".strip()

    def ask_to_confirm(self):
        self.needs_confirmation = True
        self.fields["confirmed"].widget = forms.CheckboxInput()

    def field_groups(self):
        return [(label, [self[f.name] for f in figures]) for label, figures in groups()]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_("Høyst 10 MB. Første rad må være kolonneoverskrifter."),
    )
    encoding = forms.ChoiceField(
        label=_("Tegnkoding for CSV"), choices=Encoding.choices, initial=Encoding.AUTO
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importing.MAX_FILE_BYTES:
            raise forms.ValidationError(_("Filen er større enn 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Bare CSV- og XLSX-filer kan importeres."))
        return upload


class MappingForm(forms.Form):
    """One choice per column of the file: what it holds."""

    def __init__(self, *args, headers, initial=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        initial = initial or {}
        choices = [(value, str(label)) for value, label in importing.target_choices()]
        for index, header in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header or _("(uten overskrift)"),
                choices=choices,
                required=False,
                initial=initial.get(header, ""),
            )

    def clean(self):
        cleaned = super().clean()
        problems = importing.mapping_problems(self.mapping())
        if problems:
            raise forms.ValidationError(problems)
        return cleaned

    def mapping(self):
        return {
            header: self.cleaned_data.get(f"column_{index}", "")
            for index, header in enumerate(self.headers)
        }
