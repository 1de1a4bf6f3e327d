"""Reading Padlet boards: the text export of seed 002, and Padlet's CSV export."""

import csv
import dataclasses
import io
import random
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from samspill.seminars import ligatures, padlet

SEED = Path(__file__).resolve().parents[3] / "demo/seeds/002_dialogseminar_2023_padlet.txt"
FIRST_POST_LINE = 101  # lines 1-100: title, author and the two themes' descriptions


@pytest.fixture(scope="module")
def seed():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def board(seed):
    return padlet.parse_text(seed)


def post_at(board, line):
    return next(p for p in board.posts if p.line == line)


def strings(value):
    """Every string inside a parsed board."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.astuple(value):
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def words(text):
    return re.findall(r"\w+", text)


# ------------------------------------------------------------------ the hand count
#
# Read by hand from the seed (line numbers of each post's first line). The export marks
# no post boundaries; a post starts with a theme or group label ("Dialogtema 2",
# "Gruppe 2, Oslo", "Rom 7", a list of municipalities before "Dialogtema 1"), and three
# boxes start with no label at all (lines 269, 627, 920).
#
# Theme 2, with a group (9): 101 Førde · 160 Gruppe 2, Oslo (with the list from line 205
#   that answers question 2 again) · 215 Gruppe 2, Trondheim · 247 Tema 2 - Les
#   Miserables · 374 Gruppe 4 - Tema 2 · 462 Ringebu … og Skaun · 496 Sandnes kulturskole
#   · 559 AskØyarden · 574 Gruppe 1 Oslo.
# Theme 1, with a group (17): 633 Førde · 701 Rom 12 · 783 Gruppe 2, Trondheim (no theme
#   label; answers "Spørsmål 3" and "4", which only theme 1 has) · 822 Gruppe 3 (no label;
#   "4.") · 858 Eidsvoll/Vadsø/Hol/Nesodden · 973 Gruppe 3 (no label; repeats theme 1's
#   first question word for word) · 1014 gruppe 6 · 1053 Gruppe 1 Oslo (no label; 1.-4.)
#   · 1124 Gruppe 4 (no label; "3.") · 1143 Trondheim, Gruppe 3 · 1298 AskØygarden
#   · 1320 Sandnes kulturskole · 1386 Rom 7 (no label; 1:-4:) · 1418 GRUPPE 5 (no label;
#   1.-4.) · 1490 Lindesnes/Lyngdal … østre Toten · 1539 Trondheim kulturskole, UKM … ·
#   1613 Stavanger/Ålesund/Østre Toten.
# Boxes that cannot be placed (8): 269 "Del 2, spørsmål 1" (theme 2, no group) · 338 Rom 8
#   (no theme, no question numbers) · 543 Rom 3 (no theme; "1:" and "2:" fit both themes)
#   · 627 theme 1's question 4 without a group · 745 labelled "Dialogtema 1" but answers
#   theme 2's questions · 781 "Gruppe 2, Oslo" with nothing under it · 920 a stray "1 /
#   dialogmøter med rektorene" without group or theme · 924 Gruppe 11 (no theme, no
#   questions).
# 9 + 17 + 8 = 34 boxes in all.
#
# Groups (19): a group is its name and place; "Gruppe 2" in Oslo and in Trondheim are
# two groups, "Gruppe 3" without a place (lines 822 and 973) cannot be told apart and is
# one, and "AskØyarden"/"AskØygarden" is one group with a typo. Førde, Gruppe 2 (Oslo),
# Gruppe 2 (Trondheim), Les Miserables, Gruppe 4, Ringebu …, Sandnes kulturskole,
# AskØyarden, Gruppe 1 (Oslo), Rom 12, Gruppe 3, Eidsvoll …, Gruppe 6, Gruppe 3
# (Trondheim), Rom 7, Gruppe 5, Lindesnes …, Trondheim kulturskole …, Stavanger ….
#
# Text inside a placed box but before its first question (3): Les Miserables' list (248),
# Gruppe 4's account from Time (380), Rom 12's opening paragraph (703). And one line with
# no words, "※※※※※※" (1663).

HAND_POSTS_PER_THEME = {2: 9, 1: 17}
HAND_UNPLACED_BOXES = [269, 338, 543, 627, 745, 781, 920, 924]
HAND_TEXT_BEFORE_FIRST_QUESTION = [248, 380, 703]
HAND_GROUPS = 19


def test_counts_match_the_hand_count(board):
    per_theme = Counter(post.theme_number for post in board.posts)
    assert dict(per_theme) == HAND_POSTS_PER_THEME
    assert len(board.posts) == 26
    before_first = "Tekst før første spørsmål – velg hvilket spørsmål den svarer på"
    whole = [u.line for u in board.unplaced if u.reason != before_first and u.raw != "※※※※※※"]
    assert whole == HAND_UNPLACED_BOXES
    assert len(board.posts) + len(whole) == 34
    before = [u.line for u in board.unplaced if u.reason == before_first]
    assert before == HAND_TEXT_BEFORE_FIRST_QUESTION
    assert len(board.groups()) == HAND_GROUPS
    assert "AskØyarden" in board.groups() and "Gruppe 3 (Trondheim)" in board.groups()


def test_board_header(board):
    assert board.title == "Dialogseminar Fremtidens kulturskole"
    assert board.author == "TORKEL ØIEN"
    assert board.exported_at == datetime(2023, 2, 9, 8, 38, tzinfo=UTC)


def test_both_themes_with_questions_and_instructions(board):
    assert [t.number for t in board.themes] == [1, 2]
    first, second = board.themes
    assert first.title == "Gruppeoppgaver"  # the number is its own field
    assert [q.number for q in first.questions] == [1, 2, 3, 4]
    assert first.questions[0].text == (
        "På hvilke områder kan kulturskolen og skolen samarbeide? Hva skal til for å få til dette?"
    )
    assert first.questions[3].text == (
        "Hva skal til for å flere barn og unge får tatt del i kulturaktiviteter gjennom "
        "kulturskolen?"
    )
    assert first.questions[3].preamble.startswith("Et sentralt mål for skolen er at")
    assert first.introduction.startswith("I Meld. St. 18 (2020–2021) Oppleve, skape, dele")
    assert "Skriv øverst: dialogtema 1, gruppebesvarelse" in first.instructions
    assert first.group_organisation == (
        "Velg en møteleder og tidtaker\nVelg en skriver\nVelg en som holder dere på sporet tematisk"
    )
    assert [q.number for q in second.questions] == [1, 2]
    assert second.questions[0].text == (
        "Hva skal til for å få til bedre samhandling hos oss – på alle nivåer? Kom gjerne opp "
        "med konkrete eksempler fra deres kommune, om dere har konkrete erfaringer"
    )
    assert second.questions[1].text == "Hva kan de tre nasjonale aktørene bidra med?"
    assert second.questions[1].preamble.startswith("Med utgangspunkt i samtalen mellom ledere")
    assert "Alle prioriterer 1-3 punkter" in second.instructions
    assert second.group_organisation == first.group_organisation


def test_no_damaged_character_anywhere(board):
    assert all("\ufffd" not in text for text in strings(board))


def test_nothing_is_dropped(seed, board):
    """Every line of every post is somewhere in the board, in its place in the order."""
    lines = ligatures.repair(seed).split("\n")[FIRST_POST_LINE - 1 :]
    pieces = [(post.line, 0, post.header) for post in board.posts]
    for post in board.posts:
        pieces += [(a.line, 1, " ".join([a.heading, *a.points])) for a in post.answers]
    pieces += [(u.line, 1, u.raw) for u in board.unplaced]
    stream = " ".join(" ".join(words(text)) for _line, _order, text in sorted(pieces))
    for number, line in enumerate(lines, start=FIRST_POST_LINE):
        if words(line):
            assert " ".join(words(line)) in stream, f"line {number}: {line!r}"
    # And nothing twice: the board holds exactly the words of the posts.
    assert Counter(words(stream)) == Counter(words("\n".join(lines)))


def test_fordes_boxes(board):
    theme2, theme1 = post_at(board, 101), post_at(board, 633)
    for post in (theme2, theme1):
        assert post.group_name == "Førde"
        assert post.municipalities == ["Sogndal", "Luster", "Førde", "Vik", "Høyanger", "Gloppen"]
    assert (theme2.theme_number, theme1.theme_number) == (2, 1)
    assert [a.question_number for a in theme2.answers] == [1, 2]
    assert theme2.answers[0].points[0] == (
        "Bli betre kjent med kvarandre - ha faste møtepunkt - ha god dialog - sette av nok tid."
    )
    # The group's own priority numbers ("1 Sia", "1B", "2", "3.") stay points of question 2.
    assert (
        "2 Stipend og vikarordningar likestilt med grunnskulen når det gjeld "
        "kompetanseheving." in theme2.answers[1].points
    )
    assert theme2.answers[1].points[9].startswith("3. Udir kan gjerne opne dørar")
    assert [a.question_number for a in theme1.answers] == [1, 2, 3, 4]


def test_oslo_group_2_with_participants(board):
    post = post_at(board, 160)
    assert (post.group_name, post.place_or_room, post.theme_number) == ("Gruppe 2", "Oslo", 2)
    assert post.municipalities == ["Halden", "Lyngen", "Nesodden"]  # not Kulturskolerådet
    assert "Mona, lærer og student" in post.participants
    assert [a.question_number for a in post.answers] == [1, 2, 2]
    assert post.answers[0].points[1:3] == [
        "Økonomi.",
        "Involvere brukere og andre i større grad - medvirkning - frivillighet, elever, "
        "ungdomsråd, m.fl.",
    ]
    assert post.answers[1].points == ["Sendt inn på e-post."]
    assert post.answers[2].points[-1] == "Holdningsskapende arbeid."


def test_municipalities_as_written(board):
    # "Ringebu, Stryn, Stryn, Lyngdal, Vinje, Orkdal\nog Skaun": each municipality once.
    ringebu = ["Ringebu", "Stryn", "Lyngdal", "Vinje", "Orkdal", "Skaun"]
    assert post_at(board, 462).municipalities == ringebu
    # "Lindesnes/Lyngdal, Orkland, Skaun og østre\nToten"
    lindesnes = ["Lindesnes", "Lyngdal", "Orkland", "Skaun", "østre Toten"]
    assert post_at(board, 1490).municipalities == lindesnes
    assert post_at(board, 701).municipalities == ["Vaksdal", "Ringebu", "Øyer"]
    assert post_at(board, 1613).municipalities == ["Stavanger", "Ålesund", "Østre Toten"]
    assert post_at(board, 1386).municipalities == ["Lindesnes", "Våler", "Lyngen", "Grømstad"]


def test_sample_answers(board):
    ringebu = post_at(board, 462)
    assert ringebu.answers[1].points[-1] == (
        "Nasjonale utviklingsprosjekter med sektorovergripende samhandling. (Pri 1)"
    )
    askoy = post_at(board, 559)
    assert [p[:2] for p in askoy.answers[1].points] == ["A.", "B.", "C."]
    group6 = post_at(board, 1014)
    assert group6.answers[2].points == [
        "Musikkstund",
        "Musikkterapi",
        "Kulturskoleforestilling for barnehager",
    ]
    assert group6.answers[1].points[0] == (
        "Kulturskoleundervisning i SFO-tida (musikk, dans) ute på skolane"  # page break mended
    )
    room7 = post_at(board, 1386)
    assert (room7.theme_number, room7.theme_inferred) == (1, True)
    assert room7.answers[2].points == [
        "Kan ha flere gruppetilbud i barnehagene. Sangstund, musikklek med mer. Viktig med "
        "samarbeid med tilsatte i BHG. Viktig å finne de beste lærerne behersker/ønsker "
        "gruppeundervisning."
    ]
    # Rom 12 answered 1, 2 and 4 by number, then question 3 by its words.
    room12 = post_at(board, 701)
    assert [a.question_number for a in room12.answers] == [1, 2, 4, 3]
    assert room12.answers[3].heading == "Kulturskolen og Barnehagen"


def test_joint_answers_and_headings_without_numbers(board):
    assert post_at(board, 822).answers[0].covers == (2, 3)  # "1.-3."
    assert post_at(board, 858).answers[0].covers == (2, 3)  # "1./2./3."
    assert post_at(board, 1320).answers[0].covers == (2, 3)  # "1. 2. og 3."
    trondheim3 = post_at(board, 1143)
    assert [a.question_number for a in trondheim3.answers] == [1, 2, 4]
    assert trondheim3.answers[1].heading == (
        "På hvilke områder kan kulturskolen og SFO samarbeide, slik at barna kan se disse "
        "arenaene i sammenheng?"
    )


def test_unplaced_reasons(board):
    reasons = {u.line: u.reason for u in board.unplaced}
    assert reasons[269] == "Fant ikke hvilken gruppe innlegget er fra"
    assert reasons[338] == "Fant ikke hvilket dialogtema innlegget svarer på"
    assert reasons[745] == "Merket dialogtema 1, men spørsmålene er fra dialogtema 2"
    assert reasons[920] == "Fant verken gruppe eller dialogtema for innlegget"
    assert reasons[1663] == "Linje uten ord (skilletegn e.l.)"
    les_miserables = next(u for u in board.unplaced if u.line == 248)
    assert les_miserables.group_name == "Les Miserables"
    assert les_miserables.raw.splitlines()[:2] == ["Gode rutiner", "Økonomi"]


def test_robust_against_reshuffled_and_damaged_posts(seed):
    """Mixed-up boards parse without error and still lose no word."""
    lines = seed.split("\n")
    head, body = lines[: FIRST_POST_LINE - 1], lines[FIRST_POST_LINE - 1 :]
    randomly = random.Random(2023)
    for _ in range(12):
        mixed = body[:]
        for _ in range(40):
            at = randomly.randrange(len(mixed))
            choice = randomly.random()
            if choice < 0.3:
                mixed.insert(at, "")
            elif choice < 0.5:
                mixed.insert(at, randomly.choice(["1.", "Spørsmål 4", "Gruppe 9", "- ", "?"]))
            elif choice < 0.7:
                del mixed[at]
            else:
                end = min(len(mixed), at + randomly.randrange(1, 30))
                mixed[at:end] = mixed[at:end][::-1]
        board = padlet.parse_text("\n".join(head + mixed))
        posts_text = ligatures.repair("\n".join(mixed))
        found = [p.header for p in board.posts] + [u.raw for u in board.unplaced]
        found += [" ".join([a.heading, *a.points]) for p in board.posts for a in p.answers]
        assert Counter(words(" ".join(found))) == Counter(words(posts_text))
        assert len(board.themes) == 2


def test_empty_and_odd_input():
    assert padlet.parse_text("") == padlet.Board("", "", None, [], [], [])
    board = padlet.parse_text("Bare en tittel\n\nGruppe 1\n1. Et svar")
    assert board.title == "Bare en tittel"
    assert board.unplaced[0].reason == "Fant ikke hvilket dialogtema innlegget svarer på"


# ------------------------------------------------------------------------------ CSV

THEME_ROW = {
    "Subject": "Dialogtema 1 - Gruppeoppgaver",
    "Body": "Innledning og spørsmål\n\n"
    "1. På hvilke områder kan kulturskolen og skolen samarbeide?\n\n"
    "2. Hva skal til for at �ere barn og unge får tatt del i kulturaktiviteter?\n\n"
    "Hvordan svarer vi?\nSkriv gjerne i stikkordsform.\n\n"
    "Organisering av gruppen\nVelg en skriver",
    "Section": "Dialogtema 1",
}
ROWS = [
    THEME_ROW,
    {
        "Subject": "Gruppe 2, Oslo",
        "Body": "Kommuner: Halden, Lyngen og Nesodden\n\n"
        "1. På hvilke områder kan kulturskolen og skolen samarbeide?\n"
        "- Delte stillinger\n- Kulturkarusell\n\n2.\n- Lavere pris\n- Gratis �ere steder",
        "Attachment": "https://example.org/bilde.jpg",
        "Section": "Dialogtema 1",
    },
    {
        "Subject": "Rom 7",
        "Body": "1: Samarbeid på ledernivå.\n2: Synlighet.",
        "Section": "Dialogtema 1",
    },
    {"Subject": "", "Body": "Noe tekst uten gruppe", "Section": ""},
]


def csv_text(rows, columns, delimiter=","):
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def check_csv_board(board):
    assert [t.number for t in board.themes] == [1]
    assert board.themes[0].questions[1].text == (
        "Hva skal til for at flere barn og unge får tatt del i kulturaktiviteter?"
    )
    assert board.themes[0].instructions == "Skriv gjerne i stikkordsform."
    oslo, room = board.posts
    assert (oslo.group_name, oslo.place_or_room, oslo.theme_number) == ("Gruppe 2", "Oslo", 1)
    assert oslo.municipalities == ["Halden", "Lyngen", "Nesodden"]
    assert [a.points for a in oslo.answers] == [
        ["Delte stillinger", "Kulturkarusell"],
        ["Lavere pris", "Gratis flere steder", "https://example.org/bilde.jpg"],
    ]
    assert (room.group_name, room.theme_number) == ("Rom 7", 1)  # the theme from Section
    assert [a.points for a in room.answers] == [["Samarbeid på ledernivå."], ["Synlighet."]]
    assert [(u.raw, u.reason) for u in board.unplaced] == [
        ("Noe tekst uten gruppe", "Fant verken gruppe eller dialogtema for innlegget")
    ]


def test_csv_utf8_with_bom_any_column_order():
    columns = ["Section", "Author", "Created At", "Updated At", "Body", "Attachment", "Subject"]
    data = ("\ufeff" + csv_text(ROWS, columns)).encode("utf-8")
    check_csv_board(padlet.parse_csv(data))
    check_csv_board(padlet.parse_csv(io.BytesIO(data)))


def test_csv_utf8_text_and_path(tmp_path):
    text = csv_text(ROWS, ["Subject", "Body", "Attachment", "Author", "Section"])
    check_csv_board(padlet.parse_csv(text))
    check_csv_board(padlet.parse_csv(io.StringIO(text)))
    path = tmp_path / "padlet.csv"
    path.write_text(text, encoding="utf-8")
    check_csv_board(padlet.parse_csv(path))


def test_csv_windows_1252_with_semicolons_and_missing_columns():
    # Saved by Excel on Windows: Windows-1252, semicolons, only two columns, odd headers.
    text = (
        ' subject ;BODY\r\nGruppe: Førde;"Dialogtema 1\nKommunar: Høyanger, Vik\n\n1.\n- Ærlig"\r\n'
    )
    board = padlet.parse_csv(text.encode("cp1252"))
    (post,) = board.posts
    assert (post.group_name, post.theme_number) == ("Førde", 1)
    assert post.municipalities == ["Høyanger", "Vik"]
    assert post.answers[0].points == ["Ærlig"]


def test_csv_without_rows():
    assert padlet.parse_csv(b"") == padlet.Board("", "", None, [], [], [])
    assert padlet.parse_csv("Subject,Body\n").posts == []
