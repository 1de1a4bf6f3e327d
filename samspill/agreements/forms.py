"""Forms of cooperation agreements. Forms validate input; views call services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspill.core.concurrency import VersionedForm
from samspill.members.models import Municipality, Organisation, Person

from .models import (
    Agreement,
    MeetingKind,
    MeetingStatus,
    Milestone,
    Project,
    ProjectGroup,
    ProjectReport,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _people_choices(people, empty=None):
    """People grouped by organisation, as <optgroup>s."""
    groups = {}
    for person in people:
        label = person.organisation.name if person.organisation_id else _("Andre")
        groups.setdefault(str(label), []).append((person.pk, str(person)))
    choices = [("", empty)] if empty is not None else []
    return choices + list(groups.items())


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# --- The agreement ----------------------------------------------------------------------


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "slug",
            "status",
            "period_start",
            "period_end",
            "notice_months",
            "meetings_per_year",
            "contact_within_months",
            "evaluation_due_on",
            "predecessor",
            "terminated_on",
            "background",
            "purpose",
            "collaboration_areas",
            "planned_projects",
            "organisation_text",
            "communication_text",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "evaluation_due_on": DateInput(),
            "terminated_on": DateInput(),
            "background": forms.Textarea(attrs={"rows": 6}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "collaboration_areas": forms.Textarea(attrs={"rows": 4}),
            "planned_projects": forms.Textarea(attrs={"rows": 4}),
            "organisation_text": forms.Textarea(attrs={"rows": 6}),
            "communication_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"slug": _("Små bokstaver, tall og bindestrek, f.eks. kulturtanken-2017.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Agreement.objects.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["predecessor"].queryset = others
        self.fields["predecessor"].empty_label = _("Ingen – ny avtale")


class BaseDocumentForm(forms.Form):
    title = forms.CharField(label=_("Dokument"), max_length=300, required=False)
    url = forms.URLField(label=_("Lenke"), max_length=500, required=False)


BaseDocumentFormSet = forms.formset_factory(BaseDocumentForm, extra=2)


class PartyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisasjon"), queryset=Organisation.objects.order_by("name")
    )
    sort_order = forms.IntegerField(label=_("Rekkefølge"), min_value=0, initial=0)
    signatory_name = forms.CharField(label=_("Underskriver"), max_length=200, required=False)
    signatory_title = forms.CharField(
        label=_("Underskriverens tittel"), max_length=200, required=False
    )
    signed_on = forms.DateField(label=_("Signert"), required=False, widget=DateInput())
    contact_person = forms.ModelChoiceField(
        label=_("Kontaktperson"),
        queryset=Person.objects.filter(organisation__isnull=False).select_related("organisation"),
        required=False,
        help_text=_("Ansvarlig for faglig og praktisk tilrettelegging av samarbeidet."),
    )
    contact_appointed_on = forms.DateField(
        label=_("Kontaktperson oppnevnt"), required=False, widget=DateInput()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = self.fields["contact_person"].queryset.order_by(
            "organisation__name", "last_name", "first_name"
        )
        self.fields["contact_person"].widget.choices = _people_choices(
            people, _("Ikke oppnevnt ennå")
        )

    def clean(self):
        data = super().clean()
        person, organisation = data.get("contact_person"), data.get("organisation")
        if person and organisation and person.organisation_id != organisation.pk:
            self.add_error("contact_person", _("Kontaktpersonen må høre til organisasjonen."))
        if person and not data.get("contact_appointed_on"):
            self.add_error("contact_appointed_on", _("Oppgi datoen kontaktpersonen ble oppnevnt."))
        return data


class SteeringMemberForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Part"), queryset=None, empty_label=None)
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    role = forms.CharField(
        label=_("Rolle"), max_length=200, required=False, help_text=_("F.eks. direktør.")
    )
    delegated_to = forms.ModelChoiceField(
        label=_("Ansvar for beslutninger delegert til"), queryset=None, required=False
    )
    delegation_note = forms.CharField(
        label=_("Delegeringen gjelder"),
        max_length=300,
        required=False,
        help_text=_("F.eks. beslutninger i prosjektene."),
    )

    def __init__(self, *args, agreement, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = agreement.parties.select_related("organisation")
        for name, empty in [("person", _("Velg person")), ("delegated_to", _("Ikke delegert"))]:
            self.fields[name].queryset = people
            self.fields[name].widget.choices = _people_choices(people, empty)

    def clean(self):
        data = super().clean()
        party, person = data.get("party"), data.get("person")
        if party and person and person.organisation_id != party.organisation_id:
            self.add_error("person", _("Personen må høre til parten."))
        return data


# --- Meetings ---------------------------------------------------------------------------


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type møte"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Tittel"), max_length=200)
    date = forms.DateField(label=_("Dato"), widget=DateInput())
    start_time = forms.TimeField(label=_("Klokkeslett fra"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Klokkeslett til"), required=False, widget=TimeInput())
    place = forms.CharField(label=_("Sted"), max_length=200, required=False)
    digital_link = forms.URLField(label=_("Lenke til digitalt møte"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (MeetingStatus.PLANNED, MeetingStatus.PLANNED.label),
            (MeetingStatus.CANCELLED, MeetingStatus.CANCELLED.label),
        ],
        help_text=_("Møtet blir holdt når referatet føres."),
    )
    agenda = forms.CharField(
        label=_("Dagsorden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Én sak per linje. Sakene nummereres i rekkefølgen de står."),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        if meeting is not None and "initial" not in kwargs:
            start = timezone.localtime(meeting.starts_at)
            kwargs["initial"] = {
                "kind": meeting.kind,
                "title": meeting.title,
                "date": start.date(),
                "start_time": start.time(),
                "end_time": timezone.localtime(meeting.ends_at).time() if meeting.ends_at else None,
                "place": meeting.place,
                "digital_link": meeting.digital_link,
                "status": meeting.status,
                "agenda": "\n".join(item.title for item in meeting.agenda_items.all()),
            }
        super().__init__(*args, **kwargs)
        if meeting is not None and meeting.is_held:
            self.fields["status"].choices = [(MeetingStatus.HELD, MeetingStatus.HELD.label)]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end < start:
            self.add_error("end_time", _("Møtet kan ikke slutte før det begynner."))
        return data

    def service_arguments(self):
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        starts_at = datetime.datetime.combine(data["date"], data["start_time"], tzinfo=zone)
        ends_at = None
        if data["end_time"]:
            ends_at = datetime.datetime.combine(data["date"], data["end_time"], tzinfo=zone)
        return {
            "kind": data["kind"],
            "title": data["title"],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": data["place"],
            "digital_link": data["digital_link"],
            "status": data["status"],
            "agenda": _lines(data["agenda"]),
        }


class MinutesForm(VersionedForm):
    minutes = forms.CharField(
        label=_("Referat"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Hva som ble drøftet under hver sak."),
    )
    present = forms.ModelMultipleChoiceField(
        label=_("Til stede"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
    )
    decisions = forms.CharField(
        label=_("Vedtak"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ett vedtak per linje. Vedtakene nummereres i rekkefølgen de står."),
    )

    def __init__(self, *args, meeting, people, **kwargs):
        if "initial" not in kwargs:
            kwargs["initial"] = {
                "minutes": meeting.minutes,
                "present": [a.person_id for a in meeting.attendances.all()],
                "decisions": "\n".join(d.text for d in meeting.decisions.all()),
                "version": meeting.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = people
        self.fields["present"].label_from_instance = lambda person: (
            f"{person} ({person.organisation.short_name or person.organisation.name})"
            if person.organisation_id
            else str(person)
        )

    def service_arguments(self):
        data = self.cleaned_data
        return {
            "minutes": data["minutes"],
            "present": list(data["present"]),
            "decisions": _lines(data["decisions"]),
            "version": data["version"],
        }


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("Oppgave"), max_length=500)
    owner = forms.ModelChoiceField(label=_("Ansvarlig"), queryset=None)
    due_on = forms.DateField(label=_("Frist"), widget=DateInput())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].widget.choices = _people_choices(people, _("Velg ansvarlig"))


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Ny kommentar til referatet"), widget=forms.Textarea(attrs={"rows": 4})
    )


# --- Projects ---------------------------------------------------------------------------


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "status",
            "lead",
            "starts_on",
            "ends_on",
            "municipalities",
            "project_agreement_signed_on",
            "competence_needed",
            "hours_planned",
            "budget_planned",
            "budget_spent",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "competence_needed": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "project_agreement_signed_on": DateInput(),
            "municipalities": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "municipalities": _("Hold inne Ctrl (Cmd på Mac) for å velge flere."),
            "project_agreement_signed_on": _(
                "Hver prosjektavtale avklarer fagkompetanse, tid og økonomiske midler."
            ),
        }

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = people
        self.fields["lead"].widget.choices = _people_choices(people, _("Ikke avklart ennå"))
        self.fields["municipalities"].queryset = Municipality.objects.order_by("name")
        self.fields["municipalities"].label_from_instance = lambda m: m.name


class ProjectMemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    group = forms.ChoiceField(label=_("Gruppe"), choices=ProjectGroup.choices)
    role = forms.CharField(label=_("Rolle"), max_length=200, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].widget.choices = _people_choices(people, _("Velg person"))


class ProjectReportForm(forms.ModelForm):
    class Meta:
        model = ProjectReport
        fields = ["year", "due_on", "submitted_on", "summary"]
        widgets = {
            "due_on": DateInput(),
            "submitted_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"due_on": _("Rapporten til styringsgruppen skal leveres innen 1. desember.")}


# --- Action and progress plan -----------------------------------------------------------


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = [
            "year",
            "kind",
            "title",
            "description",
            "owner",
            "due_on",
            "done_on",
            "meeting",
            "project",
            "report",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_on": DateInput(),
            "done_on": DateInput(),
        }
        help_texts = {
            "meeting": _("Møtet der milepælen ble behandlet."),
            "report": _("Årsrapporten milepælen gjelder."),
        }

    def __init__(self, *args, agreement, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].widget.choices = _people_choices(people, _("Ingen ansvarlig valgt"))
        self.fields["meeting"].queryset = agreement.meetings.order_by("starts_at")
        self.fields["project"].queryset = agreement.projects.all()
        self.fields["report"].queryset = ProjectReport.objects.filter(
            project__agreement=agreement
        ).select_related("project")
