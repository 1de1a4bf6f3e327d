"""The register every other area builds on: counties, municipalities, NKR's regions,
arts schools, partner organisations, people and NKR's staff units."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

four_digits = RegexValidator(r"^\d{4}$", _("Kommunenummer har fire sifre, f.eks. 0301."))
two_digits = RegexValidator(r"^\d{2}$", _("Fylkesnummer har to sifre, f.eks. 03."))


class WrittenStandard(models.TextChoices):
    BOKMAL = "bokmal", _("Bokmål")
    NYNORSK = "nynorsk", _("Nynorsk")
    NEUTRAL = "neutral", _("Nøytral")


class County(models.Model):
    """A county (fylke) valid from 1 January 2024."""

    number = models.CharField(_("fylkesnummer"), max_length=2, unique=True, validators=[two_digits])
    name = models.CharField(_("navn"), max_length=100)
    official_name = models.CharField(
        _("offisielt navn"), max_length=200, help_text=_("Med parallelle samiske og kvenske navn.")
    )
    population = models.PositiveIntegerField(_("folketall 1.1.2024"), default=0)
    is_member = models.BooleanField(_("medlem"), default=False)

    class Meta:
        verbose_name = _("fylke")
        verbose_name_plural = _("fylker")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"


class MunicipalityQuerySet(models.QuerySet):
    def members(self):
        return self.filter(is_member=True)

    def search(self, text):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(number__startswith=text) | Q(name__icontains=text) | Q(parallel_names__icontains=text)
        )


class Municipality(models.Model):
    """A municipality (kommune) valid from 1 January 2024, with its official number."""

    number = models.CharField(
        _("kommunenummer"), max_length=4, unique=True, validators=[four_digits]
    )
    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Det norske navnet, f.eks. Kautokeino.")
    )
    official_name = models.CharField(
        _("offisielt navn"),
        max_length=200,
        help_text=_("SSBs navn med parallelle navn, f.eks. Guovdageaidnu - Kautokeino."),
    )
    parallel_names = models.CharField(_("parallelle navn"), max_length=200, blank=True)
    county = models.ForeignKey(
        County, verbose_name=_("fylke"), on_delete=models.PROTECT, related_name="municipalities"
    )
    administrative_centre = models.CharField(_("administrasjonssenter"), max_length=100, blank=True)
    written_standard = models.CharField(
        _("målform"), max_length=10, choices=WrittenStandard.choices, blank=True
    )
    area_km2 = models.DecimalField(_("areal (km²)"), max_digits=9, decimal_places=2, null=True)
    population = models.PositiveIntegerField(_("folketall 1.1.2024"), default=0)
    is_member = models.BooleanField(_("medlem av Kulturskolerådet"), default=False)
    member_since = models.DateField(_("medlem siden"), null=True, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"

    def get_absolute_url(self):
        return reverse("members:municipality_detail", kwargs={"number": self.number})


class Region(models.Model):
    """One of NKR's regions (fylkesavdeling with a regional board) and the counties it covers."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), unique=True)
    counties = models.ManyToManyField(
        County, verbose_name=_("fylker"), related_name="regions", blank=True
    )
    email = models.EmailField(_("e-post"), blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:region_detail", kwargs={"slug": self.slug})

    def current_development_area(self, on_date):
        return (
            self.development_areas.filter(period_start__lte=on_date)
            .filter(Q(period_end__isnull=True) | Q(period_end__gte=on_date))
            .order_by("-period_start")
            .first()
        )


class DevelopmentArea(models.Model):
    """The development area (utviklingsområde) a region adopts for its board period."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="development_areas",
    )
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    period_start = models.DateField(_("styreperiode fra"))
    period_end = models.DateField(_("styreperiode til"), null=True, blank=True)

    class Meta:
        verbose_name = _("utviklingsområde")
        verbose_name_plural = _("utviklingsområder")
        ordering = ["region", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period_start"], name="one_development_area_per_period"
            ),
            models.CheckConstraint(
                name="development_area_period_in_order",
                condition=Q(period_end__isnull=True) | Q(period_end__gte=models.F("period_start")),
                violation_error_message=_("Styreperioden kan ikke slutte før den begynner."),
            ),
        ]

    def __str__(self):
        return f"{self.region}: {self.title}"


class OrganisationKind(models.TextChoices):
    NKR = "nkr", _("Norsk kulturskoleråd")
    GOVERNMENT_AGENCY = "government_agency", _("Statlig etat")
    INTEREST_ORGANISATION = "interest_organisation", _("Interesseorganisasjon")
    UNIVERSITY = "university", _("Universitet eller høgskole")
    FOUNDATION = "foundation", _("Stiftelse")
    COMPANY = "company", _("Selskap")
    OTHER = "other", _("Annet")


class Organisation(models.Model):
    """A partner organisation, and NKR itself."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnavn"), max_length=50, blank=True)
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationKind.choices)
    organisation_number = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True)
    website = models.URLField(_("nettsted"), blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:organisation_detail", kwargs={"pk": self.pk})


class ArtsSchool(models.Model):
    """A municipal arts school (kulturskole); an inter-municipal school serves several."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("kommuner"), related_name="arts_schools"
    )
    leader = models.ForeignKey(
        "Person",
        verbose_name=_("kulturskoleleder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_arts_schools",
    )
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    website = models.URLField(_("nettsted"), blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kulturskole")
        verbose_name_plural = _("kulturskoler")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_inter_municipal(self):
        return self.municipalities.count() > 1


class Person(models.Model):
    """Someone NKR works with: staff, municipal contacts, partner contacts."""

    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("etternavn"), max_length=100)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasjon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="person_email_unique"
            )
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("members:person_detail", kwargs={"pk": self.pk})

    @property
    def full_name(self):
        return str(self)


class Position(models.Model):
    """A position a person holds: kulturskoleleder, kommunalsjef, rektor, rådgiver ..."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("stilling"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="positions",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasjon"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="positions",
    )
    start_date = models.DateField(_("fra"), null=True, blank=True)
    end_date = models.DateField(_("til"), null=True, blank=True)

    class Meta:
        verbose_name = _("stilling")
        verbose_name_plural = _("stillinger")
        ordering = ["person", "title"]

    def __str__(self):
        where = self.municipality or self.organisation
        return f"{self.title}, {where}" if where else self.title


class StaffUnitKind(models.TextChoices):
    LEADERSHIP = "leadership", _("Ledergruppe")
    OPERATIVE = "operative", _("Operativt fellesskap")
    COMPETENCE_COMMUNITY = "competence_community", _("Kompetansefellesskap")


class StaffUnit(models.Model):
    """NKR's leadership group, operative communities and competence communities [004]."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), unique=True)
    kind = models.CharField(_("type"), max_length=32, choices=StaffUnitKind.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("enhet i administrasjonen")
        verbose_name_plural = _("enheter i administrasjonen")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:staff_unit_detail", kwargs={"slug": self.slug})


class StaffUnitMembership(models.Model):
    unit = models.ForeignKey(
        StaffUnit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="staff_memberships",
    )
    is_leader = models.BooleanField(_("leder"), default=False)
    role_description = models.CharField(_("rolle"), max_length=200, blank=True)
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regionansvar"),
        blank=True,
        related_name="staff_memberships",
    )

    class Meta:
        verbose_name = _("medlemskap i enhet")
        verbose_name_plural = _("medlemskap i enheter")
        ordering = ["unit", "-is_leader", "person"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "person"], name="one_membership_per_unit")
        ]

    def __str__(self):
        return f"{self.person} – {self.unit}"
