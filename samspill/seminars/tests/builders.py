"""Build seminar board state for tests: a seminar as in seed 002 (two themes with their
questions), groups, participants, and a test client that has joined as a participant."""

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from samspill.seminars import services
from samspill.seminars.models import Group, Participant, Question, Seminar, Theme
from samspill.seminars.views import join_participant

THEMES = [
    (
        1,
        "Gruppeoppgaver",
        "I Meld. St. 18 (2020–2021) Oppleve, skape, dele legger regjeringen frem tiltak for "
        "bedre kulturskolen.",
        [
            "På hvilke områder kan kulturskolen og skolen samarbeide? Hva skal til for å få "
            "til dette?",
            "På hvilke områder kan kulturskolen og SFO samarbeide?",
            "Hva skal til for å flere barn og unge får tatt del i kulturaktiviteter gjennom "
            "kulturskolen?",
        ],
    ),
    (
        2,
        "Lokal samhandling",
        "Med utgangspunkt i suksesskriteriene: hva må til for å styrke lokal samhandling?",
        [
            "Hva skal til for å få til bedre samhandling hos oss – på alle nivåer?",
            "Hva kan de tre nasjonale aktørene bidra med?",
        ],
    ),
]
INSTRUCTIONS = "Skriv gjerne i stikkordsform.\nGruppene må selv prioritere tid og spørsmål."
GROUP_ORGANISATION = (
    "Velg en møteleder og tidtaker\nVelg en skriver\nVelg en som holder dere på sporet tematisk"
)
GROUPS = [
    ("Førde", "Førde", "Sogndal, Luster, Førde, Vik"),
    ("Digitalt rom 1", "Digitalt rom 1", "Bergen, Voss"),
    ("Digitalt rom 2", "Digitalt rom 2", ""),
]


@dataclass
class Board:
    seminar: Seminar
    themes: list[Theme]
    groups: list[Group]
    participants: list[Participant] = field(default_factory=list)

    @property
    def theme(self):
        return self.themes[0]

    def question(self, theme_number=1, number=1):
        return Question.objects.get(
            theme__seminar=self.seminar, theme__number=theme_number, number=number
        )


def make_seminar(*, slug="fremtidens-kulturskole", title="Dialogseminar Fremtidens kulturskole"):
    """A seminar with seed 002's two themes and their questions, no groups yet."""
    seminar = Seminar.objects.create(title=title, slug=slug, starts_on=datetime.date(2026, 2, 9))
    themes = []
    for number, theme_title, introduction, questions in THEMES:
        theme = Theme.objects.create(
            seminar=seminar,
            number=number,
            title=theme_title,
            introduction=introduction,
            instructions=INSTRUCTIONS,
            group_organisation=GROUP_ORGANISATION,
        )
        for question_number, text in enumerate(questions, start=1):
            Question.objects.create(theme=theme, number=question_number, text=text)
        themes.append(theme)
    return seminar, themes


def add_group(seminar, name, *, place="", municipalities_text=""):
    return Group.objects.create(
        seminar=seminar, name=name, place=place, municipalities_text=municipalities_text
    )


def add_participant(group, name="Kari"):
    return Participant.objects.create(seminar=group.seminar, group=group, name=name)


def make_board(*, slug="fremtidens-kulturskole", groups=GROUPS):
    """The seminar with its groups and one participant in each group."""
    seminar, themes = make_seminar(slug=slug)
    made = [
        add_group(seminar, name, place=place, municipalities_text=text)
        for name, place, text in groups
    ]
    participants = [add_participant(group, name=f"Deltaker i {group.name}") for group in made]
    return Board(seminar=seminar, themes=themes, groups=made, participants=participants)


def write(participant, text, *, theme=None, question=None):
    """A point written by `participant` in their group's box, through the service."""
    theme = theme or (question.theme if question else participant.seminar.themes.get(number=1))
    return services.point_create(
        group=participant.group, theme=theme, question=question, text=text, author=participant
    )


def join(client, participant):
    """Make the test client's browser `participant`, as the join page does: the
    participant is stored in the session through `views.join_participant`."""
    session = client.session
    join_participant(SimpleNamespace(session=session), participant)
    session.save()
    return client


def session_cookie_for(participant):
    """A saved session in which this browser joined as `participant`: `(name, key)` for
    a browser test's cookie."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    join_participant(SimpleNamespace(session=session), participant)
    session.save()
    return settings.SESSION_COOKIE_NAME, session.session_key
