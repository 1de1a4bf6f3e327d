"""Arts-school statistics per municipality and school year: the fields of Udir's GSI
(Grunnskolens informasjonssystem) and NKR's own fields that GSI does not count (breadth
offers, fees, discounts, free places, cooperation), plus each municipality's political
adoption of the Rammeplan and the imports that brought figures in.

A school year is named by the year it starts in (2023 = 2023–24); counts are as of
1 October, as in GSI. SSB/KOSTRA figures for year Y are stored under school year Y."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.members.models import Municipality

FIRST_SCHOOL_YEAR = 1990
LAST_SCHOOL_YEAR = 2100


def school_year_label(year):
    """2023 → "2023–24"."""
    return f"{year}–{(year + 1) % 100:02d}"


class Source(models.TextChoices):
    IMPORT = "import", _("Importert")
    ENTRY = "entry", _("Registrert av kommunen")
    EXAMPLE = "example", _("Eksempeldata (generert)")


def _count(label, help_text=""):
    return models.PositiveIntegerField(label, null=True, blank=True, help_text=help_text)


class AnnualStatisticsQuerySet(models.QuerySet):
    def real(self):
        return self.exclude(source=Source.EXAMPLE)

    def examples(self):
        return self.filter(source=Source.EXAMPLE)


class AnnualStatistics(models.Model):
    """One municipality's arts-school figures for one school year. Every figure may be
    unknown (empty): imports often carry only some of them."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="annual_statistics",
    )
    arts_school = models.ForeignKey(
        "members.ArtsSchool",
        verbose_name=_("kulturskole"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annual_statistics",
        help_text=_(
            "Kulturskolen som rapporterte. En interkommunal kulturskole rapporterer i "
            "vertskommunen, med elever fra de andre kommunene i egen rubrikk."
        ),
    )
    school_year = models.PositiveSmallIntegerField(
        _("skoleår"),
        validators=[MinValueValidator(FIRST_SCHOOL_YEAR), MaxValueValidator(LAST_SCHOOL_YEAR)],
        help_text=_("Året skoleåret begynner, f.eks. 2023 for 2023–24. Tall per 1. oktober."),
    )

    # --- GSI: the core offer -----------------------------------------------------------
    pupils = _count(_("elever i kjernetilbudet"), _("Unike elever, per 1. oktober."))
    pupils_music = _count(_("elever i musikk"))
    pupils_visual_arts = _count(_("elever i visuell kunst"))
    pupils_theatre = _count(_("elever i teater"))
    pupils_dance = _count(_("elever i dans"))
    pupils_sami = _count(_("elever i samiske kulturfag"))
    pupils_other = _count(_("elever i andre fag"))
    waiting = _count(_("venteliste"), _("Søkere som ikke har fått plass."))
    waiting_music = _count(_("venteliste musikk"))
    waiting_visual_arts = _count(_("venteliste visuell kunst"))
    waiting_theatre = _count(_("venteliste teater"))
    waiting_dance = _count(_("venteliste dans"))
    waiting_sami = _count(_("venteliste samiske kulturfag"))
    waiting_other = _count(_("venteliste andre fag"))
    pupils_age_0_5 = _count(_("elever 0–5 år"))
    pupils_age_6_15 = _count(_("elever 6–15 år"))
    pupils_age_16_19 = _count(_("elever 16–19 år"))
    pupils_age_20_plus = _count(_("elever 20 år og eldre"))
    pupils_girls = _count(_("elever, jenter"))
    pupils_boys = _count(_("elever, gutter"))
    places = _count(_("elevplasser"), _("En elev kan ha plass i flere fag."))
    pupils_other_municipalities = _count(_("elever fra andre kommuner"))
    course_participants = _count(_("kursdeltakere"))
    teaching_hours = _count(_("undervisningstimer per uke"))
    full_time_equivalents = models.DecimalField(
        _("årsverk"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # --- Population and SSB's published share --------------------------------------------
    population_6_15 = _count(_("innbyggere 6–15 år"))
    ssb_share_6_15 = models.DecimalField(
        _("andel 6–15 år i kulturskolen (SSB, prosent)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("SSBs publiserte andel (KOSTRA), når den er importert."),
    )

    # --- NKR's own fields ------------------------------------------------------------------
    breadth_kulturkarusell = _count(_("deltakere i kulturkarusell"))
    breadth_sfo = _count(_("deltakere i tilbud i SFO"))
    breadth_school = _count(_("deltakere i samarbeid med skolen"))
    breadth_other = _count(_("deltakere i andre breddetilbud"))
    yearly_fee = _count(_("årlig elevbetaling (kr)"), _("For standardtilbudet, i hele kroner."))
    sibling_discount_percent = models.PositiveSmallIntegerField(
        _("søskenmoderasjon (prosent)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    free_places = _count(_("friplasser"))
    cooperates_kindergarten = models.BooleanField(
        _("samarbeid med barnehage"), null=True, blank=True
    )
    cooperates_sfo = models.BooleanField(_("samarbeid med SFO"), null=True, blank=True)
    cooperates_school = models.BooleanField(_("samarbeid med skolen"), null=True, blank=True)

    source = models.CharField(_("kilde"), max_length=10, choices=Source.choices)
    source_note = models.CharField(_("kildenotat"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endret av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AnnualStatisticsQuerySet.as_manager()

    class Meta:
        verbose_name = _("årsstatistikk")
        verbose_name_plural = _("årsstatistikk")
        ordering = ["municipality__number", "school_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "school_year"], name="one_statistics_per_school_year"
            ),
            models.CheckConstraint(
                name="statistics_share_in_range",
                condition=Q(ssb_share_6_15__isnull=True) | Q(ssb_share_6_15__lte=200),
                violation_error_message=_("Andelen kan ikke være over 200 prosent."),
            ),
        ]
        indexes = [models.Index(fields=["school_year"], name="statistics_year_idx")]

    def __str__(self):
        return f"{self.municipality} {school_year_label(self.school_year)}"

    def get_absolute_url(self):
        return reverse("statistics:municipality", kwargs={"number": self.municipality.number})

    @property
    def school_year_label(self):
        return school_year_label(self.school_year)


class FrameworkPlanAdoption(models.Model):
    """The municipality has politically adopted the Rammeplan for kulturskolen
    («Kulturskole for alle»), and when."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="framework_plan_adoption",
    )
    adopted_on = models.DateField(_("vedtatt dato"))
    decision_reference = models.CharField(
        _("vedtak"), max_length=200, blank=True, help_text=_("F.eks. kommunestyresak 45/23.")
    )
    source = models.CharField(_("kilde"), max_length=10, choices=Source.choices)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        verbose_name = _("vedtatt rammeplan")
        verbose_name_plural = _("vedtatte rammeplaner")
        ordering = ["adopted_on"]

    def __str__(self):
        return f"{self.municipality}: {self.adopted_on:%d.%m.%Y}"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Lastet opp")
    CHECKED = "checked", _("Prøvekjørt")
    FAILED = "failed", _("Avvist, ingenting endret")
    IMPORTED = "imported", _("Importert")


class Encoding(models.TextChoices):
    AUTO = "auto", _("Finn ut selv (UTF-8, ellers Windows-1252)")
    UTF8 = "utf-8", _("UTF-8")
    CP1252 = "cp1252", _("Windows-1252")


class StatisticsImport(models.Model):
    """A file uploaded for import, its column mapping and the last report. The file is
    kept until it is imported, so that the mapping can be tried several times."""

    file_name = models.CharField(_("filnavn"), max_length=200)
    content = models.BinaryField(_("innhold"))
    encoding = models.CharField(
        _("tegnkoding"), max_length=10, choices=Encoding.choices, default=Encoding.AUTO
    )
    mapping = models.JSONField(_("kolonnekobling"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    report = models.JSONField(_("rapport"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lastet opp"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lastet opp av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("importert"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistikkimport")
        verbose_name_plural = _("statistikkimporter")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("statistics:import_detail", kwargs={"pk": self.pk})
