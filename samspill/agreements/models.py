"""Cooperation agreements (seed 000): the agreement with its parties, signatories and base
documents; the steering group and a contact person per party; meetings with agenda,
attendance, minutes, decisions and action items; projects each with a project agreement,
members, municipalities and yearly reports; and the action and progress plan's milestones.

Every promise of the agreement is a record with an owner and a date; `compliance.py` reads
them and says which are kept.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import Role
from samspill.members.models import Municipality, Organisation, Person


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ACTIVE = "active", _("Gjeldende")
    ENDED = "ended", _("Utløpt")
    RENEWED = "renewed", _("Fornyet")
    TERMINATED = "terminated", _("Sagt opp")


class AgreementQuerySet(models.QuerySet):
    def for_user(self, user):
        """NKR sees every agreement; a partner contact those their organisation is party to."""
        if user.is_nkr:
            return self
        if user.role == Role.PARTNER_CONTACT and user.organisation_id:
            return self.filter(parties__organisation_id=user.organisation_id).distinct()
        return self.none()


class Agreement(models.Model):
    """A cooperation agreement (samarbeidsavtale) between NKR and one or more partners."""

    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(_("kortnavn i adressen"), unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    background = models.TextField(_("bakgrunn"), blank=True)
    purpose = models.TextField(_("formål"))
    collaboration_areas = models.TextField(
        _("sentrale samarbeidsområder"), blank=True, help_text=_("Ett område per linje.")
    )
    planned_projects = models.TextField(_("aktuelle samarbeidsprosjekter i perioden"), blank=True)
    organisation_text = models.TextField(
        _("organisering"),
        blank=True,
        help_text=_("Slik avtalen beskriver styringsgruppe, møter, kontaktpersoner og prosjekter."),
    )
    communication_text = models.TextField(_("informasjon og kommunikasjon"), blank=True)
    period_start = models.DateField(_("gjelder fra"))
    period_end = models.DateField(_("gjelder til"))
    notice_months = models.PositiveSmallIntegerField(
        _("varslingsplikt (måneder)"),
        default=6,
        help_text=_("Hvor mange måneder før sluttdatoen en part må si fra om at den trekker seg."),
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        _("samarbeidsmøter per år"), default=2, validators=[MinValueValidator(1)]
    )
    contact_within_months = models.PositiveSmallIntegerField(
        _("kontaktperson oppnevnt innen (måneder)"),
        default=6,
        help_text=_("Hver part oppnevner en kontaktperson innen så mange måneder etter start."),
    )
    evaluation_due_on = models.DateField(
        _("evalueringsmøte innen"),
        null=True,
        blank=True,
        help_text=_("Evalueringsmøtet skal holdes før en eventuell fornyelse."),
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("fornyer avtalen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
        help_text=_("Avtalen denne avtalen fornyer."),
    )
    terminated_on = models.DateField(_("sagt opp dato"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("samarbeidsavtale")
        verbose_name_plural = _("samarbeidsavtaler")
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                name="agreement_period_in_order",
                condition=Q(period_end__gte=models.F("period_start")),
                violation_error_message=_("Avtaleperioden kan ikke slutte før den begynner."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:agreement_detail", kwargs={"slug": self.slug})

    @property
    def area_list(self):
        return [
            line.strip(" •-\t") for line in self.collaboration_areas.splitlines() if line.strip()
        ]


class Party(models.Model):
    """A party to the agreement, who signs it, and its contact person for the cooperation."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("avtale")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("organisasjon"),
    )
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    signatory_name = models.CharField(_("underskriver"), max_length=200, blank=True)
    signatory_title = models.CharField(_("underskriverens tittel"), max_length=200, blank=True)
    signed_on = models.DateField(_("signert"), null=True, blank=True)
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("kontaktperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreement_contacts",
        help_text=_("Ansvarlig for faglig og praktisk tilrettelegging av samarbeidet."),
    )
    contact_appointed_on = models.DateField(_("kontaktperson oppnevnt"), null=True, blank=True)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["agreement", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="organisation_once_per_agreement",
                violation_error_message=_("Organisasjonen er allerede part i avtalen."),
            ),
            models.CheckConstraint(
                name="contact_person_has_appointment_date",
                condition=Q(contact_person__isnull=True) | Q(contact_appointed_on__isnull=False),
                violation_error_message=_("Oppgi datoen kontaktpersonen ble oppnevnt."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)

    @property
    def name(self):
        return self.organisation.short_name or self.organisation.name


class BaseDocument(models.Model):
    """A common base document (felles grunnlagsdokument) the agreement builds on."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="base_documents",
        verbose_name=_("avtale"),
    )
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    title = models.CharField(_("dokument"), max_length=300)
    url = models.URLField(_("lenke"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("grunnlagsdokument")
        verbose_name_plural = _("grunnlagsdokumenter")
        ordering = ["agreement", "sort_order", "pk"]

    def __str__(self):
        return self.title


class SteeringGroupMember(models.Model):
    """A member of the steering group (the directors), possibly with the responsibility
    for decisions delegated to someone else in their organisation."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="steering_group",
        verbose_name=_("avtale"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="steering_members", verbose_name=_("part")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="steering_groups", verbose_name=_("person")
    )
    role = models.CharField(_("rolle"), max_length=200, blank=True)
    delegated_to = models.ForeignKey(
        Person,
        verbose_name=_("delegert til"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steering_delegations",
    )
    delegation_note = models.CharField(
        _("delegeringen gjelder"),
        max_length=300,
        blank=True,
        help_text=_("F.eks. beslutninger i prosjektene."),
    )

    class Meta:
        verbose_name = _("medlem av styringsgruppen")
        verbose_name_plural = _("medlemmer av styringsgruppen")
        ordering = ["agreement", "party__sort_order", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"],
                name="person_once_per_steering_group",
                violation_error_message=_("Personen er allerede med i styringsgruppen."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.party})"


class MeetingKind(models.TextChoices):
    COOPERATION = "cooperation", _("Samarbeidsmøte")
    STEERING_GROUP = "steering_group", _("Styringsgruppemøte")
    EVALUATION = "evaluation", _("Evalueringsmøte")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Holdt")
    CANCELLED = "cancelled", _("Avlyst")


class MeetingQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status=MeetingStatus.HELD)


class Meeting(models.Model):
    """A meeting between the parties (two a year are promised), with minutes."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("avtale")
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.COOPERATION
    )
    title = models.CharField(_("tittel"), max_length=200)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    digital_link = models.URLField(_("lenke til digitalt møte"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(_("referat"), blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    # Optimistic locking (samspill.core.concurrency): bumped on every save from a form.
    version = models.PositiveIntegerField(_("versjon"), default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        ordering = ["agreement", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="meeting_ends_after_start",
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                violation_error_message=_("Møtet kan ikke slutte før det begynner."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "agreements:meeting_detail", kwargs={"slug": self.agreement.slug, "pk": self.pk}
        )

    @property
    def is_held(self):
        return self.status == MeetingStatus.HELD

    @property
    def minutes_missing(self):
        return self.is_held and not self.minutes.strip()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("møte")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("sak"), max_length=300)

    class Meta:
        verbose_name = _("sak på dagsorden")
        verbose_name_plural = _("saker på dagsorden")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_once"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Decision(models.Model):
    """A decision recorded in the minutes (vedtak)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("møte")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("vedtak"))

    class Meta:
        verbose_name = _("vedtak")
        verbose_name_plural = _("vedtak")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_number_once"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("møte")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="agreement_meeting_attendances",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("møtedeltaker")
        verbose_name_plural = _("møtedeltakere")
        ordering = ["meeting", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attends_meeting_once"),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.person}"


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)


class ActionItem(models.Model):
    """Something the meeting agreed someone will do by a date (oppfølgingspunkt)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("møte")
    )
    text = models.CharField(_("oppgave"), max_length=500)
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="agreement_action_items",
        verbose_name=_("ansvarlig"),
    )
    due_on = models.DateField(_("frist"))
    done_on = models.DateField(_("utført"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("markert utført av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("oppfølgingspunkt")
        verbose_name_plural = _("oppfølgingspunkter")
        ordering = ["meeting", "due_on", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_done(self):
        return self.done_on is not None


class MinutesComment(models.Model):
    """A comment on a meeting's minutes, e.g. a partner's correction."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="comments", verbose_name=_("møte")
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
        verbose_name = _("kommentar til referat")
        verbose_name_plural = _("kommentarer til referat")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    ACTIVE = "active", _("Pågår")
    COMPLETED = "completed", _("Avsluttet")
    CANCELLED = "cancelled", _("Avlyst")


class Project(models.Model):
    """A project under the agreement. Its project agreement (prosjektavtale) says which
    competence is needed, how much time is spent and what money it takes (seed 000)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="projects", verbose_name=_("avtale")
    )
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("formål og beskrivelse"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    lead = models.ForeignKey(
        Person,
        verbose_name=_("prosjektleder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_agreement_projects",
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("slutt"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("kommuner"),
        blank=True,
        related_name="agreement_projects",
    )
    # The project agreement.
    competence_needed = models.TextField(_("fagkompetanse som trengs"), blank=True)
    hours_planned = models.PositiveIntegerField(_("timer avsatt"), null=True, blank=True)
    budget_planned = models.PositiveIntegerField(_("budsjett (kr)"), null=True, blank=True)
    budget_spent = models.PositiveIntegerField(_("brukt (kr)"), default=0)
    project_agreement_signed_on = models.DateField(
        _("prosjektavtale inngått"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("prosjekt")
        verbose_name_plural = _("prosjekter")
        ordering = ["agreement", "starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                name="project_dates_in_order",
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                violation_error_message=_("Prosjektet kan ikke slutte før det starter."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "agreements:project_detail", kwargs={"slug": self.agreement.slug, "pk": self.pk}
        )

    @property
    def needs_project_agreement(self):
        """A project under way or done must rest on a project agreement."""
        return (
            self.status in {ProjectStatus.ACTIVE, ProjectStatus.COMPLETED}
            and self.project_agreement_signed_on is None
        )

    @property
    def budget_left(self):
        if self.budget_planned is None:
            return None
        return self.budget_planned - self.budget_spent


class ProjectGroup(models.TextChoices):
    PROJECT_GROUP = "project_group", _("Prosjektgruppe")
    REFERENCE_GROUP = "reference_group", _("Referansegruppe")


class ProjectMember(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="members", verbose_name=_("prosjekt")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="agreement_project_memberships",
        verbose_name=_("person"),
    )
    group = models.CharField(
        _("gruppe"),
        max_length=20,
        choices=ProjectGroup.choices,
        default=ProjectGroup.PROJECT_GROUP,
    )
    role = models.CharField(_("rolle"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("prosjektmedlem")
        verbose_name_plural = _("prosjektmedlemmer")
        ordering = ["project", "group", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "person"],
                name="person_once_per_project",
                violation_error_message=_("Personen er allerede med i prosjektet."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_group_display()})"


class ProjectReport(models.Model):
    """The yearly report to the steering group (by 1 December in seed 000)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name=_("prosjekt")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    due_on = models.DateField(_("frist"))
    submitted_on = models.DateField(_("levert"), null=True, blank=True)
    summary = models.TextField(_("sammendrag"), blank=True)

    class Meta:
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="one_report_per_project_and_year",
                violation_error_message=_("Prosjektet har allerede en rapport for dette året."),
            ),
        ]

    def __str__(self):
        return _("Rapport %(year)s: %(project)s") % {"year": self.year, "project": self.project}

    @property
    def is_submitted(self):
        return self.submitted_on is not None


class MilestoneKind(models.TextChoices):
    TASK = "task", _("Tiltak")
    DECISION = "decision", _("Beslutning")
    REPORT = "report", _("Rapport til styringsgruppen")
    EVALUATION = "evaluation", _("Evaluering")
    RENEWAL = "renewal", _("Fornyelse")


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)


class Milestone(models.Model):
    """A milestone of the action and progress plan (tiltaks- og fremdriftsplan)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("avtale")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(
        _("type"), max_length=20, choices=MilestoneKind.choices, default=MilestoneKind.TASK
    )
    title = models.CharField(_("tiltak"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("ansvarlig"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreement_milestones",
    )
    due_on = models.DateField(_("frist"))
    done_on = models.DateField(_("utført"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("møte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("prosjekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    report = models.ForeignKey(
        ProjectReport,
        verbose_name=_("rapport"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæler")
        ordering = ["agreement", "year", "due_on", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        url = reverse("agreements:plan", kwargs={"slug": self.agreement.slug})
        return f"{url}#milepael-{self.pk}"

    @property
    def is_done(self):
        return self.done_on is not None
