"""Development programmes (seed 001): the programme and its call, applications and their
assessment, participations with contract, municipal group, development plan, guidance,
the schedule with attendance, and the fee instalments."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.members.models import DevelopmentArea, Municipality, Person


class Programme(models.Model):
    """A development programme such as "Fremtidens kulturskole – regionale program 2024–2025".

    The texts are those of the programme's basis document (grunnlagsdokument); the public
    programme page shows them to municipalities before they apply.
    """

    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kortnavn i adressen"), unique=True)
    subtitle = models.CharField(_("undertittel"), max_length=200, blank=True)
    introduction = models.TextField(_("innledning"), blank=True)
    purpose = models.TextField(_("programmets hensikt"))
    target_group = models.TextField(_("målgruppe"))
    background = models.TextField(_("forankring"), blank=True)
    goals = models.TextField(_("mål"))
    competence_goals = models.TextField(_("kompetansemål etter gjennomført program"))
    method = models.TextField(_("metode og arbeidsformer"))
    organisation = models.TextField(_("organiseringen"), blank=True)
    preparation = models.TextField(_("forberedelser for deltakelse"), blank=True)
    obligations = models.TextField(_("forpliktelser"), blank=True)
    period_start = models.DateField(_("programperiode fra"))
    period_end = models.DateField(_("programperiode til"))
    semesters = models.PositiveSmallIntegerField(_("antall semestre"), default=3)
    fee = models.PositiveIntegerField(
        _("deltakeravgift (kr)"), help_text=_("For hele programperioden, per kommune.")
    )
    instalment_count = models.PositiveSmallIntegerField(
        _("antall fakturaer"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Avgiften deles likt og faktureres etter hver fysiske fellessamling."),
    )
    invoicing_rule = models.TextField(_("faktureringsregel"), blank=True)
    covers = models.TextField(_("programmet dekker"), blank=True)
    participants_pay = models.TextField(_("deltakerne dekker selv"), blank=True)
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("kontaktperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_programmes",
    )
    contact_title = models.CharField(_("kontaktpersonens tittel"), max_length=200, blank=True)
    call_opens = models.DateField(_("søknadsfrist åpner"), null=True, blank=True)
    call_closes = models.DateField(_("søknadsfrist"), null=True, blank=True)
    is_published = models.BooleanField(
        _("publisert"),
        default=False,
        help_text=_("En publisert programside kan leses uten innlogging."),
    )
    # The contract template (seed 001, "Kontrakt"): the parts that differ per programme.
    contract_heading = models.CharField(_("kontraktens overskrift"), max_length=200, blank=True)
    contract_subheading = models.CharField(_("kontraktens undertittel"), max_length=200, blank=True)
    contract_basis = models.CharField(
        _("grunnlagsdokument"),
        max_length=200,
        blank=True,
        help_text=_("Dokumentet kontrakten bygger på."),
    )
    contract_period = models.CharField(
        _("avtaleperiode i kontrakten"),
        max_length=100,
        blank=True,
        help_text=_("F.eks. «august 2024 – desember 2025»."),
    )
    contract_place_date = models.CharField(
        _("sted og dato for Kulturskolerådet"), max_length=100, blank=True
    )
    nkr_signatory_name = models.CharField(
        _("underskriver for Kulturskolerådet"), max_length=200, blank=True
    )
    nkr_signatory_title = models.CharField(_("underskriverens tittel"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("utviklingsprogram")
        verbose_name_plural = _("utviklingsprogram")
        ordering = ["-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                name="programme_period_in_order",
                condition=Q(period_end__gte=models.F("period_start")),
                violation_error_message=_("Programperioden kan ikke slutte før den begynner."),
            ),
            models.CheckConstraint(
                name="programme_call_in_order",
                condition=Q(call_opens__isnull=True)
                | Q(call_closes__isnull=True)
                | Q(call_closes__gte=models.F("call_opens")),
                violation_error_message=_("Søknadsfristen kan ikke være før utlysningen åpner."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", kwargs={"slug": self.slug})

    def call_is_open(self, on_date):
        if self.call_opens is None or self.call_closes is None:
            return False
        return self.call_opens <= on_date <= self.call_closes


class SelectionCriterion(models.Model):
    """One of the criteria NKR selects participants by; applicants answer each one."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("program")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("kriterium"))

    class Meta:
        verbose_name = _("utvelgelseskriterium")
        verbose_name_plural = _("utvelgelseskriterier")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="one_criterion_per_number"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Sendt inn")
    ACCEPTED = "accepted", _("Tatt opp")
    WAITING_LIST = "waiting_list", _("På venteliste")
    REJECTED = "rejected", _("Avslått")


#: Decisions an adviser can make on a submitted application.
DECISIONS = [ApplicationStatus.ACCEPTED, ApplicationStatus.WAITING_LIST, ApplicationStatus.REJECTED]


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        return self.exclude(status=ApplicationStatus.DRAFT)


class Application(models.Model):
    """A municipality's application to take part in a programme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("program"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="programme_applications",
        verbose_name=_("kommune"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default="draft"
    )
    development_area = models.ForeignKey(
        DevelopmentArea,
        verbose_name=_("regionens utviklingsområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    roles_mapping = models.TextField(
        _("kartlegging av roller og ansvar"),
        blank=True,
        help_text=_(
            "Hvilke roller og hvilket ansvar ulike aktører i kommunen har for barn og unges "
            "helhetlige oppvekst."
        ),
    )
    proposed_group = models.TextField(
        _("foreslått kommunegruppe"),
        blank=True,
        help_text=_("Navn, stilling og virksomhet for hver deltaker, én per linje."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opprettet av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    decision_reason = models.TextField(_("begrunnelse for vedtaket"), blank=True)
    decided_at = models.DateTimeField(_("vedtatt"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vedtatt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("søknad")
        verbose_name_plural = _("søknader")
        ordering = ["programme", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "municipality"], name="one_application_per_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.municipality.name}"

    def get_absolute_url(self):
        return reverse(
            "programmes:application_detail",
            kwargs={"slug": self.programme.slug, "pk": self.pk},
        )

    @property
    def is_draft(self):
        return self.status == ApplicationStatus.DRAFT

    @property
    def is_decided(self):
        return self.status in DECISIONS


class CriterionAnswer(models.Model):
    """The applicant's answer to one selection criterion."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="answers", verbose_name=_("søknad")
    )
    criterion = models.ForeignKey(
        SelectionCriterion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("kriterium"),
    )
    text = models.TextField(_("svar"), blank=True)

    class Meta:
        verbose_name = _("svar på kriterium")
        verbose_name_plural = _("svar på kriterier")
        ordering = ["criterion__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_answer_per_criterion"
            ),
        ]

    def __str__(self):
        return f"{self.application} – {self.criterion.number}"


class CriterionScore(models.Model):
    """An adviser's score (1–5) and comment on how an application meets one criterion."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scores", verbose_name=_("søknad")
    )
    criterion = models.ForeignKey(
        SelectionCriterion,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("kriterium"),
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="criterion_scores",
        verbose_name=_("vurdert av"),
    )
    score = models.PositiveSmallIntegerField(
        _("poeng"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("kommentar"), blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        verbose_name = _("vurdering")
        verbose_name_plural = _("vurderinger")
        ordering = ["criterion__number", "adviser"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "adviser"],
                name="one_score_per_criterion_and_adviser",
            ),
            models.CheckConstraint(
                name="score_between_1_and_5",
                condition=Q(score__gte=1, score__lte=5),
                violation_error_message=_("Poeng må være fra 1 til 5."),
            ),
        ]

    def __str__(self):
        return f"{self.application} – {self.criterion.number}: {self.score}"


class ParticipationStatus(models.TextChoices):
    ACTIVE = "active", _("Aktiv")
    COMPLETED = "completed", _("Fullført")
    TERMINATED = "terminated", _("Avsluttet før tiden")


class ParticipationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ParticipationStatus.ACTIVE)

    def for_user(self, user):
        """What a user may see: NKR everything, a municipal user their own municipality."""
        if user.is_nkr:
            return self
        if user.is_municipal:
            return self.filter(municipality_id=user.municipality_id)
        return self.none()


class Participation(models.Model):
    """A municipality taking part in a programme, from acceptance to the last invoice."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("program"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="programme_participations",
        verbose_name=_("kommune"),
    )
    application = models.OneToOneField(
        Application,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation",
        verbose_name=_("søknad"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.ACTIVE,
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("veileder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advised_participations",
    )
    development_area = models.ForeignKey(
        DevelopmentArea,
        verbose_name=_("regionens utviklingsområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    terminated_on = models.DateField(_("avsluttet dato"), null=True, blank=True)
    termination_reason = models.TextField(_("grunn til avslutning"), blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("deltakelse")
        verbose_name_plural = _("deltakelser")
        ordering = ["programme", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "municipality"], name="one_participation_per_municipality"
            ),
            models.CheckConstraint(
                name="termination_has_date_and_reason",
                condition=~Q(status="terminated")
                | (Q(terminated_on__isnull=False) & ~Q(termination_reason="")),
                violation_error_message=_("En avsluttet deltakelse må ha dato og grunn."),
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.municipality.name}"

    def get_absolute_url(self):
        return reverse(
            "programmes:participation_detail",
            kwargs={"slug": self.programme.slug, "number": self.municipality.number},
        )

    @property
    def is_active(self):
        return self.status == ParticipationStatus.ACTIVE


class HistoryEntry(models.Model):
    """What happened to a participation, in words, for its history list."""

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("deltakelse"),
    )
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utført av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.CharField(_("hendelse"), max_length=500)

    class Meta:
        verbose_name = _("historikk")
        verbose_name_plural = _("historikk")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return self.text


def contract_upload_path(contract, filename):
    return f"programmes/contracts/{contract.participation.programme.slug}/{filename}"


class ContractStatus(models.TextChoices):
    UNSIGNED = "unsigned", _("Ikke signert")
    PARTLY_SIGNED = "partly_signed", _("Delvis signert")
    SIGNED = "signed", _("Signert")


class Contract(models.Model):
    """The participation contract generated from the programme's template (seed 001).

    Three parties sign: NKR's director, the municipal chief executive and the arts-school
    leader. The contract is signed when all three dates are set.
    """

    participation = models.OneToOneField(
        Participation,
        on_delete=models.CASCADE,
        related_name="contract",
        verbose_name=_("deltakelse"),
    )
    municipality_place_date = models.CharField(
        _("sted og dato for kommunen"), max_length=100, blank=True
    )
    chief_executive_name = models.CharField(_("kommunedirektør"), max_length=200, blank=True)
    arts_school_leader_name = models.CharField(_("kulturskoleleder"), max_length=200, blank=True)
    signed_by_nkr_on = models.DateField(_("signert av Kulturskolerådet"), null=True, blank=True)
    signed_by_chief_executive_on = models.DateField(
        _("signert av kommunedirektør"), null=True, blank=True
    )
    signed_by_arts_school_leader_on = models.DateField(
        _("signert av kulturskoleleder"), null=True, blank=True
    )
    signed_copy = models.FileField(
        _("signert kopi"), upload_to=contract_upload_path, blank=True, max_length=300
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    # Optimistic locking (samspill.core.concurrency): bumped on every save from a form.
    version = models.PositiveIntegerField(_("versjon"), default=0, editable=False)

    class Meta:
        verbose_name = _("kontrakt")
        verbose_name_plural = _("kontrakter")

    def __str__(self):
        return str(self.participation)

    @property
    def signature_dates(self):
        return [
            self.signed_by_nkr_on,
            self.signed_by_chief_executive_on,
            self.signed_by_arts_school_leader_on,
        ]

    @property
    def status(self):
        signed = [day for day in self.signature_dates if day]
        if len(signed) == len(self.signature_dates):
            return ContractStatus.SIGNED
        return ContractStatus.PARTLY_SIGNED if signed else ContractStatus.UNSIGNED

    def get_status_display(self):
        return ContractStatus(self.status).label


class GroupMember(models.Model):
    """A member of a municipality's group (kommunegruppe) in a programme."""

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="group_members",
        verbose_name=_("deltakelse"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="group_memberships", verbose_name=_("person")
    )
    position = models.CharField(_("stilling"), max_length=200)
    organisation = models.CharField(
        _("virksomhet"), max_length=200, help_text=_("F.eks. kulturskolen, skole, SFO, helse.")
    )
    is_coordinator = models.BooleanField(_("koordinator"), default=False)
    represents_school_owner = models.BooleanField(
        _("representerer skoleeier"),
        default=False,
        help_text=_("Skoleeier må være representert i kommunegruppen."),
    )

    class Meta:
        verbose_name = _("medlem av kommunegruppe")
        verbose_name_plural = _("medlemmer av kommunegruppe")
        ordering = ["-is_coordinator", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "person"], name="person_once_per_group"
            ),
            models.UniqueConstraint(
                fields=["participation"],
                condition=Q(is_coordinator=True),
                name="one_coordinator_per_group",
                violation_error_message=_("Kommunegruppen har allerede en koordinator."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.position})"


#: The rules seed 001 sets for a municipal group.
MINIMUM_GROUP_SIZE = 4


class EventKind(models.TextChoices):
    INSPIRATION_GATHERING = "inspiration_gathering", _("Inspirasjonssamling")
    COORDINATOR_MEETING = "coordinator_meeting", _("Koordinatorsamling")
    PLENARY_GATHERING = "plenary_gathering", _("Fellessamling")
    GUIDANCE_VISIT = "guidance_visit", _("Veiledningsbesøk")
    SHARING_ARENA = "sharing_arena", _("Delingsarena")


class EventMode(models.TextChoices):
    PHYSICAL = "physical", _("Fysisk")
    DIGITAL = "digital", _("Digital")


_WEEK_RANGE = r"\d{1,2}(?:\s*[-–]\s*\d{1,2})?"
WEEKS_PATTERN = re.compile(rf"^{_WEEK_RANGE}(?:\s*(?:/|,|eller)\s*{_WEEK_RANGE})*$")


def parse_weeks(text):
    """ISO week ranges from the schedule's week column: "40-44", "34/35", "2-3 eller 4".

    Returns a list of (first, last) pairs, alternatives in the order given.
    """
    text = (text or "").strip()
    if not text:
        return []
    if not WEEKS_PATTERN.match(text):
        raise ValidationError(
            _("Skriv uker som «39», «40-44», «34/35» eller «2-3 eller 4»."), code="weeks"
        )
    ranges = []
    for part in re.split(r"\s*(?:/|,|eller)\s*", text):
        bounds = [int(number) for number in re.split(r"\s*[-–]\s*", part)]
        first, last = bounds[0], bounds[-1]
        if not (1 <= first <= last <= 53):
            raise ValidationError(
                _("Ukenummer må være fra 1 til 53, i stigende rekkefølge."), code="weeks"
            )
        ranges.append((first, last))
    return ranges


class EventQuerySet(models.QuerySet):
    def plenary_physical(self):
        return self.filter(kind=EventKind.PLENARY_GATHERING, mode=EventMode.PHYSICAL)

    def guidance_windows(self):
        return self.filter(kind=EventKind.GUIDANCE_VISIT)


class Event(models.Model):
    """One row of the programme's schedule (seed 001, "Plan for gjennomføring").

    Dates may be fixed (a day or a period, with times) or not yet fixed: then the row has
    a month text ("Juni eller august 25") and ISO weeks, possibly alternatives ("2-3 eller 4").
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="events", verbose_name=_("program")
    )
    kind = models.CharField(_("type"), max_length=32, choices=EventKind.choices)
    title = models.CharField(_("tittel"), max_length=200)
    mode = models.CharField(
        _("form"),
        max_length=10,
        choices=EventMode.choices,
        blank=True,
        help_text=_("Fysisk eller digital. La stå tom når det ikke er bestemt."),
    )
    starts_on = models.DateField(_("dato fra"), null=True, blank=True)
    ends_on = models.DateField(_("dato til"), null=True, blank=True)
    start_time = models.TimeField(_("klokkeslett fra"), null=True, blank=True)
    end_time = models.TimeField(_("klokkeslett til"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("varighet (minutter)"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("år"), help_text=_("Året ukene og måneden gjelder for.")
    )
    when_text = models.CharField(
        _("når (tekst)"),
        max_length=100,
        blank=True,
        help_text=_("Slik tidspunktet står i planen, f.eks. «Juni eller august 25»."),
    )
    weeks = models.CharField(
        _("uker"),
        max_length=30,
        blank=True,
        help_text=_("F.eks. «39», «40-44» eller «2-3 eller 4»."),
    )
    note = models.CharField(_("merknad"), max_length=300, blank=True)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    digital_link = models.URLField(_("lenke til digitalt møte"), blank=True)
    sort_date = models.DateField(_("sorteringsdato"), editable=False)
    held_on = models.DateField(_("gjennomført"), null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("samling")
        verbose_name_plural = _("samlinger")
        ordering = ["programme", "sort_date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                name="event_dates_in_order",
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                violation_error_message=_("Sluttdatoen kan ikke være før startdatoen."),
            ),
            models.CheckConstraint(
                name="event_has_date_or_weeks_or_text",
                condition=Q(starts_on__isnull=False) | ~Q(weeks="") | ~Q(when_text=""),
                violation_error_message=_("Oppgi en dato, uker eller en tekst for når."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        parse_weeks(self.weeks)

    @property
    def week_ranges(self):
        return parse_weeks(self.weeks)

    @property
    def is_held(self):
        return self.held_on is not None

    @property
    def is_dated(self):
        return self.starts_on is not None

    @property
    def triggers_instalment(self):
        """Seed 001: the fee is invoiced after each physical plenary gathering."""
        return self.kind == EventKind.PLENARY_GATHERING and self.mode == EventMode.PHYSICAL

    def first_day(self):
        """The first day the event may fall on, for sorting and for the calendar."""
        if self.starts_on:
            return self.starts_on
        ranges = self.week_ranges
        if ranges:
            return datetime.date.fromisocalendar(self.year, ranges[0][0], 1)
        month = _month_in(self.when_text)
        return datetime.date(self.year, month or 1, 1)


_MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]


def _month_in(text):
    words = re.findall(r"[a-zæøå]+", (text or "").lower())
    for word in words:
        if word in _MONTHS:
            return _MONTHS.index(word) + 1
    return None


class Attendance(models.Model):
    """Whether a person from a participating municipality attended an event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("samling")
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("deltakelse"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("person")
    )
    present = models.BooleanField(_("til stede"), default=True)

    class Meta:
        verbose_name = _("oppmøte")
        verbose_name_plural = _("oppmøte")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="attendance_once_per_person"),
        ]

    def __str__(self):
        return f"{self.event}: {self.person}"


class DevelopmentPlan(models.Model):
    """A municipality's development plan for the programme period (seed 001)."""

    participation = models.OneToOneField(
        Participation,
        on_delete=models.CASCADE,
        related_name="plan",
        verbose_name=_("deltakelse"),
    )
    focus_area = models.CharField(
        _("fokusområde"),
        max_length=300,
        blank=True,
        help_text=_(
            "Kommunens fokusområde, funnet i lokal dialog ut fra regionens utviklingsområde."
        ),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    # Optimistic locking (samspill.core.concurrency): bumped on every save from a form.
    version = models.PositiveIntegerField(_("versjon"), default=0, editable=False)

    class Meta:
        verbose_name = _("utviklingsplan")
        verbose_name_plural = _("utviklingsplaner")

    def __str__(self):
        return str(self.participation)


class Phase(models.TextChoices):
    """The continuous development cycle of seed 001, in order."""

    IDENTIFY_NEEDS = "identify_needs", _("Identifisere utviklingsbehov")
    IDENTIFY_OPPORTUNITIES = "identify_opportunities", _("Identifisere muligheter")
    SET_GOALS = "set_goals", _("Sette mål")
    TRY_MEASURES = "try_measures", _("Prøve ut løsninger og tiltak")
    EVALUATE = "evaluate", _("Evaluere løsninger, tiltak og måloppnåelse")


class EntryStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("Pågår")
    DONE = "done", _("Ferdig")


class PlanEntry(models.Model):
    """A dated entry in one phase of one round of the development cycle."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="entries", verbose_name=_("plan")
    )
    cycle = models.PositiveSmallIntegerField(
        _("runde"), default=1, validators=[MinValueValidator(1)]
    )
    phase = models.CharField(_("fase"), max_length=32, choices=Phase.choices)
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ansvarlig"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_entries",
    )
    entry_date = models.DateField(_("dato"))
    due_on = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.PLANNED
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        verbose_name = _("innslag i utviklingsplan")
        verbose_name_plural = _("innslag i utviklingsplan")
        ordering = ["plan", "cycle", "entry_date", "pk"]

    def __str__(self):
        return self.title

    @property
    def phase_index(self):
        return list(Phase.values).index(self.phase)


class PlanComment(models.Model):
    """An adviser's (or group member's) comment on a development plan."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kommentar til utviklingsplan")
        verbose_name_plural = _("kommentarer til utviklingsplan")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class GuidanceMode(models.TextChoices):
    VISIT = "visit", _("Besøk")
    ONLINE = "online", _("Nettmøte")


class GuidanceSession(models.Model):
    """A guidance visit or online meeting with a municipal group (veiledningslogg)."""

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="guidance_sessions",
        verbose_name=_("deltakelse"),
    )
    window = models.ForeignKey(
        Event,
        verbose_name=_("veiledningsperiode i tidsplanen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance_sessions",
        limit_choices_to={"kind": EventKind.GUIDANCE_VISIT},
    )
    held_on = models.DateField(_("dato"))
    mode = models.CharField(_("form"), max_length=10, choices=GuidanceMode.choices)
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("veileder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance_sessions",
    )
    notes = models.TextField(_("notater"), blank=True)
    next_steps = models.TextField(_("avtalte neste steg"), blank=True)
    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)

    class Meta:
        verbose_name = _("veiledning")
        verbose_name_plural = _("veiledninger")
        ordering = ["participation", "-held_on", "-pk"]

    def __str__(self):
        return f"{self.participation.municipality.name} {self.held_on:%d.%m.%Y}"


class InstalmentQuerySet(models.QuerySet):
    def not_invoiced(self):
        return self.filter(invoiced_on__isnull=True)

    def unpaid(self):
        return self.filter(paid_on__isnull=True)


class Instalment(models.Model):
    """One part of a participation's fee, due when a physical plenary gathering is held."""

    participation = models.ForeignKey(
        Participation,
        on_delete=models.PROTECT,
        related_name="instalments",
        verbose_name=_("deltakelse"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="instalments",
        verbose_name=_("fellessamling"),
    )
    number = models.PositiveSmallIntegerField(_("avdrag nr."))
    amount = models.PositiveIntegerField(_("beløp (kr)"))
    due_on = models.DateField(_("forfalt"))
    invoiced_on = models.DateField(_("fakturert"), null=True, blank=True)
    paid_on = models.DateField(_("betalt"), null=True, blank=True)

    objects = InstalmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("avdrag")
        verbose_name_plural = _("avdrag")
        ordering = ["participation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "number"], name="instalment_number_once"
            ),
            models.UniqueConstraint(
                fields=["participation", "event"], name="one_instalment_per_gathering"
            ),
            models.CheckConstraint(
                name="paid_only_when_invoiced",
                condition=Q(paid_on__isnull=True) | Q(invoiced_on__isnull=False),
                violation_error_message=_("Et avdrag må være fakturert før det kan være betalt."),
            ),
        ]

    def __str__(self):
        return f"{self.participation} – {self.number}"
