"""Strategy, decisions and reports (seeds 003 and 004).

Governing documents; plans (an operational plan, a strategy) with strategy areas → goals
→ national and regional measures, each measure with a responsible unit, a deadline, a
status, a progress and a timeline of dated updates; the priorities of the political
platform and the decisions of the Landsting and the board, each with follow-up entries
"done" and "planned"; links from a measure or a follow-up to the seminar point, programme
or agreement project it came from or that answered it; and the publication plan of the
Rammeplan's support resources.

The board status report and the report for the state basic grant are generated from
these records (`reports.py`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.members.models import Region, StaffUnit


class Status(models.TextChoices):
    """The status of a measure or a follow-up entry (as in Decidim's accountability)."""

    NOT_STARTED = "not_started", _("Ikke startet")
    IN_PROGRESS = "in_progress", _("Pågår")
    DELAYED = "delayed", _("Forsinket")
    DONE = "done", _("Gjennomført")
    STOPPED = "stopped", _("Stanset")


#: Statuses that close a measure: it is no longer overdue and no longer counted as open.
CLOSED = {Status.DONE, Status.STOPPED}


class GrantCriterion(models.TextChoices):
    """The two criteria of the state basic grant NKR's application follows [004]."""

    EDUCATION = "education", _("Kunst- og kulturarbeid i tilknytning til opplæringen")
    INTEREST_GROUPS = "interest_groups", _("Nasjonale interesse- eller brukergrupper")
    BOTH = "both", _("Begge kriteriene")


class GoverningDocumentKind(models.TextChoices):
    OVERARCHING = "overarching", _("Overordnet styringsdokument")
    STATUTES = "statutes", _("Vedtekter")
    STRATEGY = "strategy", _("Strategi")
    POLICY = "policy", _("Policy")


class GoverningDocument(models.Model):
    """A governing document (styringsdokument): Strategi 2032, Politisk plattform,
    Rammeplanen, Vedtektene, and the strategies and policies of the board [004]."""

    title = models.CharField(_("tittel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=GoverningDocumentKind.choices)
    adopted_by = models.CharField(
        _("vedtatt av"), max_length=100, blank=True, help_text=_("F.eks. Landstinget 2024.")
    )
    adopted_on = models.DateField(_("vedtatt"), null=True, blank=True)
    url = models.URLField(_("lenke"), max_length=500, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("styringsdokument")
        verbose_name_plural = _("styringsdokumenter")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class PlanKind(models.TextChoices):
    OPERATIONAL_PLAN = "operational_plan", _("Virksomhetsplan")
    STRATEGY = "strategy", _("Strategi")
    POLITICAL_PLATFORM = "political_platform", _("Politisk plattform")


class Plan(models.Model):
    """A plan with strategy areas, goals and measures, like the Virksomhetsplan 2013–14."""

    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(_("kortnavn i adressen"), unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=PlanKind.choices)
    period_start = models.DateField(_("gjelder fra"))
    period_end = models.DateField(_("gjelder til"))
    governing_document = models.ForeignKey(
        GoverningDocument,
        verbose_name=_("styringsdokument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                name="plan_period_in_order",
                condition=Q(period_end__gte=models.F("period_start")),
                violation_error_message=_("Planperioden kan ikke slutte før den begynner."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategy:plan_detail", kwargs={"slug": self.slug})


class StrategyArea(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("strategiområde")
        verbose_name_plural = _("strategiområder")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="area_number_once_per_plan",
                violation_error_message=_(
                    "Planen har allerede et strategiområde med dette nummeret."
                ),
            )
        ]

    def __str__(self):
        return _("Strategiområde %(number)s: %(title)s") % {
            "number": self.number,
            "title": self.title,
        }


class Goal(models.Model):
    """A national goal (nasjonalt mål) of a strategy area."""

    area = models.ForeignKey(
        StrategyArea, on_delete=models.CASCADE, related_name="goals", verbose_name=_("område")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("mål"))

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["area", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "number"],
                name="goal_number_once_per_area",
                violation_error_message=_("Området har allerede et mål med dette nummeret."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    @property
    def code(self):
        """ "1.2": area 1, goal 2 — how the import file names a goal."""
        return f"{self.area.number}.{self.number}"


class MeasureLevel(models.TextChoices):
    NATIONAL = "national", _("Nasjonalt tiltak")
    REGIONAL = "regional", _("Regionalt tiltak")


class MeasureQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED)

    def overdue(self, today):
        return self.open().filter(deadline__lt=today)

    def for_unit(self, unit):
        return self.filter(responsible_unit=unit)


class Responsible(models.Model):
    """A responsible unit: one of NKR's competence communities (or another staff unit),
    or a region — the "ansvarlig kompetansefellesskap" of seed 004."""

    responsible_unit = models.ForeignKey(
        StaffUnit,
        verbose_name=_("ansvarlig enhet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_region = models.ForeignKey(
        Region,
        verbose_name=_("ansvarlig region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def responsible(self):
        return self.responsible_unit or self.responsible_region


class Measure(Responsible):
    """A measure (tiltak), national or regional, under a goal."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="measures", verbose_name=_("mål")
    )
    level = models.CharField(_("nivå"), max_length=10, choices=MeasureLevel.choices)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    text = models.TextField(_("tiltak"))
    deadline = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("fremdrift (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    grant_criterion = models.CharField(
        _("kriterium for grunnstøtten"), max_length=20, choices=GrantCriterion.choices, blank=True
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    # Optimistic locking (samspill.core.concurrency): bumped on every save from a form.
    version = models.PositiveIntegerField(_("versjon"), default=0, editable=False)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = ["goal", "level", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="measure_progress_0_to_100",
                condition=Q(progress__lte=100),
                violation_error_message=_("Fremdriften må være mellom 0 og 100 %."),
            ),
            models.CheckConstraint(
                name="measure_done_is_complete",
                condition=~Q(status=Status.DONE) | Q(progress=100),
                violation_error_message=_("Et gjennomført tiltak har fremdrift 100 %."),
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="measure_status_deadline")]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("strategy:measure_detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self):
        return self.status in CLOSED


class DecisionKind(models.TextChoices):
    """Seed 004 follows up two kinds of political commitments the same way: the
    priorities of the political platform and the decisions (vedtak) of the Landsting or
    the board. Both are "cases" here, with the same follow-up entries."""

    PRIORITY = "priority", _("Prioritering i politisk plattform")
    GENERAL_ASSEMBLY = "general_assembly", _("Landstingsvedtak")
    BOARD = "board", _("Hovedstyrevedtak")


class Decision(models.Model):
    """A priority of the political platform, or a decision of the Landsting or the board
    (case number like 5.13, title, decision text, meeting and date). A part of a case the
    report treats under its own heading (seed 004's two sections under the Rammeplan) is a
    Decision with a `parent`."""

    kind = models.CharField(_("type"), max_length=20, choices=DecisionKind.choices)
    case_number = models.CharField(
        _("saksnummer"), max_length=20, blank=True, help_text=_("F.eks. 5.13.")
    )
    title = models.CharField(_("tittel"), max_length=300)
    text = models.TextField(
        _("vedtakstekst"), blank=True, help_text=_("Vedtaket eller prioriteringen slik den lyder.")
    )
    report_heading = models.CharField(
        _("overskrift i rapporten"),
        max_length=300,
        blank=True,
        help_text=_("Når rapporten skal bruke en kortere overskrift enn saksnummer og tittel."),
    )
    note = models.TextField(
        _("vurdering"),
        blank=True,
        help_text=_("Administrasjonens vurdering av saken, vist etter vedtaksteksten."),
    )
    done_intro = models.TextField(_("innledning til hva som har vært gjort"), blank=True)
    planned_intro = models.TextField(_("innledning til hva som er planlagt"), blank=True)
    meeting = models.CharField(
        _("møte"), max_length=200, blank=True, help_text=_("F.eks. Landstinget 2024.")
    )
    decided_on = models.DateField(_("vedtatt"), null=True, blank=True)
    governing_document = models.ForeignKey(
        GoverningDocument,
        verbose_name=_("styringsdokument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("del av saken"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="parts",
    )
    responsible_units = models.ManyToManyField(
        StaffUnit,
        verbose_name=_("ansvarlige kompetansefellesskap"),
        blank=True,
        related_name="strategy_decisions",
    )
    grant_criterion = models.CharField(
        _("kriterium for grunnstøtten"), max_length=20, choices=GrantCriterion.choices, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        ordering = ["sort_order", "case_number", "pk"]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return reverse("strategy:decision_detail", kwargs={"pk": self.pk})

    @property
    def heading(self):
        return f"{self.case_number} {self.title}" if self.case_number else self.title


class AdditionalDecision(models.Model):
    """An additional decision (tilleggsvedtak) made with the case, and how it was followed
    up."""

    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        related_name="additional_decisions",
        verbose_name=_("sak"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("tilleggsvedtak"))
    follow_up = models.TextField(_("oppfølging"), blank=True)

    class Meta:
        verbose_name = _("tilleggsvedtak")
        verbose_name_plural = _("tilleggsvedtak")
        ordering = ["decision", "number"]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class FollowUpKind(models.TextChoices):
    DONE = "done", _("Hva som har vært gjort")
    PLANNED = "planned", _("Hva som er planlagt gjort videre")


class FollowUp(Responsible):
    """One point of a case's follow-up: something done, or something planned. The first
    line is the point; following lines starting with "- " are its sub-points."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("sak")
    )
    kind = models.CharField(_("type"), max_length=10, choices=FollowUpKind.choices)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    text = models.TextField(_("punkt"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    recorded_on = models.DateField(_("registrert"))
    due_on = models.DateField(_("frist"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        verbose_name = _("oppfølgingspunkt")
        verbose_name_plural = _("oppfølgingspunkter")
        ordering = ["decision", "kind", "position", "pk"]

    def __str__(self):
        return self.point[:80]

    def get_absolute_url(self):
        return reverse("strategy:follow_up_detail", kwargs={"pk": self.pk})

    @property
    def point(self):
        return self.text.strip().split("\n", 1)[0].strip()

    @property
    def sub_points(self):
        lines = self.text.strip().splitlines()[1:]
        return [line.strip()[2:].strip() for line in lines if line.strip().startswith("- ")]

    @property
    def is_closed(self):
        return self.status in CLOSED


class StatusUpdate(models.Model):
    """A dated update on a measure or a follow-up entry: the timeline."""

    measure = models.ForeignKey(
        Measure,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("tiltak"),
    )
    follow_up = models.ForeignKey(
        FollowUp,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("oppfølgingspunkt"),
    )
    date = models.DateField(_("dato"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(
        _("fremdrift (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    text = models.TextField(_("hva som har skjedd"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)

    class Meta:
        verbose_name = _("statusoppdatering")
        verbose_name_plural = _("statusoppdateringer")
        ordering = ["-date", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="update_has_one_subject",
                condition=Q(measure__isnull=False, follow_up__isnull=True)
                | Q(measure__isnull=True, follow_up__isnull=False),
                violation_error_message=_("En oppdatering gjelder enten et tiltak eller et punkt."),
            )
        ]

    def __str__(self):
        return f"{self.date}: {self.get_status_display()}"

    @property
    def subject(self):
        return self.measure or self.follow_up


class TraceRelation(models.TextChoices):
    ORIGIN = "origin", _("Kommer fra")
    ANSWER = "answer", _("Besvart gjennom")


class TraceLink(models.Model):
    """Where a measure or a follow-up came from, or what answered it: a point a seminar
    group prioritised, a programme, or an agreement's project. Those pages show the link
    back."""

    measure = models.ForeignKey(
        Measure,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("tiltak"),
    )
    follow_up = models.ForeignKey(
        FollowUp,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("oppfølgingspunkt"),
    )
    relation = models.CharField(_("sammenheng"), max_length=10, choices=TraceRelation.choices)
    point = models.ForeignKey(
        "seminars.Point",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="strategy_links",
        verbose_name=_("punkt fra dialogseminar"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="strategy_links",
        verbose_name=_("utviklingsprogram"),
    )
    project = models.ForeignKey(
        "agreements.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="strategy_links",
        verbose_name=_("prosjekt under samarbeidsavtale"),
    )
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sporbarhetslenke")
        verbose_name_plural = _("sporbarhetslenker")
        ordering = ["relation", "pk"]
        constraints = [
            models.CheckConstraint(
                name="link_has_one_subject",
                condition=Q(measure__isnull=False, follow_up__isnull=True)
                | Q(measure__isnull=True, follow_up__isnull=False),
                violation_error_message=_("En lenke gjelder enten et tiltak eller et punkt."),
            ),
            models.CheckConstraint(
                name="link_has_one_target",
                condition=Q(point__isnull=False, programme__isnull=True, project__isnull=True)
                | Q(point__isnull=True, programme__isnull=False, project__isnull=True)
                | Q(point__isnull=True, programme__isnull=True, project__isnull=False),
                violation_error_message=_(
                    "Velg nøyaktig én kilde: et seminarpunkt, et program eller et prosjekt."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_relation_display()}: {self.target}"

    @property
    def subject(self):
        return self.measure or self.follow_up

    @property
    def target(self):
        return self.point or self.programme or self.project


class ResourceStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("Under arbeid")
    PUBLISHED = "published", _("Publisert")


class SupportResource(models.Model):
    """A support resource (støtteressurs) for the Rammeplan in the publication plan."""

    title = models.CharField(_("tema"), max_length=200)
    component = models.CharField(
        _("delkomponent"),
        max_length=200,
        blank=True,
        help_text=_("F.eks. Å lede utviklingsarbeid."),
    )
    target_group = models.CharField(_("målgruppe"), max_length=200, blank=True)
    planned_on = models.DateField(_("planlagt publisert"), null=True, blank=True)
    planned_text = models.CharField(
        _("planlagt (slik det står i planen)"),
        max_length=100,
        blank=True,
        help_text=_("F.eks. «okt/nov 2025» når datoen ikke er eksakt."),
    )
    published_on = models.DateField(_("publisert"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ResourceStatus.choices, default=ResourceStatus.PLANNED
    )
    responsible_unit = models.ForeignKey(
        StaffUnit,
        verbose_name=_("ansvarlig enhet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("sak"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_resources",
    )
    url = models.URLField(_("lenke"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("støtteressurs")
        verbose_name_plural = _("støtteressurser")
        ordering = ["position", "planned_on", "title"]
        constraints = [
            models.CheckConstraint(
                name="published_resource_has_date",
                condition=~Q(status=ResourceStatus.PUBLISHED) | Q(published_on__isnull=False),
                violation_error_message=_("Oppgi når ressursen ble publisert."),
            )
        ]

    def __str__(self):
        return self.title

    def is_late(self, today):
        return self.published_on is None and self.planned_on is not None and self.planned_on < today


class BasicGrant(models.Model):
    """The state basic grant (grunnstøtte) NKR receives, which the grant report answers
    to [004]: 86 400 000 kr for 2025–2027, with a report due in the summer of 2026."""

    title = models.CharField(_("tittel"), max_length=200)
    administered_by = models.CharField(_("forvaltes av"), max_length=200, blank=True)
    amount = models.PositiveBigIntegerField(_("beløp (kr)"))
    period_start = models.DateField(_("gjelder fra"))
    period_end = models.DateField(_("gjelder til"))
    report_due = models.DateField(_("rapport innen"), null=True, blank=True)
    note = models.TextField(_("merknad"), blank=True)

    class Meta:
        verbose_name = _("grunnstøtte")
        verbose_name_plural = _("grunnstøtte")
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                name="grant_period_in_order",
                condition=Q(period_end__gte=models.F("period_start")),
                violation_error_message=_("Perioden kan ikke slutte før den begynner."),
            )
        ]

    def __str__(self):
        return self.title
