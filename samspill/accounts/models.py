from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of SPEC.md. Scoped roles carry a municipality or an organisation."""

    ADMINISTRATOR = "administrator", _("Administrator")
    ADVISER = "adviser", _("Veileder/rådgiver")
    LEADER = "leader", _("Leder")
    BOARD_MEMBER = "board_member", _("Styremedlem")
    COORDINATOR = "coordinator", _("Kommunal koordinator")
    MUNICIPAL_MEMBER = "municipal_member", _("Medlem av kommunegruppe")
    PARTNER_CONTACT = "partner_contact", _("Kontaktperson hos partner")
    JURY_MEMBER = "jury_member", _("Jurymedlem")


#: Roles held by NKR's own staff and elected members; they see every municipality.
NKR_ROLES = {Role.ADMINISTRATOR, Role.ADVISER, Role.LEADER, Role.BOARD_MEMBER}
#: Roles scoped to exactly one municipality.
MUNICIPAL_ROLES = {Role.COORDINATOR, Role.MUNICIPAL_MEMBER}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("E-postadresse må oppgis.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with e-mail and password."""

    username = None
    email = models.EmailField(_("e-postadresse"), unique=True)
    role = models.CharField(_("rolle"), max_length=32, choices=Role.choices)
    municipality = models.ForeignKey(
        "members.Municipality",
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Kommunen en koordinator eller et medlem av kommunegruppen hører til."),
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisasjon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Partnerorganisasjonen en kontaktperson hos partner hører til."),
    )
    person = models.OneToOneField(
        "members.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.CheckConstraint(
                name="municipal_roles_have_municipality",
                condition=~Q(role__in=sorted(r.value for r in MUNICIPAL_ROLES))
                | Q(municipality__isnull=False),
                violation_error_message=_(
                    "En kommunal koordinator eller et medlem av kommunegruppen må ha en kommune."
                ),
            ),
            models.CheckConstraint(
                name="partner_contact_has_organisation",
                condition=~Q(role=Role.PARTNER_CONTACT) | Q(organisation__isnull=False),
                violation_error_message=_("En kontaktperson hos partner må ha en organisasjon."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_absolute_url(self):
        return reverse("accounts:profile")

    @property
    def is_nkr(self):
        """Staff and elected members of NKR, who work across all municipalities."""
        return self.is_superuser or self.role in NKR_ROLES

    @property
    def is_municipal(self):
        return self.role in MUNICIPAL_ROLES
