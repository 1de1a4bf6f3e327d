"""Forms of the strategy area. They validate input only; the views call the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspill.core.concurrency import VersionedForm
from samspill.members.models import Region, StaffUnit, StaffUnitKind

from .models import (
    AdditionalDecision,
    Decision,
    FollowUp,
    Goal,
    GoverningDocument,
    Measure,
    Status,
    SupportResource,
    TraceRelation,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _units():
    return StaffUnit.objects.order_by("kind", "sort_order", "name")


class ResponsibleMixin:
    """Only one responsible: a unit or a region."""

    def clean(self):
        data = super().clean()
        if data.get("responsible_unit") and data.get("responsible_region"):
            raise ValidationError(_("Velg enten en ansvarlig enhet eller en ansvarlig region."))
        return data


class GoverningDocumentForm(forms.ModelForm):
    class Meta:
        model = GoverningDocument
        fields = ["title", "kind", "adopted_by", "adopted_on", "url", "description", "sort_order"]
        widgets = {"adopted_on": DATE}


class MeasureForm(ResponsibleMixin, VersionedForm, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "goal",
            "level",
            "text",
            "responsible_unit",
            "responsible_region",
            "deadline",
            "grant_criterion",
        ]
        widgets = {"deadline": DATE, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(area__plan=plan).select_related("area")
        self.fields["responsible_unit"].queryset = _units()
        self.fields["responsible_region"].queryset = Region.objects.order_by("name")
        self.fields["version"].initial = self.instance.version


class StatusUpdateForm(forms.Form):
    date = forms.DateField(label=_("Dato"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    progress = forms.IntegerField(
        label=_("Fremdrift (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("La stå tom for å beholde fremdriften. Gjennomført gir 100 %."),
    )
    text = forms.CharField(
        label=_("Hva som har skjedd"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, with_progress=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        if not with_progress:
            del self.fields["progress"]


class BulkUpdateForm(forms.Form):
    measures = forms.ModelMultipleChoiceField(
        label=_("Tiltak"), queryset=Measure.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label=_("Ny status"), choices=Status.choices)
    progress = forms.IntegerField(
        label=_("Fremdrift (%)"), min_value=0, max_value=100, required=False
    )
    text = forms.CharField(label=_("Kommentar"), required=False)

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = measures
        self.fields["measures"].error_messages["required"] = _("Velg minst ett tiltak.")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"), help_text=_("CSV (semikolon) eller Excel (.xlsx) med eksportens kolonner.")
    )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "kind",
            "case_number",
            "title",
            "text",
            "note",
            "meeting",
            "decided_on",
            "governing_document",
            "parent",
            "responsible_units",
            "grant_criterion",
            "report_heading",
            "done_intro",
            "planned_intro",
            "sort_order",
        ]
        widgets = {
            "decided_on": DATE,
            "responsible_units": forms.CheckboxSelectMultiple,
            "text": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 3}),
            "done_intro": forms.Textarea(attrs={"rows": 2}),
            "planned_intro": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_units"].queryset = StaffUnit.objects.filter(
            kind=StaffUnitKind.COMPETENCE_COMMUNITY
        )
        parents = Decision.objects.filter(parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class AdditionalDecisionForm(forms.ModelForm):
    class Meta:
        model = AdditionalDecision
        fields = ["number", "text", "follow_up"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 5}),
        }


class FollowUpForm(ResponsibleMixin, forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = [
            "kind",
            "text",
            "responsible_unit",
            "responsible_region",
            "status",
            "recorded_on",
            "due_on",
            "position",
        ]
        widgets = {
            "recorded_on": DATE,
            "due_on": DATE,
            "text": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "text": _("Første linje er punktet; linjer som begynner med «- » er underpunkter.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = _units()
        self.fields["responsible_region"].queryset = Region.objects.order_by("name")
        self.fields["recorded_on"].initial = timezone.localdate()


class SupportResourceForm(forms.ModelForm):
    class Meta:
        model = SupportResource
        fields = [
            "title",
            "component",
            "target_group",
            "planned_on",
            "planned_text",
            "published_on",
            "status",
            "responsible_unit",
            "decision",
            "url",
            "position",
        ]
        widgets = {"planned_on": DATE, "published_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = _units()


class TraceLinkForm(forms.Form):
    relation = forms.ChoiceField(label=_("Sammenheng"), choices=TraceRelation.choices)
    point = forms.ModelChoiceField(
        label=_("Punkt fra et dialogseminar"), queryset=None, required=False
    )
    programme = forms.ModelChoiceField(label=_("Utviklingsprogram"), queryset=None, required=False)
    project = forms.ModelChoiceField(
        label=_("Prosjekt under en samarbeidsavtale"), queryset=None, required=False
    )
    note = forms.CharField(label=_("Merknad"), max_length=300, required=False)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = targets["points"]
        self.fields["point"].label_from_instance = lambda point: (
            f"{point.group.seminar.title} – {point.group.name}"
            + (f" (Pri {point.best_rank})" if point.best_rank else "")
            + f": {point.text[:90]}"
        )
        self.fields["programme"].queryset = targets["programmes"]
        self.fields["project"].queryset = targets["projects"]
        self.fields["project"].label_from_instance = lambda project: (
            f"{project.agreement.title} – {project.title}"
        )

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in ("point", "programme", "project") if data.get(name)]
        if len(chosen) != 1:
            raise ValidationError(
                _("Velg nøyaktig én kilde: et seminarpunkt, et program eller et prosjekt.")
            )
        data["target"] = chosen[0]
        return data


class ReportForm(forms.Form):
    meeting = forms.CharField(
        label=_("Hovedstyremøte"),
        required=False,
        max_length=200,
        help_text=_("F.eks. Hovedstyremøte 26.–27.11.2025."),
    )
    start = forms.DateField(label=_("Periode fra"), required=False, widget=DATE)
    end = forms.DateField(label=_("Periode til"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("Perioden kan ikke slutte før den begynner."))
        return data
