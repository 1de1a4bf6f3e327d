"""Turns a parsed Padlet board (`padlet.Board`) into the seminar's records.

All or nothing: the import runs in one transaction. Every post ends up either as points
in a group's box or in the review queue (`UnplacedPost`), where an organiser places it.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import padlet
from .models import Group, Point, Question, Theme, UnplacedPost


@dataclass
class ImportSummary:
    groups: int
    themes: int
    questions: int
    answers: int
    unplaced: int

    def __str__(self):
        return _(
            "Importert: %(groups)s grupper, %(themes)s dialogtema, %(questions)s spørsmål, "
            "%(answers)s svar, %(unplaced)s uplasserte innlegg."
        ) % vars(self)


def _group_for(seminar, groups, post):
    """The group a post belongs to, by the parser's rule: same place and number, and a
    name equal up to a typo ("AskØyarden" = "AskØygarden"). "Gruppe 2" in Oslo and in
    Trondheim are two groups, named "Gruppe 2 (Oslo)" and "Gruppe 2 (Trondheim)"."""
    name, place = post.group_name.casefold(), post.place_or_room.casefold()
    for other_name, other_place, group in groups:
        if padlet.same_group(name, place, other_name, other_place):
            return group
    label = post.group_name
    if post.place_or_room not in ("", post.group_name):
        label = f"{post.group_name} ({post.place_or_room})"
    group, _created = Group.objects.get_or_create(
        seminar=seminar,
        name=label[:100],
        defaults={
            "place": post.place_or_room[:100],
            "municipalities_text": ", ".join(post.municipalities)[:500],
        },
    )
    groups.append((name, place, group))
    return group


def _link_municipalities(group, names):
    from .services import municipalities_from_text

    found, _unknown = municipalities_from_text(", ".join(names))
    if found:
        group.municipalities.add(*found)


def unreadable_csv(error):
    """What the organiser is told when a Padlet CSV cannot be read at all."""
    return _("Filen kan ikke leses som CSV (%(reason)s).") % {"reason": error}


@transaction.atomic
def seminar_import_board(*, seminar, board):
    if Point.objects.filter(theme__seminar=seminar, imported=True).exists():
        raise ValidationError(
            _("Seminaret har allerede importerte svar. Importer til et nytt seminar i stedet.")
        )
    themes = {}
    questions = {}
    for parsed in board.themes:
        theme, _created = Theme.objects.get_or_create(
            seminar=seminar,
            number=parsed.number,
            defaults={
                "title": parsed.title[:200],
                "introduction": parsed.introduction,
                "instructions": parsed.instructions,
                "group_organisation": parsed.group_organisation,
            },
        )
        themes[parsed.number] = theme
        for parsed_question in parsed.questions:
            question, _created = Question.objects.get_or_create(
                theme=theme, number=parsed_question.number, defaults={"text": parsed_question.text}
            )
            questions[(parsed.number, parsed_question.number)] = question

    groups = []  # (name, place, Group) as the parser compares them
    answers = 0
    unplaced = 0
    for post in board.posts:
        theme = themes.get(post.theme_number)
        if theme is None or not post.group_name:
            UnplacedPost.objects.create(
                seminar=seminar,
                text=post.raw,
                reason=_("Innlegget nevner ikke et kjent dialogtema eller en gruppe."),
                group_hint=(post.group_name or "")[:100],
                theme_hint=post.theme_number,
            )
            unplaced += 1
            continue
        group = _group_for(seminar, groups, post)
        _link_municipalities(group, post.municipalities)
        position = 0
        for answer in post.answers:
            question = questions.get((post.theme_number, answer.question_number))
            for text in answer.points:
                position += 1
                Point.objects.create(
                    group=group,
                    theme=theme,
                    question=question,
                    text=text,
                    position=position,
                    imported=True,
                )
                answers += 1
    for item in board.unplaced:
        UnplacedPost.objects.create(
            seminar=seminar,
            text=item.raw,
            reason=item.reason[:300],
            group_hint=item.group_name[:100],
            theme_hint=item.theme_number,
        )
        unplaced += 1
    return ImportSummary(
        groups=len(groups),
        themes=len(themes),
        questions=len(questions),
        answers=answers,
        unplaced=unplaced,
    )
