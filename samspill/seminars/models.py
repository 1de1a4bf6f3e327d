"""Dialogue seminars (seed 002): themes with numbered questions, groups that write their
answers as points in one box per theme, priorities, and the review queue of an import."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samspill.members.models import Municipality

#: Join codes avoid letters and digits that are easily confused (0/O, 1/I/L).
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: 8 characters of 31 give 31**8 ≈ 8.5e11 codes; with the rate limit guessing is hopeless.
JOIN_CODE_LENGTH = 8


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class Seminar(models.Model):
    """A dialogue seminar such as "Dialogseminar Fremtidens kulturskole", February 2023."""

    title = models.CharField(_("tittel"), max_length=200)
    slug = models.SlugField(_("kortnavn i adressen"), unique=True)
    starts_on = models.DateField(_("dato"))
    ends_on = models.DateField(_("til dato"), null=True, blank=True)
    places = models.TextField(
        _("steder og digitale rom"),
        blank=True,
        help_text=_("Ett sted eller rom per linje, f.eks. «Førde» eller «Digitalt rom 3»."),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("arrangører"),
        blank=True,
        related_name="organised_seminars",
    )
    join_code = models.CharField(
        _("deltakerkode"), max_length=JOIN_CODE_LENGTH, unique=True, default=new_join_code
    )
    is_locked = models.BooleanField(
        _("låst"), default=False, help_text=_("Et låst seminar er over; ingen kan skrive mer.")
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("kopiert fra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogseminar")
        verbose_name_plural = _("dialogseminarer")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                name="seminar_dates_in_order",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                violation_error_message=_("Seminaret kan ikke slutte før det begynner."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seminars:seminar_detail", kwargs={"slug": self.slug})


class Theme(models.Model):
    """A dialogue theme (dialogtema) with its introduction, questions and instructions."""

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="themes", verbose_name=_("seminar")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("tittel"), max_length=200)
    introduction = models.TextField(_("innledning"), blank=True)
    instructions = models.TextField(_("slik svarer dere"), blank=True)
    group_organisation = models.TextField(
        _("organisering av gruppen"),
        blank=True,
        help_text=_("F.eks. møteleder og tidtaker, skriver, en som holder dere på sporet."),
    )
    is_closed = models.BooleanField(_("stengt for skriving"), default=False)

    class Meta:
        verbose_name = _("dialogtema")
        verbose_name_plural = _("dialogtema")
        ordering = ["seminar", "number"]
        constraints = [
            models.UniqueConstraint(fields=["seminar", "number"], name="theme_number_once"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Question(models.Model):
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="questions", verbose_name=_("dialogtema")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("spørsmål"))

    class Meta:
        verbose_name = _("spørsmål")
        verbose_name_plural = _("spørsmål")
        ordering = ["theme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="question_number_once"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Group(models.Model):
    """A group of participants in a physical room or a digital breakout room."""

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="groups", verbose_name=_("seminar")
    )
    name = models.CharField(_("navn"), max_length=100)
    place = models.CharField(_("sted eller rom"), max_length=100, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("kommuner"), blank=True, related_name="seminar_groups"
    )
    municipalities_text = models.CharField(
        _("kommuner slik de ble skrevet"),
        max_length=500,
        blank=True,
        help_text=_("F.eks. «Sogndal, Luster, Førde»; kjente navn kobles til kommuneregisteret."),
    )

    class Meta:
        verbose_name = _("gruppe")
        verbose_name_plural = _("grupper")
        ordering = ["seminar", "name"]
        constraints = [
            models.UniqueConstraint(fields=["seminar", "name"], name="group_name_once"),
        ]

    def __str__(self):
        return self.name


class GroupRole(models.TextChoices):
    MEETING_LEADER = "meeting_leader", _("Møteleder og tidtaker")
    WRITER = "writer", _("Skriver")
    ON_TOPIC = "on_topic", _("Holder gruppen på sporet")
    MEMBER = "member", _("Deltaker")


class Participant(models.Model):
    """Someone who joined with the seminar's code, without an account."""

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="participants", verbose_name=_("seminar")
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("gruppe"),
    )
    name = models.CharField(_("navn"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminar_participants",
    )
    role = models.CharField(_("rolle i kommunen"), max_length=100, blank=True)
    group_role = models.CharField(
        _("rolle i gruppen"), max_length=20, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    joined_at = models.DateTimeField(_("ble med"), auto_now_add=True)

    class Meta:
        verbose_name = _("deltaker")
        verbose_name_plural = _("deltakere")
        ordering = ["seminar", "joined_at"]

    def __str__(self):
        return self.name or str(_("Deltaker"))


class PointQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)


class Point(models.Model):
    """One point in a group's box for a theme, usually under a question."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="points", verbose_name=_("gruppe")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="points", verbose_name=_("dialogtema")
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="points",
        verbose_name=_("spørsmål"),
    )
    text = models.TextField(_("punkt"))
    author = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="points",
        verbose_name=_("skrevet av"),
    )
    position = models.PositiveIntegerField(_("rekkefølge"), default=0)
    is_hidden = models.BooleanField(_("skjult"), default=False)
    hidden_reason = models.CharField(_("grunn til å skjule"), max_length=300, blank=True)
    imported = models.BooleanField(_("importert"), default=False)
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = PointQuerySet.as_manager()

    class Meta:
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")
        ordering = ["theme", "group", "question", "position", "pk"]
        indexes = [models.Index(fields=["theme", "updated_at"], name="point_theme_updated")]

    def __str__(self):
        return self.text[:60]


class Priority(models.Model):
    """A group's ranked priority (1–3) among its points for a question."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("gruppe")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("spørsmål")
    )
    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("punkt")
    )
    rank = models.PositiveSmallIntegerField(
        _("prioritet"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True)

    class Meta:
        verbose_name = _("prioritering")
        verbose_name_plural = _("prioriteringer")
        ordering = ["question", "group", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "question", "rank"], name="priority_rank_once"
            ),
            models.UniqueConstraint(
                fields=["group", "question", "point"], name="priority_point_once"
            ),
            models.CheckConstraint(
                name="priority_rank_1_to_3",
                condition=Q(rank__gte=1, rank__lte=3),
                violation_error_message=_("Prioriteten må være 1, 2 eller 3."),
            ),
        ]

    def __str__(self):
        return f"{self.group} – {self.rank}: {self.point}"


class DotVote(models.Model):
    """Dots a group gives in plenary to points across groups (a set number per group)."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="dot_votes", verbose_name=_("gruppe")
    )
    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, related_name="dot_votes", verbose_name=_("punkt")
    )
    dots = models.PositiveSmallIntegerField(_("prikker"), default=1)

    class Meta:
        verbose_name = _("prikkstemme")
        verbose_name_plural = _("prikkstemmer")
        constraints = [
            models.UniqueConstraint(fields=["group", "point"], name="dot_vote_once"),
        ]

    def __str__(self):
        return f"{self.group}: {self.dots} × {self.point}"


class UnplacedPost(models.Model):
    """Imported text that could not be placed in a group's box: the organiser places it."""

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="unplaced", verbose_name=_("seminar")
    )
    text = models.TextField(_("tekst"))
    reason = models.CharField(_("hvorfor den ikke ble plassert"), max_length=300)
    group_hint = models.CharField(_("gruppe (gjetning)"), max_length=100, blank=True)
    theme_hint = models.PositiveSmallIntegerField(_("dialogtema (gjetning)"), null=True, blank=True)
    placed_as = models.ForeignKey(
        Point,
        verbose_name=_("plassert som"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("importert"), auto_now_add=True)

    class Meta:
        verbose_name = _("uplassert innlegg")
        verbose_name_plural = _("uplasserte innlegg")
        ordering = ["seminar", "pk"]

    def __str__(self):
        return self.text[:60]


class ModerationEntry(models.Model):
    """What an organiser did to a point (hidden, moved, shown again): never a silent change."""

    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, related_name="moderation", verbose_name=_("punkt")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utført av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    text = models.CharField(_("hendelse"), max_length=500)

    class Meta:
        verbose_name = _("moderering")
        verbose_name_plural = _("moderering")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return self.text


# --- Synthesis: topics across the groups' points (issue 5) -----------------------------


class Analysis(models.Model):
    """One run of the topic analysis of a seminar, done by the task worker. The latest
    finished run gives the machine's topics; the organiser's decisions live on the
    topics and their points and survive the next run."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Analyserer")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Feilet")

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="analyses", verbose_name=_("seminar")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.FloatField(_("framdrift"), default=0)
    point_count = models.PositiveIntegerField(_("punkter"), default=0)
    topic_count = models.PositiveIntegerField(_("temaer"), default=0)
    error = models.TextField(_("feil"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("startet av"),
    )
    created_at = models.DateTimeField(_("startet"), auto_now_add=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)

    class Meta:
        verbose_name = _("temaanalyse")
        verbose_name_plural = _("temaanalyser")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.seminar} – {self.get_status_display()}"

    @property
    def is_active(self):
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class Topic(models.Model):
    """A recurring topic: proposed by the machine or made by the organiser (a split, or
    a new topic for hand tags). Deleted and merged topics are kept, marked, so that the
    next run recognises them and does not bring them back."""

    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, related_name="topics", verbose_name=_("seminar")
    )
    label = models.CharField(_("navn"), max_length=200)
    machine_label = models.CharField(_("maskinens navn"), max_length=200, blank=True)
    words = models.JSONField(_("kjennetegnende ord"), default=list, blank=True)
    is_manual = models.BooleanField(_("laget av arrangøren"), default=False)
    is_deleted = models.BooleanField(_("slettet"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("slått sammen med"),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("tema i sammenfatningen")
        verbose_name_plural = _("temaer i sammenfatningen")
        ordering = ["seminar", "label", "pk"]

    def __str__(self):
        return self.label

    @property
    def is_renamed(self):
        return not self.is_manual and self.label != self.machine_label


class TopicPoint(models.Model):
    """A point's place in a topic: put there by the machine (replaced by each run), tagged
    there by hand, or taken out by hand (the machine may not put it back)."""

    class Source(models.TextChoices):
        MACHINE = "machine", _("maskinen")
        TAGGED = "tagged", _("lagt til for hånd")
        REMOVED = "removed", _("tatt ut for hånd")

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("tema")
    )
    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, related_name="topic_memberships", verbose_name=_("punkt")
    )
    source = models.CharField(_("kilde"), max_length=10, choices=Source.choices)
    rank = models.PositiveIntegerField(
        _("rekkefølge"), default=0, help_text=_("Hvor godt punktet viser temaet; 0 er best.")
    )

    class Meta:
        verbose_name = _("punkt i tema")
        verbose_name_plural = _("punkter i tema")
        ordering = ["topic", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "point", "source"], name="topic_point_once_per_source"
            )
        ]

    def __str__(self):
        return f"{self.topic}: {self.point}"
