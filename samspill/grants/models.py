"""Grants and stipends (SPEC.md §7, seed 004): schemes and their calls, nominations of
young artists for a stipend (Drømmestipendet), municipalities' applications for a grant
(Inkluderende kulturskoler, Håndverksløftet), review in rounds by juries, and awards."""

import calendar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspill.members.models import Municipality, Organisation


class SchemeKind(models.TextChoices):
    STIPEND = "stipend", _("Stipend til person")
    GRANT = "grant", _("Tilskudd til kommune")


class Scheme(models.Model):
    """A scheme (ordning): who gets what, how many and within which budget."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnavn"), unique=True)
    kind = models.CharField(_("type"), max_length=10, choices=SchemeKind.choices)
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("samarbeidspartner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grant_schemes",
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    amount_per_award = models.PositiveIntegerField(
        _("beløp per tildeling (kr)"), null=True, blank=True
    )
    award_count = models.PositiveIntegerField(
        _("antall tildelinger per utlysning"), null=True, blank=True
    )
    total_budget = models.PositiveIntegerField(_("ramme per utlysning (kr)"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(_("laveste alder"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("høyeste alder"), null=True, blank=True)
    eligibility = models.TextField(_("hvem kan nomineres eller søke"), blank=True)
    max_file_mb = models.PositiveSmallIntegerField(_("største fil (MB)"), default=20)
    retention_months = models.PositiveSmallIntegerField(
        _("oppbevaringstid etter frist (måneder)"),
        default=12,
        help_text=_(
            "Personopplysninger om nominerte som ikke får stipend, anonymiseres så lenge "
            "etter at utlysningen stengte."
        ),
    )

    class Meta:
        verbose_name = _("ordning")
        verbose_name_plural = _("ordninger")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="scheme_age_range",
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=models.F("max_age")),
                violation_error_message=_("Laveste alder kan ikke være høyere enn høyeste alder."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_stipend(self):
        return self.kind == SchemeKind.STIPEND


class Documentation(models.TextChoices):
    LINK = "link", _("Lenke til arbeidsprøve")
    FILE = "file", _("Fil med arbeidsprøve")
    LINK_OR_FILE = "link_or_file", _("Lenke eller fil med arbeidsprøve")


#: File kinds a work sample may be, by content: (key, label, MIME types).
FILE_KINDS = {
    "pdf": (_("PDF"), {"application/pdf"}),
    "image": (_("bilde (JPEG eller PNG)"), {"image/jpeg", "image/png"}),
    "audio": (_("lyd (MP3)"), {"audio/mpeg"}),
    "video": (_("video (MP4)"), {"video/mp4"}),
}


class Category(models.Model):
    """An art form a stipend is given in, and the documentation a nomination in it needs."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="categories", verbose_name=_("ordning")
    )
    name = models.CharField(_("navn"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    documentation = models.CharField(
        _("dokumentasjon som kreves"),
        max_length=20,
        choices=Documentation.choices,
        default=Documentation.LINK_OR_FILE,
    )
    file_kinds = models.CharField(
        _("filtyper"),
        max_length=100,
        default="pdf,image,audio,video",
        help_text=_("Kommaseparert: pdf, image, audio, video."),
    )
    guidance = models.CharField(_("veiledning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")
        ordering = ["scheme_id", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="one_category_per_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def kinds(self):
        return [kind.strip() for kind in self.file_kinds.split(",") if kind.strip() in FILE_KINDS]

    @property
    def mime_types(self):
        return set().union(*(FILE_KINDS[kind][1] for kind in self.kinds)) if self.kinds else set()

    @property
    def kinds_label(self):
        return ", ".join(str(FILE_KINDS[kind][0]) for kind in self.kinds)


class Criterion(models.Model):
    """A criterion the jury scores on, from 1 to `max_score`."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("ordning")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.CharField(_("kriterium"), max_length=300)
    max_score = models.PositiveSmallIntegerField(_("høyeste poeng"), default=6)

    class Meta:
        verbose_name = _("vurderingskriterium")
        verbose_name_plural = _("vurderingskriterier")
        ordering = ["scheme_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="one_grant_criterion_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Call(models.Model):
    """A call (utlysning) of a scheme with its open and close dates."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("ordning")
    )
    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(_("kortnavn"), unique=True)
    year = models.PositiveSmallIntegerField(_("år"))
    opens_on = models.DateField(_("åpner"))
    closes_on = models.DateField(_("frist"))
    reference_date = models.DateField(
        _("referansedato for alder"),
        null=True,
        blank=True,
        help_text=_("Alderen regnes på denne datoen."),
    )
    text = models.TextField(_("utlysningstekst"), blank=True)
    finalised_at = models.DateTimeField(_("tildeling avsluttet"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("mottakere publisert"), null=True, blank=True)

    class Meta:
        verbose_name = _("utlysning")
        verbose_name_plural = _("utlysninger")
        ordering = ["-year", "scheme__name"]
        constraints = [
            models.CheckConstraint(
                name="call_closes_after_opening",
                condition=Q(closes_on__gte=models.F("opens_on")),
                violation_error_message=_("Fristen kan ikke være før utlysningen åpner."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("grants:call_detail", kwargs={"slug": self.slug})

    def is_open(self, today):
        return self.opens_on <= today <= self.closes_on

    @property
    def age_date(self):
        return self.reference_date or self.closes_on

    @property
    def retention_due_on(self):
        """The day personal data of nominees who got nothing is anonymised."""
        return add_months(self.closes_on, self.scheme.retention_months)

    @property
    def is_finalised(self):
        return self.finalised_at is not None

    @property
    def is_published(self):
        return self.results_published_at is not None


def add_months(day, months):
    """31.01 + 1 month → 28.02 (or 29.02): the last day when the month is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def age_on(birth_date, day):
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Sendt inn")
    AWARDED = "awarded", _("Tildelt")
    NOT_AWARDED = "not_awarded", _("Ikke tildelt")


class NominationQuerySet(models.QuerySet):
    def submitted(self):
        return self.exclude(status=NominationStatus.DRAFT)

    def personal_data_kept(self):
        return self.filter(anonymised_at__isnull=True)


class Nomination(models.Model):
    """A municipality's nomination of a young artist for a stipend."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("utlysning")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("kommune"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("kategori")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NominationStatus.choices, default="draft"
    )
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("etternavn"), max_length=100)
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    motivation = models.TextField(_("begrunnelse for nominasjonen"), blank=True)
    dream = models.TextField(_("drømmen"), blank=True)
    links = models.TextField(_("lenker til arbeidsprøver"), blank=True)
    is_example = models.BooleanField(_("eksempeldata"), default=False)
    # Kept when personal data is anonymised, for the statistics.
    age_at_reference = models.PositiveSmallIntegerField(_("alder"), null=True, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    letter_sent_at = models.DateTimeField(_("brev sendt"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisert"), null=True, blank=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nominasjon")
        verbose_name_plural = _("nominasjoner")
        ordering = ["call_id", "last_name", "first_name", "pk"]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return self.nominee_name

    def get_absolute_url(self):
        return reverse("grants:nomination_detail", kwargs={"pk": self.pk})

    @property
    def nominee_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_draft(self):
        return self.status == NominationStatus.DRAFT

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def work_sample_path(instance, filename):
    return f"grants/nominations/{instance.nomination_id}/{filename}"


class WorkSample(models.Model):
    """A file of a nominee's work, checked by its content when uploaded."""

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.CASCADE,
        related_name="work_samples",
        verbose_name=_("nominasjon"),
    )
    file = models.FileField(_("fil"), upload_to=work_sample_path)
    original_name = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(_("filtype"), max_length=100)
    size = models.PositiveIntegerField(_("størrelse (byte)"))
    uploaded_at = models.DateTimeField(_("lastet opp"), auto_now_add=True)

    class Meta:
        verbose_name = _("arbeidsprøve")
        verbose_name_plural = _("arbeidsprøver")
        ordering = ["nomination_id", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class JuryKind(models.TextChoices):
    SUBJECT = "subject", _("Fagjury")
    ALLOCATION = "allocation", _("Tildelingsjury")


class Jury(models.Model):
    """A subject jury for one category, or the allocation jury of a call."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="juries", verbose_name=_("utlysning")
    )
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=JuryKind.choices)
    category = models.ForeignKey(
        Category,
        verbose_name=_("kategori"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="juries",
        help_text=_("Fagjuryen vurderer nominasjonene i denne kategorien."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jurymedlemmer"),
        related_name="juries",
        blank=True,
    )

    class Meta:
        verbose_name = _("jury")
        verbose_name_plural = _("juryer")
        ordering = ["call_id", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                name="subject_jury_has_category",
                condition=~Q(kind="subject") | Q(category__isnull=False),
                violation_error_message=_("En fagjury må ha en kategori."),
            ),
            models.UniqueConstraint(fields=["call", "name"], name="one_jury_per_name"),
        ]

    def __str__(self):
        return self.name


class Round(models.Model):
    """A round of review: the nominations in it and the jury kind that scores them."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("utlysning")
    )
    number = models.PositiveSmallIntegerField(_("runde"))
    jury_kind = models.CharField(_("jury"), max_length=20, choices=JuryKind.choices)
    closed_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    nominations = models.ManyToManyField(
        Nomination, verbose_name=_("nominasjoner"), related_name="rounds", blank=True
    )

    class Meta:
        verbose_name = _("runde")
        verbose_name_plural = _("runder")
        ordering = ["call_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="one_round_per_number"),
        ]

    def __str__(self):
        return _("Runde %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse(
            "grants:round_detail", kwargs={"slug": self.call.slug, "number": self.number}
        )

    @property
    def is_open(self):
        return self.closed_at is None


class ConflictOfInterest(models.Model):
    """A reviewer's declaration that they are not impartial towards a nomination."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("nominasjon")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grant_conflicts",
        verbose_name=_("jurymedlem"),
    )
    reason = models.CharField(_("grunn"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("erklært"), auto_now_add=True)

    class Meta:
        verbose_name = _("inhabilitet")
        verbose_name_plural = _("inhabilitet")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "reviewer"], name="one_conflict_per_reviewer"
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} – {self.nomination_id}"


class Score(models.Model):
    """One reviewer's score on one criterion for a nomination in a round."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="scores", verbose_name=_("runde")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="scores", verbose_name=_("nominasjon")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grant_scores",
        verbose_name=_("jurymedlem"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("kriterium")
    )
    score = models.PositiveSmallIntegerField(
        _("poeng"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("poeng")
        verbose_name_plural = _("poeng")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "nomination", "reviewer", "criterion"], name="one_score_each"
            ),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.score}"


class Award(models.Model):
    """A stipend awarded to a nominee."""

    nomination = models.OneToOneField(
        Nomination, on_delete=models.PROTECT, related_name="award", verbose_name=_("nominasjon")
    )
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="awards", verbose_name=_("utlysning")
    )
    amount = models.PositiveIntegerField(_("beløp (kr)"))
    decided_at = models.DateTimeField(_("vedtatt"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vedtatt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tildeling")
        verbose_name_plural = _("tildelinger")
        ordering = ["call_id", "pk"]

    def __str__(self):
        return f"{self.nomination} ({self.amount} kr)"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Sendt inn")
    GRANTED = "granted", _("Innvilget")
    REJECTED = "rejected", _("Avslått")


class PayoutStatus(models.TextChoices):
    NOT_DUE = "not_due", _("Ikke aktuelt")
    PENDING = "pending", _("Til utbetaling")
    PAID = "paid", _("Utbetalt")


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        return self.exclude(status=ApplicationStatus.DRAFT)


class GrantApplication(models.Model):
    """A municipality's application for a grant, with budget, decision and report."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("utlysning")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="grant_applications",
        verbose_name=_("kommune"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default="draft"
    )
    project_title = models.CharField(_("prosjekttittel"), max_length=200)
    description = models.TextField(_("prosjektbeskrivelse"), blank=True)
    partners = models.TextField(_("samarbeidspartnere"), blank=True)
    amount_applied = models.PositiveIntegerField(_("søknadsbeløp (kr)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opprettet av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)
    amount_granted = models.PositiveIntegerField(_("innvilget beløp (kr)"), null=True, blank=True)
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
    report_due_on = models.DateField(_("frist for rapport"), null=True, blank=True)
    report_received_on = models.DateField(_("rapport mottatt"), null=True, blank=True)
    payout_status = models.CharField(
        _("utbetaling"), max_length=20, choices=PayoutStatus.choices, default="not_due"
    )
    paid_on = models.DateField(_("utbetalt"), null=True, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilskuddssøknad")
        verbose_name_plural = _("tilskuddssøknader")
        ordering = ["call_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "municipality"], name="one_grant_application_per_call"
            ),
        ]

    def __str__(self):
        return f"{self.municipality.name}: {self.project_title}"

    def get_absolute_url(self):
        return reverse("grants:application_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self):
        return self.status == ApplicationStatus.DRAFT

    @property
    def report_overdue(self):
        return (
            self.status == ApplicationStatus.GRANTED
            and self.report_due_on is not None
            and self.report_received_on is None
            and self.report_due_on < timezone.localdate()
        )


class BudgetLine(models.Model):
    application = models.ForeignKey(
        GrantApplication,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("søknad"),
    )
    description = models.CharField(_("post"), max_length=200)
    amount = models.PositiveIntegerField(_("beløp (kr)"))

    class Meta:
        verbose_name = _("budsjettpost")
        verbose_name_plural = _("budsjettposter")
        ordering = ["application_id", "pk"]

    def __str__(self):
        return self.description
