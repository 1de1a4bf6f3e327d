"""Every write in dialogue seminars that touches more than one row or encodes a rule.

Keyword-only, atomic, `full_clean()` before save. Shared file: append new services at the
end of the file.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samspill.members.models import Municipality

from .models import (
    DotVote,
    Group,
    GroupRole,
    ModerationEntry,
    Participant,
    Point,
    Priority,
    Question,
    Seminar,
    Theme,
    new_join_code,
)

# --- Set-up by organisers (helper S) --------------------------------------------------

#: Slugs taken by the seminar area's own addresses (/seminar/ny/, /seminar/delta/).
RESERVED_SLUGS = frozenset({"ny", "delta"})


#: slugify() drops letters without an ASCII form; "Førde" should become "forde", not "frde".
_NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def unique_slug(base, *, exclude_pk=None):
    """A free seminar slug made from `base`: "fremtidens-2026", then "-2", "-3", ..."""
    root = slugify(str(base).translate(_NORWEGIAN_LETTERS))[:44].strip("-") or "seminar"
    taken = Seminar.objects.exclude(pk=exclude_pk) if exclude_pk else Seminar.objects.all()
    candidate, counter = root, 1
    while candidate in RESERVED_SLUGS or taken.filter(slug=candidate).exists():
        counter += 1
        candidate = f"{root}-{counter}"
    return candidate


def _new_unique_join_code():
    while True:
        code = new_join_code()
        if not Seminar.objects.filter(join_code=code).exists():
            return code


def _check_slug(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            {
                "slug": _("«%(slug)s» brukes av Samspill selv. Velg et annet kortnavn.")
                % {"slug": slug}
            }
        )


@transaction.atomic
def seminar_create(
    *, title, starts_on, slug="", ends_on=None, places="", organisers=(), actor=None
) -> Seminar:
    """A new seminar with a fresh join code. Without a slug one is made from the title;
    the organiser who creates it is among its organisers."""
    slug = slug or unique_slug(title)
    _check_slug(slug)
    seminar = Seminar(
        title=title,
        slug=slug,
        starts_on=starts_on,
        ends_on=ends_on,
        places=_clean_lines(places),
        join_code=_new_unique_join_code(),
    )
    seminar.full_clean()
    seminar.save()
    people = set(organisers)
    if actor is not None and actor.is_authenticated:
        people.add(actor)
    seminar.organisers.set(people)
    return seminar


@transaction.atomic
def seminar_update(
    *, seminar, title, starts_on, slug="", ends_on=None, places="", organisers=()
) -> Seminar:
    seminar.title = title
    seminar.slug = slug or unique_slug(title, exclude_pk=seminar.pk)
    _check_slug(seminar.slug)
    seminar.starts_on = starts_on
    seminar.ends_on = ends_on
    seminar.places = _clean_lines(places)
    seminar.full_clean()
    seminar.save()
    seminar.organisers.set(organisers)
    return seminar


def _clean_lines(text):
    """One place or room per line, without blank lines or stray spaces."""
    return "\n".join(line.strip() for line in str(text or "").splitlines() if line.strip())


@transaction.atomic
def seminar_copy(*, seminar, actor) -> Seminar:
    """The seminar as the template for the next: "Kopi av …" with the same places,
    organisers, themes, questions and instructions, a new slug and join code, and no
    groups, participants or points. The organiser sets the new date and title."""
    copy = Seminar(
        title=_("Kopi av %(title)s") % {"title": seminar.title},
        slug=unique_slug(f"{seminar.slug}-kopi"),
        starts_on=seminar.starts_on,
        ends_on=seminar.ends_on,
        places=seminar.places,
        join_code=_new_unique_join_code(),
        copied_from=seminar,
    )
    copy.title = copy.title[: Seminar._meta.get_field("title").max_length]
    copy.full_clean()
    copy.save()
    organisers = set(seminar.organisers.all())
    if actor is not None and actor.is_authenticated:
        organisers.add(actor)
    copy.organisers.set(organisers)
    themes_copy(source=seminar, target=copy)
    return copy


def themes_copy(*, source, target):
    """`source`'s themes with their questions and instructions, added to `target`."""
    for theme in source.themes.prefetch_related("questions"):
        new_theme = Theme.objects.create(
            seminar=target,
            number=theme.number,
            title=theme.title,
            introduction=theme.introduction,
            instructions=theme.instructions,
            group_organisation=theme.group_organisation,
        )
        Question.objects.bulk_create(
            Question(theme=new_theme, number=question.number, text=question.text)
            for question in theme.questions.all()
        )


# --- Municipalities typed as free text ------------------------------------------------

_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
_LABEL = re.compile(r"^\s*(?:kommun(?:e|er|ar|ene|ane)|deltakarar|deltakere)\s*:\s*", re.I)
_SUFFIX = re.compile(r"\s+(?:kommune|kommunar|kommuner|k\.)\s*$", re.I)
_SEPARATORS = re.compile(r"[,;/\n\r\t+]+|\s&\s")
_AND = re.compile(r"\s+(?:og|and|&)\s+", re.I)


def _key(name):
    """Case, dashes, brackets and extra spaces do not matter: "Aurskog-Høland" and
    "aurskog  høland" are the same name."""
    text = _DASHES.sub(" ", str(name)).replace("(", " ").replace(")", " ").replace(".", " ")
    return " ".join(text.casefold().split())


def _loose_key(name):
    """Also without diacritics ("Karasjohka" for "Kárášjohka"), keeping å, æ and ø."""
    key = _key(name).replace("å", "\0")
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c)
    )
    return stripped.replace("\0", "å")


class MunicipalityNames:
    """The names of the municipalities valid from 2024, as people write them: the
    Norwegian name, the official name with parallel Sami and Kven names, each parallel
    name, and "Name (County)" for the two names held by two municipalities (Herøy,
    Våler). Historical names (Førde, merged into Sunnfjord in 2020) are not known."""

    def __init__(self, municipalities=None):
        if municipalities is None:
            municipalities = Municipality.objects.select_related("county")
        self.exact, self.loose = {}, {}
        for municipality in municipalities:
            names = {municipality.name, municipality.official_name}
            names.update(p.strip() for p in municipality.parallel_names.split(";") if p.strip())
            names.add(f"{municipality.name} ({municipality.county.name})")
            for name in names:
                self.exact.setdefault(_key(name), set()).add(municipality)
                self.loose.setdefault(_loose_key(name), set()).add(municipality)

    def find(self, name):
        """The one municipality `name` names, or None (unknown or ambiguous)."""
        name = _SUFFIX.sub("", _LABEL.sub("", name or "")).strip(" .:")
        if not name:
            return None
        found = self.exact.get(_key(name)) or self.loose.get(_loose_key(name)) or set()
        return next(iter(found)) if len(found) == 1 else None

    def parse(self, text):
        """`(municipalities, unknown)` for a list typed as free text."""
        found, unknown = [], []
        for chunk in _SEPARATORS.split(_LABEL.sub("", text or "")):
            chunk = chunk.strip(" .:")
            if not chunk:
                continue
            # "Nore og Uvdal" is one municipality and "Kautokeino og Karasjok" two:
            # take the longest run of parts joined by "og" that names one.
            parts = [part for part in _AND.split(chunk) if part.strip()]
            start = 0
            while start < len(parts):
                for end in range(len(parts), start, -1):
                    candidate = " og ".join(parts[start:end])
                    municipality = self.find(candidate)
                    if municipality is not None:
                        if municipality not in found:
                            found.append(municipality)
                        start = end
                        break
                else:
                    name = " ".join(parts[start].split()).strip(" .:")
                    if name and name not in unknown:
                        unknown.append(name)
                    start += 1
        return found, unknown

    def choices(self):
        """One name per municipality for a suggestion list: "Herøy (Nordland)" for the
        names two municipalities share."""
        shared = {key for key, found in self.exact.items() if len(found) > 1}
        names = []
        for found in self.exact.values():
            for municipality in found:
                label = municipality.name
                if _key(label) in shared:
                    label = f"{municipality.name} ({municipality.county.name})"
                names.append(label)
        return sorted(set(names), key=_key)


def municipalities_from_text(text):
    """Match a list like "Sogndal, Luster, Førde" or "Kautokeino og Karasjok" against the
    municipality register: returns `(list[Municipality], list[str] unknown)`.

    Case, commas, "og", "&", extra spaces, a leading "Kommunar:" and a trailing "kommune"
    do not matter; parallel names count ("Guovdageaidnu"). Names that are not
    municipalities today (Førde, since 2020 part of Sunnfjord) come back as unknown text
    in the order they were written."""
    return MunicipalityNames().parse(text)


def municipality_from_name(name):
    """The municipality one typed name means, or None when unknown or ambiguous."""
    return MunicipalityNames().find(name)


# --- Joining without an account (helper J) --------------------------------------------


def _check_open(seminar):
    if seminar.is_locked:
        raise ValidationError(_("Seminaret er avsluttet. Det går ikke lenger an å bli med."))


@transaction.atomic
def group_create(*, seminar, name, place="", municipalities_text="") -> tuple[Group, list[str]]:
    """A group a participant creates when joining. The municipalities are kept as typed
    and linked to the register where the names are known; returns the group and the
    names that were not recognised."""
    _check_open(seminar)
    name = " ".join(name.split())
    if Group.objects.filter(seminar=seminar, name__iexact=name).exists():
        raise ValidationError(
            {
                "new_group_name": _("Det finnes allerede en gruppe som heter «%(name)s».")
                % {"name": name}
            }
        )
    group = Group(
        seminar=seminar,
        name=name,
        place=place.strip(),
        municipalities_text=" ".join(municipalities_text.split()),
    )
    group.full_clean()
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as error:  # someone created the same group a moment ago
        raise ValidationError(
            {
                "new_group_name": _("Det finnes allerede en gruppe som heter «%(name)s».")
                % {"name": name}
            }
        ) from error
    municipalities, unknown = municipalities_from_text(group.municipalities_text)
    group.municipalities.set(municipalities)
    return group, unknown


@transaction.atomic
def participant_join(
    *,
    seminar,
    group,
    name="",
    municipality=None,
    role="",
    group_role=GroupRole.MEMBER,
    participant=None,
) -> Participant:
    """Join `group` of `seminar`, or change the group and details of a `participant`
    who has joined before from the same browser. The participant's municipality counts
    among the municipalities the group represents."""
    _check_open(seminar)
    if group.seminar_id != seminar.pk:
        raise ValidationError(_("Gruppen hører ikke til dette seminaret."))
    if participant is None or participant.seminar_id != seminar.pk:
        participant = Participant(seminar=seminar)
    participant.group = group
    participant.name = name.strip()
    participant.municipality = municipality
    participant.role = role.strip()
    participant.group_role = group_role or GroupRole.MEMBER
    participant.full_clean()
    participant.save()
    if municipality is not None:
        group.municipalities.add(municipality)
    return participant


# --- The board, priorities and moderation (helper B) ----------------------------------

#: Dots each group gives to other groups' priorities in the plenary dot vote.
DOTS_PER_GROUP = 3
#: A group ranks at most this many of its points for a question (Pri 1, 2, 3).
MAX_PRIORITIES = 3


def _check_writable(theme):
    """Writing stops when the seminar is locked or the theme is closed."""
    if theme.seminar.is_locked:
        raise ValidationError(_("Seminaret er låst. Det går ikke an å skrive mer."))
    if theme.is_closed:
        raise ValidationError(_("Dette dialogtemaet er stengt for skriving."))


def _check_not_locked(seminar):
    if seminar.is_locked:
        raise ValidationError(_("Seminaret er låst. Det går ikke an å endre mer."))


def _next_position(*, group, theme, question):
    last = Point.objects.filter(group=group, theme=theme, question=question).aggregate(
        last=Max("position")
    )["last"]
    return (last or 0) + 1


@transaction.atomic
def point_create(*, group, theme, text, question=None, author=None) -> Point:
    """A new point in the group's box for `theme`, under `question`. Each point is its own
    row, so group members writing at the same time never overwrite each other."""
    _check_writable(theme)
    if group.seminar_id != theme.seminar_id:
        raise ValidationError(_("Gruppen hører ikke til dette seminaret."))
    if question is not None and question.theme_id != theme.pk:
        raise ValidationError(_("Spørsmålet hører ikke til dette dialogtemaet."))
    point = Point(
        group=group,
        theme=theme,
        question=question,
        text=(text or "").strip(),
        author=author,
        position=_next_position(group=group, theme=theme, question=question),
    )
    point.full_clean()
    point.save()
    return point


@transaction.atomic
def point_update(*, point, text) -> Point:
    """A group member corrects the text of one of the group's points."""
    _check_writable(point.theme)
    if point.is_hidden:
        raise ValidationError(_("Punktet er skjult av arrangøren og kan ikke endres."))
    point.text = (text or "").strip()
    point.full_clean()
    point.save()
    return point


@transaction.atomic
def point_hide(*, point, reason, actor) -> Point:
    """Hide a point from the board. It stays in the database and in the organisers' view,
    and the moderation log says who hid it and why."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor punktet skjules.")})
    point.is_hidden = True
    point.hidden_reason = reason
    point.full_clean()
    point.save()
    ModerationEntry.objects.create(
        point=point, actor=actor, text=_("Skjult: %(reason)s") % {"reason": reason}
    )
    return point


@transaction.atomic
def point_show(*, point, actor) -> Point:
    """Show a hidden point again; logged like the hiding."""
    if not point.is_hidden:
        raise ValidationError(_("Punktet er ikke skjult."))
    point.is_hidden = False
    point.hidden_reason = ""
    point.full_clean()
    point.save()
    ModerationEntry.objects.create(point=point, actor=actor, text=_("Vist igjen"))
    return point


def _place(group, question, theme):
    if question is None:
        return _("«%(group)s», tema %(theme)s, uten spørsmål") % {
            "group": group.name,
            "theme": theme.number,
        }
    return _("«%(group)s», tema %(theme)s, spørsmål %(question)s") % {
        "group": group.name,
        "theme": theme.number,
        "question": question.number,
    }


@transaction.atomic
def point_move(*, point, group, question, actor) -> Point:
    """Move a point to another group's box or another question (of any theme in the
    seminar). The group's priorities that pointed at it no longer fit and are removed;
    the moderation log says where it came from and where it went."""
    seminar_id = point.theme.seminar_id
    if group.seminar_id != seminar_id:
        raise ValidationError({"group": _("Gruppen hører ikke til dette seminaret.")})
    theme = point.theme
    if question is not None:
        if question.theme.seminar_id != seminar_id:
            raise ValidationError({"question": _("Spørsmålet hører ikke til dette seminaret.")})
        theme = question.theme
    if group.pk == point.group_id and (question.pk if question else None) == point.question_id:
        raise ValidationError(_("Punktet står allerede der."))
    before = _place(point.group, point.question, point.theme)
    removed, _details = Priority.objects.filter(point=point).delete()
    point.group = group
    point.question = question
    point.theme = theme
    point.position = _next_position(group=group, theme=theme, question=question)
    point.full_clean()
    point.save()
    text = _("Flyttet fra %(before)s til %(after)s.") % {
        "before": before,
        "after": _place(group, question, theme),
    }
    if removed:
        text += " " + _("Prioriteringen av punktet ble fjernet.")
    ModerationEntry.objects.create(point=point, actor=actor, text=text[:500])
    return point


@transaction.atomic
def theme_close(*, theme, closed) -> Theme:
    """Close a theme for writing (or open it again). Priorities can still be set."""
    theme.is_closed = bool(closed)
    theme.full_clean()
    theme.save(update_fields=["is_closed"])
    return theme


@transaction.atomic
def seminar_lock(*, seminar, locked) -> Seminar:
    """Lock a seminar that is over: nobody writes, prioritises or votes any more."""
    seminar.is_locked = bool(locked)
    seminar.full_clean()
    seminar.save(update_fields=["is_locked"])
    return seminar


def _lock_group(group):
    """Serialise the writes of one group's members (priorities, dots) on its row."""
    Group.objects.select_for_update().filter(pk=group.pk).first()


@transaction.atomic
def priorities_submit(*, group, question, point_ids_in_rank_order) -> list[Priority]:
    """The group's 1–3 most important points for `question`, most important first.
    Replaces what the group submitted before; allowed while the theme is closed for
    writing, not once the seminar is locked."""
    ids = [int(pk) for pk in point_ids_in_rank_order]
    theme = question.theme
    _check_not_locked(theme.seminar)
    if group.seminar_id != theme.seminar_id:
        raise ValidationError(_("Gruppen hører ikke til dette seminaret."))
    if not 1 <= len(ids) <= MAX_PRIORITIES:
        raise ValidationError(_("Velg fra ett til tre punkter."))
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Et punkt kan bare ha én prioritet."))
    _lock_group(group)
    found = set(
        Point.objects.visible()
        .filter(pk__in=ids, group=group, question=question)
        .values_list("pk", flat=True)
    )
    if found != set(ids):
        raise ValidationError(_("Bare gruppens egne punkter til dette spørsmålet kan prioriteres."))
    Priority.objects.filter(group=group, question=question).delete()
    now = timezone.now()
    priorities = []
    for rank, point_id in enumerate(ids, start=1):
        priority = Priority(
            group=group, question=question, point_id=point_id, rank=rank, submitted_at=now
        )
        priority.full_clean()
        priority.save()
        priorities.append(priority)
    return priorities


@transaction.atomic
def dot_votes_submit(*, group, question, dots_by_point_id) -> list[DotVote]:
    """The group's dots in the plenary vote on `question`: at most `DOTS_PER_GROUP` in
    all, given to points that OTHER groups submitted as priorities. Replaces the group's
    earlier dots for the question."""
    theme = question.theme
    _check_not_locked(theme.seminar)
    if group.seminar_id != theme.seminar_id:
        raise ValidationError(_("Gruppen hører ikke til dette seminaret."))
    wanted = {int(pk): int(dots) for pk, dots in dots_by_point_id.items() if int(dots)}
    if any(dots < 0 for dots in wanted.values()):
        raise ValidationError(_("Antall prikker kan ikke være negativt."))
    if sum(wanted.values()) > DOTS_PER_GROUP:
        raise ValidationError(
            _("Hver gruppe har %(dots)s prikker å gi.") % {"dots": DOTS_PER_GROUP}
        )
    _lock_group(group)
    prioritised = Priority.objects.filter(question=question, submitted_at__isnull=False)
    candidates = set(prioritised.exclude(group=group).values_list("point_id", flat=True))
    if not set(wanted) <= candidates:
        raise ValidationError(
            _("Dere kan bare gi prikker til punkter som andre grupper har prioritert.")
        )
    DotVote.objects.filter(
        group=group, point_id__in=Priority.objects.filter(question=question).values("point_id")
    ).delete()
    votes = []
    for point_id, dots in sorted(wanted.items()):
        vote = DotVote(group=group, point_id=point_id, dots=dots)
        vote.full_clean()
        vote.save()
        votes.append(vote)
    return votes
