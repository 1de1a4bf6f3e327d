"""Fuzzing the Padlet importer (issue 12): whatever text or CSV comes in, the import
either places every post (in a box or the review queue) or refuses with a Norwegian
message, and never writes half."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samspill.seminars import padlet
from samspill.seminars.importing import seminar_import_board, unreadable_csv
from samspill.seminars.models import Point, Seminar, UnplacedPost

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR) / "demo" / "seeds" / "002_dialogseminar_2023_padlet.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()

#: Lines as Padlet writes them (taken from the real export), mixed with noise: broken
#: ligatures, control characters, very long group names, separators of every kind.
line = st.one_of(
    st.sampled_from(SEED_LINES),
    st.text(max_size=200),
    st.builds(lambda name: f"Gruppe {name}", st.text(min_size=1, max_size=300)),
    st.builds(lambda n, t: f"Dialogtema {n} - {t}", st.integers(-5, 99), st.text(max_size=50)),
    st.builds(lambda n, t: f"{n}. {t}", st.integers(0, 20), st.text(max_size=80)),
    st.sampled_from(["\ufffdere", "de\ufffdnisjon", "\x00", "\r", ";;;", '"', "—", "\u200b"]),
)
padlet_text = st.lists(line, max_size=120).map("\n".join)

FUZZ = hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _import(board):
    """Import `board` into a fresh seminar and roll everything back afterwards, so that
    each example starts from the same database."""
    with transaction.atomic():
        seminar = Seminar.objects.create(title="Fuzz", slug="fuzz", starts_on="2023-02-09")
        try:
            summary = seminar_import_board(seminar=seminar, board=board)
        except ValidationError as error:
            assert error.messages  # a message for the organiser, not a crash
            assert not Point.objects.filter(theme__seminar=seminar).exists()
            summary = None
        stored = (
            Point.objects.filter(theme__seminar=seminar).count(),
            UnplacedPost.objects.filter(seminar=seminar).count(),
        )
        transaction.set_rollback(True)
    return summary, stored


def _posted(board):
    """What the board holds: points in recognised posts, and posts for the queue."""
    placed = sum(
        len(answer.points)
        for post in board.posts
        if post.group_name and board.theme(post.theme_number)
        for answer in post.answers
    )
    queued = len(board.unplaced) + sum(
        1 for post in board.posts if not (post.group_name and board.theme(post.theme_number))
    )
    return placed, queued


@FUZZ
@given(text=padlet_text)
@example(text="\x00")  # PostgreSQL refuses NUL in text; CI found it on a PostgreSQL run
def test_any_text_export_is_imported_whole_or_refused(text):
    board = padlet.parse_text(text)
    summary, stored = _import(board)
    if summary is not None:
        assert stored == (summary.answers, summary.unplaced) == _posted(board)


row = st.lists(st.text(max_size=60), min_size=0, max_size=8)


@FUZZ
@given(
    header=st.sampled_from(
        [["Subject", "Body", "Section"], ["Emne", "Innhold"], ["body"], [], ["a", "b", "c"]]
    ),
    rows=st.lists(row, max_size=40),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
@example(header=["body"], rows=[["\x00"], ["Gruppe 1\x00"]], delimiter=",", encoding="utf-8")
def test_any_csv_export_is_imported_whole_or_refused(header, rows, delimiter, encoding):
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    data = "\r\n".join(lines).encode(encoding, errors="replace")
    try:
        board = padlet.parse_csv(data)
    except padlet.PadletError as error:
        assert "kan ikke leses som CSV" in unreadable_csv(error)  # refused, in Norwegian
        return
    summary, stored = _import(board)
    if summary is not None:
        assert stored == (summary.answers, summary.unplaced) == _posted(board)
