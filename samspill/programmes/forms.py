"""Forms of development programmes. Forms validate input; views call services."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import Role
from samspill.core.concurrency import VersionedForm
from samspill.members.models import Municipality, Person

from .calendar import weeks_in_year
from .models import (
    DECISIONS,
    ApplicationStatus,
    DevelopmentPlan,
    Event,
    EventKind,
    EventMode,
    GuidanceSession,
    Instalment,
    PlanComment,
    PlanEntry,
    Programme,
    SelectionCriterion,
    parse_weeks,
)
from .selectors import guidance_window_for, window_contains


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "slug",
            "subtitle",
            "introduction",
            "purpose",
            "target_group",
            "background",
            "goals",
            "competence_goals",
            "method",
            "organisation",
            "preparation",
            "obligations",
            "period_start",
            "period_end",
            "semesters",
            "fee",
            "instalment_count",
            "invoicing_rule",
            "covers",
            "participants_pay",
            "contact_person",
            "contact_title",
            "call_opens",
            "call_closes",
            "is_published",
            "contract_heading",
            "contract_subheading",
            "contract_basis",
            "contract_period",
            "contract_place_date",
            "nkr_signatory_name",
            "nkr_signatory_title",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "call_opens": DateInput(),
            "call_closes": DateInput(),
        }
        help_texts = {"slug": _("Små bokstaver, tall og bindestrek, f.eks. fremtidens-2026.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        # The contact person is someone at NKR.
        self.fields["contact_person"].queryset = Person.objects.filter(
            organisation__kind="nkr"
        ).order_by("last_name", "first_name")


# --- Applications and their assessment ------------------------------------------------


class ApplicationForm(forms.Form):
    """One answer per selection criterion, the region's development area, the mapping of
    roles and the proposed group. Nothing is required for a draft: what a submitted
    application must hold is `services.application_missing`."""

    development_area = forms.ModelChoiceField(
        label=_("Regionens utviklingsområde"),
        queryset=None,
        required=False,
        empty_label=_("Velg utviklingsområde"),
        help_text=_("Utviklingsområdet fylkesavdelingen har vedtatt, som arbeidet knyttes til."),
    )
    roles_mapping = forms.CharField(
        label=_("Kartlegging av roller og ansvar for barn og unges oppvekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Hvilke roller og hvilket ansvar ulike aktører i kommunen har for barn og unges "
            "helhetlige oppvekst."
        ),
    )
    proposed_group = forms.CharField(
        label=_("Foreslått kommunegruppe"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Minst fire deltakere, med navn, stilling og virksomhet, én per linje. "
            "Skoleeier må være representert."
        ),
    )

    def __init__(self, *args, criteria, development_areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        answers = {
            self.answer_field(criterion): forms.CharField(
                label=criterion.text, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )
            for criterion in self.criteria
        }
        # The criteria come first, in the order of the programme document.
        self.fields = {**answers, **self.fields}
        self.fields["development_area"].queryset = development_areas

    @staticmethod
    def answer_field(criterion):
        return f"kriterium_{criterion.number}"

    def answer_fields(self):
        return [self[self.answer_field(criterion)] for criterion in self.criteria]

    def answers(self):
        """Criterion number → answer, as `services.application_save` takes them."""
        return {
            criterion.number: self.cleaned_data[self.answer_field(criterion)].strip()
            for criterion in self.criteria
        }


class ApplicantMunicipalityForm(forms.Form):
    """NKR staff choose which member municipality they fill in an application for."""

    kommune = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=None,
        to_field_name="number",
        empty_label=_("Velg kommune"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["kommune"].queryset = Municipality.objects.filter(is_member=True).order_by(
            "name"
        )


SCORE_CHOICES = [
    ("", _("Velg poeng")),
    (1, _("1 – oppfyller ikke kriteriet")),
    (2, _("2 – svakt")),
    (3, _("3 – middels")),
    (4, _("4 – godt")),
    (5, _("5 – svært godt")),
]


class AssessmentForm(forms.Form):
    """An adviser's score (1–5) and comment for every selection criterion."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            number = criterion.number
            self.fields[self.score_field(criterion)] = forms.TypedChoiceField(
                label=_("Poeng for kriterium %(number)s") % {"number": number},
                choices=SCORE_CHOICES,
                coerce=int,
            )
            self.fields[self.comment_field(criterion)] = forms.CharField(
                label=_("Kommentar til kriterium %(number)s") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @staticmethod
    def score_field(criterion):
        return f"poeng_{criterion.number}"

    @staticmethod
    def comment_field(criterion):
        return f"kommentar_{criterion.number}"

    def sections(self):
        """(criterion, score field, comment field) per criterion, for the template."""
        return [
            (criterion, self[self.score_field(criterion)], self[self.comment_field(criterion)])
            for criterion in self.criteria
        ]

    def scores(self):
        """(criterion, score, comment) per criterion, as `services.application_score` takes them."""
        return [
            (
                criterion,
                self.cleaned_data[self.score_field(criterion)],
                self.cleaned_data[self.comment_field(criterion)].strip(),
            )
            for criterion in self.criteria
        ]


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Vedtak"),
        choices=[],
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
    )
    reason = forms.CharField(
        label=_("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Begrunnelsen sendes til kommunen på e-post sammen med vedtaket."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["status"].choices = [(status.value, status.label) for status in DECISIONS]


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[])
    sorter = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["status"].choices = [("", _("Alle innsendte"))] + [
            (status.value, status.label)
            for status in ApplicationStatus
            if status != ApplicationStatus.DRAFT
        ]


# --- Participation: contract, municipal group, adviser, termination -------------------

#: The largest signed copy of a contract we keep.
SIGNED_COPY_MAX_BYTES = 10 * 1024 * 1024


class ContractForm(VersionedForm):
    """The municipality's part of the contract and the signature dates of all three."""

    municipality_place_date = forms.CharField(
        label=_("Sted og dato for kommunen"),
        max_length=100,
        required=False,
        help_text=_("Slik det skal stå i kontrakten, f.eks. «Sogndal 2. september 2024»."),
    )
    chief_executive_name = forms.CharField(
        label=_("Kommunedirektør"), max_length=200, required=False
    )
    arts_school_leader_name = forms.CharField(
        label=_("Kulturskoleleder"), max_length=200, required=False
    )
    signed_by_nkr_on = forms.DateField(
        label=_("Signert av Kulturskolerådet"), required=False, widget=DateInput()
    )
    signed_by_chief_executive_on = forms.DateField(
        label=_("Signert av kommunedirektør"), required=False, widget=DateInput()
    )
    signed_by_arts_school_leader_on = forms.DateField(
        label=_("Signert av kulturskoleleder"), required=False, widget=DateInput()
    )
    signed_copy = forms.FileField(
        label=_("Signert kopi (PDF)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Last opp den signerte kontrakten som PDF, høyst 10 MB."),
    )

    def clean_signed_copy(self):
        """A PDF by its content, not by its name, and not larger than 10 MB."""
        import filetype

        upload = self.cleaned_data.get("signed_copy")
        if not upload:
            return None
        if upload.size > SIGNED_COPY_MAX_BYTES:
            raise forms.ValidationError(
                _("Filen er for stor. Den signerte kopien kan være høyst 10 MB.")
            )
        upload.seek(0)
        kind = filetype.guess(upload.read(2048))
        upload.seek(0)
        if kind is None or kind.mime != "application/pdf":
            raise forms.ValidationError(
                _("Filen er ikke en PDF. Last opp den signerte kontrakten som PDF-fil.")
            )
        return upload


class GroupMemberForm(forms.Form):
    """A member of the municipal group: someone already registered in the municipality,
    or a new person, and their role in the group."""

    person = forms.ModelChoiceField(
        label=_("Person i kommunen"),
        queryset=None,
        required=False,
        empty_label=_("Ny person – fyll ut navn under"),
        help_text=_("Velg en som allerede er registrert i kommunen, eller legg inn en ny person."),
    )
    first_name = forms.CharField(label=_("Fornavn"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Etternavn"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    position = forms.CharField(
        label=_("Stilling"),
        max_length=200,
        help_text=_("F.eks. kulturskoleleder, kommunalsjef oppvekst, rektor."),
    )
    organisation = forms.CharField(
        label=_("Virksomhet"),
        max_length=200,
        help_text=_("F.eks. kulturskolen, skole, SFO, helse."),
    )
    is_coordinator = forms.BooleanField(
        label=_("Koordinator for kommunegruppen"),
        required=False,
        help_text=_("Gruppen har én koordinator. Er en annen koordinator nå, overtar denne."),
    )
    represents_school_owner = forms.BooleanField(
        label=_("Representerer skoleeier"),
        required=False,
        help_text=_("Skoleeier må være representert i kommunegruppen."),
    )

    def __init__(self, *args, participation, member=None, **kwargs):

        super().__init__(*args, **kwargs)
        self.participation = participation
        self.member = member
        taken = participation.group_members.all()
        if member is not None:
            taken = taken.exclude(pk=member.pk)
        # Someone already in the group is not offered twice.
        self.fields["person"].queryset = (
            Person.objects.filter(municipality_id=participation.municipality_id)
            .exclude(pk__in=taken.values("person_id"))
            .order_by("last_name", "first_name")
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        """Without a chosen person, the new person needs a name and an unused e-mail."""

        data = super().clean()
        if data.get("person") is not None or "person" in self.errors:
            return data
        missing = _("Velg en person i listen, eller skriv inn fornavn og etternavn.")
        for name in ("first_name", "last_name"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, missing)
        email = data.get("email")
        if email and Person.objects.filter(email=email).exists():
            self.add_error(
                "email",
                _(
                    "Det finnes allerede en person med denne e-posten. "
                    "Velg personen i listen i stedet."
                ),
            )
        return data


class AdviserForm(forms.Form):
    adviser = forms.ModelChoiceField(
        label=_("Veileder"),
        queryset=None,
        required=False,
        empty_label=_("Ingen veileder"),
        help_text=_("Kommunen får én veileder fra Kulturskolerådet."),
    )

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = get_user_model().objects.filter(
            role="adviser", is_active=True
        )


class TerminationForm(forms.Form):
    terminated_on = forms.DateField(label=_("Avsluttet dato"), widget=DateInput())
    reason = forms.CharField(
        label=_("Grunn til avslutning"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvilke forpliktelser er ikke fulgt opp? Teksten står i historikken."),
    )


# --- Development plan and guidance log ------------------------------------------------


class PlanForm(VersionedForm, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    class Meta:
        model = DevelopmentPlan
        fields = ["focus_area", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "description": _(
                "Hva kommunen vil oppnå med fokusområdet, og hvordan arbeidet er forankret."
            ),
        }


class PlanCommentForm(forms.ModelForm):
    class Meta:
        model = PlanComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        labels = {"text": _("Ny kommentar")}


class PlanEntryForm(forms.ModelForm):
    """An entry in one phase of one round. The owner is chosen among the municipal group
    first, then the municipality's other people."""

    cycle = forms.TypedChoiceField(
        label=_("Runde"),
        coerce=int,
        help_text=_("Velg en ny runde når kommunen begynner på syklusen igjen."),
    )

    class Meta:
        model = PlanEntry
        fields = [
            "cycle",
            "phase",
            "title",
            "description",
            "owner",
            "entry_date",
            "due_on",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "entry_date": DateInput(),
            "due_on": DateInput(),
        }
        help_texts = {
            "owner": _("Helst en i kommunegruppen."),
            "due_on": _("Når innslaget skal være ferdig."),
        }

    def __init__(self, *args, participation, next_cycle, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["cycle"].choices = [
            (number, _("Runde %(number)s") % {"number": number}) for number in range(1, next_cycle)
        ] + [
            (
                next_cycle,
                _("Runde %(number)s (ny runde)") % {"number": next_cycle}
                if next_cycle > 1
                else _("Runde %(number)s") % {"number": next_cycle},
            )
        ]
        self.fields["phase"].choices = self.fields["phase"].choices[1:]  # no empty choice

        members = list(participation.group_members.all())
        member_ids = {member.person_id for member in members}
        others = Person.objects.filter(municipality_id=participation.municipality_id).exclude(
            pk__in=member_ids
        )
        current = self.instance.owner if self.instance.owner_id else None
        allowed = Q(pk__in=member_ids) | Q(municipality_id=participation.municipality_id)
        if current is not None:
            allowed |= Q(pk=current.pk)
        owner = self.fields["owner"]
        owner.queryset = Person.objects.filter(allowed)
        other_choices = [(person.pk, str(person)) for person in others.order_by("first_name")]
        if (
            current is not None
            and current.pk not in member_ids
            and current.municipality_id != (participation.municipality_id)
        ):
            other_choices.append((current.pk, str(current)))
        groups = [
            (_("Kommunegruppen"), [(m.person_id, f"{m.person} – {m.position}") for m in members]),
            (_("Andre i kommunen"), other_choices),
        ]
        owner.widget.choices = [("", _("Ingen ansvarlig valgt"))] + [
            (label, choices) for label, choices in groups if choices
        ]


def _window_label(event):

    if event.starts_on:
        when = date_format(event.starts_on, "DATE_FORMAT")
        if event.ends_on and event.ends_on != event.starts_on:
            when += "–" + date_format(event.ends_on, "DATE_FORMAT")
    elif event.weeks:
        when = _("uke %(weeks)s %(year)s") % {"weeks": event.weeks, "year": event.year}
    else:
        when = event.when_text
    return f"{event.title} ({when})"


class GuidanceForm(forms.ModelForm):
    """A guidance visit or online meeting. The schedule's guidance-visit window is chosen
    beforehand from the date; a window preselected for another date that was left as it
    was follows the date the adviser wrote."""

    suggested_window = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = GuidanceSession
        fields = ["held_on", "mode", "window", "adviser", "notes", "next_steps"]
        widgets = {
            "held_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 6}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "next_steps": _("Det kommunegruppen og veilederen ble enige om å gjøre videre."),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)

        self.windows = list(programme.events.guidance_windows())
        window = self.fields["window"]
        window.queryset = programme.events.guidance_windows()
        window.label_from_instance = _window_label
        window.empty_label = _("Velg ut fra datoen")
        window.help_text = _(
            "Veiledningsperioden i tidsplanen som datoen faller i (etter ukenummer), er valgt "
            "på forhånd. Lar du feltet stå tomt, velges perioden ut fra datoen når du lagrer."
        )
        self.fields["mode"].choices = self.fields["mode"].choices[1:]
        adviser = self.fields["adviser"]
        adviser.queryset = (
            get_user_model()
            .objects.filter(
                Q(role__in=[Role.ADVISER, Role.ADMINISTRATOR]) | Q(is_superuser=True),
                is_active=True,
            )
            .order_by("first_name", "last_name")
        )
        adviser.empty_label = _("Ingen valgt")

    def clean(self):

        data = super().clean()
        day, window = data.get("held_on"), data.get("window")
        suggested = data.get("suggested_window")
        if day and window and suggested == window.pk and not window_contains(window, day):
            data["window"] = guidance_window_for(self.windows, day)
        return data


CriterionFormSet = forms.inlineformset_factory(
    Programme,
    SelectionCriterion,
    fields=["number", "text"],
    extra=1,
    can_delete=True,
    widgets={"text": forms.Textarea(attrs={"rows": 2})},
)


# --- Schedule, attendance and fees (helper D) ------------------------------------------

EVENT_FIELDS = [
    "kind",
    "title",
    "mode",
    "starts_on",
    "ends_on",
    "start_time",
    "end_time",
    "duration_minutes",
    "year",
    "when_text",
    "weeks",
    "note",
    "place",
    "digital_link",
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class EventForm(forms.Form):
    """One row of the schedule: a fixed day or period with times, or not yet fixed with the
    plan's own words ("Juni eller august 25") and ISO weeks ("2-3 eller 4")."""

    def __init__(self, *args, programme, event=None, **kwargs):

        if event is not None:
            kwargs.setdefault("initial", forms.model_to_dict(event, fields=EVENT_FIELDS))
        else:
            kwargs.setdefault("initial", {"year": programme.period_start.year})
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                Event,
                fields=EVENT_FIELDS,
                widgets={
                    "starts_on": DateInput(),
                    "ends_on": DateInput(),
                    "start_time": TimeInput(),
                    "end_time": TimeInput(),
                },
            )
        )
        self.fields["kind"].choices = [("", _("Velg type")), *EventKind.choices]
        self.fields["mode"].choices = [("", _("Ikke bestemt")), *EventMode.choices]
        self.fields["year"].required = False
        self.fields["year"].help_text = _(
            "Året ukene og måneden gjelder for. Tas fra datoen når den er fylt ut."
        )
        self.fields["duration_minutes"].help_text = _("F.eks. 150 for «2,5 timer».")
        self.fields["when_text"].help_text = _(
            "Når datoen ikke er bestemt: slik tidspunktet står i planen, "
            "f.eks. «Juni eller august 25»."
        )

    def clean_weeks(self):

        weeks = self.cleaned_data["weeks"].strip()
        parse_weeks(weeks)
        return weeks

    def clean(self):

        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if not data.get("year") and starts_on:
            data["year"] = starts_on.year
        if ends_on and not starts_on:
            self.add_error("starts_on", _("Oppgi datoen samlingen begynner."))
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Sluttdatoen kan ikke være før startdatoen."))
        if (start_time or end_time) and not starts_on:
            self.add_error("starts_on", _("Et klokkeslett trenger en dato."))
        if end_time and not start_time:
            self.add_error("start_time", _("Oppgi når samlingen begynner."))
        if (
            start_time
            and end_time
            and end_time <= start_time
            and (not ends_on or ends_on == starts_on)
        ):
            self.add_error("end_time", _("Samlingen må slutte etter at den begynner."))
        unplaced = not (starts_on or data.get("weeks") or data.get("when_text", "").strip())
        if unplaced and "weeks" not in self.errors:
            raise forms.ValidationError(_("Oppgi en dato, uker eller en tekst for når."))
        if not data.get("year"):
            if "year" not in self.errors:
                self.add_error("year", _("Oppgi året ukene og måneden gjelder for."))
        elif data.get("weeks") and "weeks" not in self.errors:
            last_week = weeks_in_year(data["year"])
            if any(last > last_week for _first, last in parse_weeks(data["weeks"])):
                self.add_error(
                    "weeks",
                    _("%(year)s har bare %(weeks)s uker.")
                    % {"year": data["year"], "weeks": last_week},
                )
        return data


class MarkHeldForm(forms.Form):
    held_on = forms.DateField(label=_("Dato gjennomført"), widget=DateInput())

    def clean_held_on(self):

        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("En samling kan ikke markeres gjennomført fram i tid."))
        return held_on


class AttendanceForm(forms.Form):
    """The people ticked "til stede", among those the user may record attendance for."""

    present = forms.TypedMultipleChoiceField(
        label=_("Til stede"), coerce=int, required=False, choices=()
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(person.pk, str(person)) for person in people]
        self.fields["present"].error_messages["invalid_choice"] = _(
            "Du kan bare registrere oppmøte for personer i kommunegrupper du har ansvar for."
        )


#: The invoice-basis filter: the word in the address and the selector's vocabulary.
INSTALMENT_STATUSES = {
    "ikke-fakturert": "not_invoiced",
    "fakturert": "invoiced",
    "betalt": "paid",
}


class InstalmentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Vis"),
        required=False,
        choices=[
            ("", _("Alle avdrag")),
            ("ikke-fakturert", _("Ikke fakturert")),
            ("fakturert", _("Fakturert, ikke betalt")),
            ("betalt", _("Betalt")),
        ],
    )

    def selected(self):
        """The selector's word for the chosen filter, "" for all."""
        if self.is_valid():
            return INSTALMENT_STATUSES.get(self.cleaned_data["status"], "")
        return ""


class InstalmentMarkForm(forms.Form):
    instalments = forms.ModelMultipleChoiceField(
        label=_("Avdrag"),
        queryset=None,
        error_messages={"required": _("Velg minst ett avdrag.")},
    )
    action = forms.ChoiceField(
        label=_("Merk som"),
        choices=[("invoiced", _("Fakturert")), ("paid", _("Betalt"))],
    )
    on = forms.DateField(
        label=_("Dato"),
        required=False,
        widget=DateInput(),
        help_text=_("La stå tom for dagens dato."),
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("", ""), *((key, key) for key in INSTALMENT_STATUSES)],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, programme, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["instalments"].queryset = Instalment.objects.filter(
            participation__programme=programme
        )
