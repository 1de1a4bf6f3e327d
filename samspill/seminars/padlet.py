"""Read a Padlet board from a dialogue seminar into plain data: themes, questions and posts.

Two inputs are understood: the board's text export (copied out of Padlet's PDF, as in seed
002) and Padlet's CSV export (one row per post). Groups wrote their boxes by hand, so the
text is irregular: a post starts with some of "Dialogtema 2", "Gruppe 2, Oslo", "Rom 7" or
a list of municipalities; questions are headed "1.", "2 .", "Spørsmål 1", "Spm 2" or by
repeating the question's wording; answers are bullet lists or running prose, wrapped by
the PDF's column width and cut by its page breaks.

Nothing is ever dropped. What cannot be placed with confidence (text before a post's
first question, a post without a recognisable group or theme, a post whose questions
belong to another theme than its label) goes to `Board.unplaced` with its raw text and a
reason in Norwegian, for the organiser's review queue.

Damaged ligatures ("�ere" for "flere") are repaired before anything else is read.
"""

import csv
import io
import os
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from difflib import SequenceMatcher

from samspill.seminars import ligatures

# ---------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    preamble: str = ""  # the organisers' lead-in printed just before the question


@dataclass(frozen=True)
class Theme:
    number: int
    title: str
    introduction: str
    questions: list[Question]
    instructions: str  # "Hvordan svarer vi?"
    group_organisation: str  # "Organisering av gruppen"


@dataclass(frozen=True)
class Answer:
    question_number: int | None
    points: list[str]
    heading: str = ""  # the question heading as the group wrote it
    covers: tuple[int, ...] = ()  # further questions answered together ("1.-3.")
    line: int = 0  # where the heading is in the source


@dataclass(frozen=True)
class Post:
    theme_number: int | None
    group_name: str
    place_or_room: str
    municipalities: list[str]
    participants: str
    answers: list[Answer]
    raw: str
    header: str = ""  # the header lines as written; group, place etc. are read from them
    line: int = 0
    theme_inferred: bool = False  # no theme label: told by the questions it answers


@dataclass(frozen=True)
class Unplaced:
    raw: str
    reason: str
    line: int = 0
    theme_number: int | None = None
    group_name: str = ""

    @property
    def text(self) -> str:  # the name the review queue's importer reads
        return self.raw


@dataclass(frozen=True)
class Board:
    title: str
    author: str
    exported_at: datetime | None
    themes: list[Theme]
    posts: list[Post]
    unplaced: list[Unplaced]

    def theme(self, number: int) -> Theme | None:
        return next((t for t in self.themes if t.number == number), None)

    def groups(self) -> list[str]:
        """Distinct groups, as "name" or "name (place)", in order of first appearance.

        Names that differ only by a typo ("AskØyarden", "AskØygarden") are one group;
        names with different numbers ("Gruppe 2", "Gruppe 3") never are.
        """
        labels: list[tuple[str, str, str]] = []
        for post in self.posts:
            name, place = post.group_name.casefold(), post.place_or_room.casefold()
            label = post.group_name
            if post.place_or_room not in ("", post.group_name):
                label = f"{post.group_name} ({post.place_or_room})"
            if not any(same_group(name, place, n, p) for n, p, _label in labels):
                labels.append((name, place, label))
        return [label for _n, _p, label in labels]


def same_group(name: str, place: str, other: str, other_place: str) -> bool:
    if place != other_place or re.findall(r"\d+", name) != re.findall(r"\d+", other):
        return False
    return name == other or SequenceMatcher(None, name, other).ratio() >= 0.9


# ------------------------------------------------------------------- text patterns

Line = tuple[int, str]  # (line number in the source, text)

# A theme named at the start of a line: "Dialogtema 2", "Dialogtema1", "Tema 2",
# or "Del 2, spørsmål 1" (part 2 = theme 2).
_THEME = r"(?:dialog)?tema\s*(\d+)\b|\bdel\s+(\d+)\s*,\s*spørsmål"
_THEME_START = re.compile(rf"^\s*(?:{_THEME})", re.I)
_THEME_ANYWHERE = re.compile(_THEME, re.I)
# A group named at the start of a line: "Gruppe 2, Oslo", "GRUPPE 5", "Rom 3", "Svar fra Rom 8".
_GROUP_START = re.compile(r"^\s*(?:svar fra\s+)?(?:gruppe|rom)\s*(?:\d+|:)", re.I)
_GROUP_LABEL = re.compile(r"\b(gruppe|rom)\s*(\d+)\b", re.I)
_GROUP_NAMED = re.compile(r"\bgruppe\s*:\s*(.+)", re.I)
_NAME_AFTER_THEME = re.compile(r"^\s*(?:dialog)?tema\s*\d+\s*[-–:]\s*(.+)", re.I)
_THEME_DESCRIPTION = re.compile(r"gruppeoppgave", re.I)  # "Dialogtema 1 - Gruppeoppgaver"
_THEME_PREFIX = re.compile(r"^\s*dialogtema\s*\d+\s*[-–—:,.]?\s*", re.I)

# A question heading by number: "1.", "2 .", "1:", "1 På kva ...", "2", "Spørsmål 1",
# "Spm. 2", "Del 2, spørsmål 1:", and joint ones: "1.-3.", "1./2./3.", "1. 2. og 3.".
_NUMBER_HEADING = re.compile(
    r"""^\s*(?:del\s*\d+\s*,\s*)?
    (?:(?:spørsmål|spm)\.?\s*(?P<named>\d{1,2})\s*[.:)]?
      |(?P<number>\d{1,2})\s*(?:[.:)]|(?=\s)|$))
    (?P<more>(?:\s*(?:[-–/,]|og)?\s*\d{1,2}\s*[.:)])*)""",
    re.I | re.X,
)
_LEAD_IN = re.compile(r"^\s*svar på spørsmål(?:ene)?\s*:?\s*$", re.I)  # "Svar på spørsmål:"
# A list item: a bullet (dropped) or a number or letter (kept: "1 Sia ...", "A. Laga ...").
_LIST_ITEM = re.compile(
    r"^\s*(?:[-–•*·]\s*|(?=(?:\d{1,2}[A-Za-z]?|[A-Za-z])[.)]\s|\d{1,2}[A-Za-z]?\s+[A-ZÆØÅ]))"
)
# Composition lines that follow a group header.
_COMPOSITION = re.compile(r"^\s*(kommunar|kommuner|deltakere|vår gruppe)\s*:\s*(.*)", re.I)
_MEMBERS_BLOCK = re.compile(r"^\s*gruppen besto av\s*:?", re.I)
_PERSON_PLACE = re.compile(r"^[A-ZÆØÅ][\w.-]*(?:\s+[A-ZÆØÅ][\w.-]*){1,4}(?:\s*\([^)]*\))?\s*$")
_ORGANISATION = re.compile(
    r"kulturskoleråd|universitet|ntnu|ukm|senter|departement|direktorat|\bks\b|udir", re.I
)
_SCHOOL_SUFFIX = re.compile(r"\s+(kulturskole|kulturskule|kommune)\s*$", re.I)
_DIRECTIONS = {"østre", "vestre", "nordre", "søndre", "øvre", "nedre", "indre", "ytre"}

# Words that say nothing about which question is answered. Bokmål and nynorsk.
_STOP = frozenset(
    """
    å alle at av bli blir da de dei dere deres det dette den der desse disse du eg ein
    eit ei en er et for frå fra få får gjennom har hos hva hvilke hvem hvordan i inn kan
    kor korleis kva kven man med meir mer må noe noko når og om oss opp over på seg sin
    sine si sitt skal slik som så til ut vi me vil være vere
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_NYNORSK = {
    "fleire": "flere",
    "born": "barn",
    "betre": "bedre",
    "kvar": "hver",
    "sjå": "se",
    "samanheng": "sammenheng",
}


# ---------------------------------------------------------------------- similarity


def _stem(word: str) -> str:
    word = _NYNORSK.get(word, word).replace("skul", "skol")  # kulturskule = kulturskole
    for suffix in ("ene", "ane", "ar", "er", "en", "et", "a", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _tokens(text: str) -> set[str]:
    words = (w.lower() for w in re.findall(r"[^\W\d_]+", text))
    return {_stem(w) for w in words if len(w) > 1 and w not in _STOP}


def _similarity(text: str, question: str) -> float:
    """Share of the meaningful words of `text` that also occur in `question`."""
    words = _tokens(text)
    return len(words & _tokens(question)) / len(words) if words else 0.0


# ----------------------------------------------------------------- lines and points


def _width(texts) -> int:
    """The column width the PDF wrapped at: the longest line, links left out."""
    return max((len(t.rstrip()) for t in texts if len(t.split()) > 1), default=80)


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Split on blank lines, but mend a page break that cut a sentence in two.

    A page break shows as blank lines between a full-width line that ends mid-sentence
    and a line that starts in lower case.
    """
    width = _width(t for _n, t in lines)
    paragraphs: list[list[Line]] = []
    gap = False
    for number, text in lines:
        if not text.strip():
            gap = bool(paragraphs)
            continue
        previous = paragraphs[-1][-1][1].rstrip() if paragraphs else ""
        cut = previous[-1:] not in ".!?:" and len(previous) >= 0.6 * width
        if paragraphs and (not gap or (cut and text.lstrip()[:1].islower())):
            paragraphs[-1].append((number, text))
        else:
            paragraphs.append([(number, text)])
        gap = False
    return paragraphs


def _wrapped(previous: str, following: str, width: int) -> bool:
    """True if `following` continues the line before rather than starting a new point.

    The PDF wraps a line only when the next word does not fit, so a line that had room
    for the next word ended on purpose. Its font is proportional, so a long line that
    ends mid-sentence counts as wrapped too.
    """
    if previous.endswith(("-", ",")) or following[:1].islower() or following[:1] in "(0123456789":
        return True
    if previous[-1:] not in ".!?:;" and len(previous) >= 0.75 * width:
        return True
    return len(previous) + 1 + len(following.split()[0]) > width


def _joined(previous: str, following: str) -> str:
    if previous.endswith("-") and previous[-2:-1].strip():  # "kulturskule-" "prosjektet"
        return previous + following
    return f"{previous} {following}"


def _points(paragraphs: list[list[str]], width: int) -> list[str]:
    """Points of an answer: one per list item or paragraph, wrapped lines re-joined."""
    points: list[str] = []
    for paragraph in paragraphs:
        previous = None
        for raw in paragraph:
            text = raw.strip()
            item = _LIST_ITEM.match(text)
            if item:
                points.append(text[item.end() :].strip())
            elif previous is None or not _wrapped(previous, text, width):
                points.append(text)
            else:
                points[-1] = _joined(points[-1], text)
            previous = text
    return [re.sub(r"\s+", " ", p).strip() for p in points if p.strip()]


def _text(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


# -------------------------------------------------------------------------- themes


def _parse_theme(lines: list[Line]) -> Theme:
    """A theme's description: introduction with numbered questions, then instructions."""
    heading = lines[0][1].strip()
    number = int(next(g for g in _THEME_ANYWHERE.search(heading).groups() if g))
    # "Dialogtema 1 - Gruppeoppgaver": the number is the theme's own field, so the title
    # is what follows it (pages show "Dialogtema 1: Gruppeoppgaver", not the number twice).
    title = _THEME_PREFIX.sub("", heading) or heading
    sections: dict[str, list[Line]] = {"intro": [], "instructions": [], "organisation": []}
    section = "intro"
    for line in lines[1:]:
        heading = line[1].strip().lower()
        if heading.startswith("innledning"):
            continue
        if heading.startswith("hvordan svarer"):
            section = "instructions"
        elif heading.startswith("organisering"):
            section = "organisation"
        else:
            sections[section].append(line)

    # Blocks of text and of questions, in order. A question runs from its number to the
    # end of its paragraph; text between two questions is the next question's preamble.
    blocks: list[tuple[int | None, list[str]]] = []
    for paragraph in _paragraphs(sections["intro"]):
        in_block = False  # a block never spans two paragraphs
        for _number, line in paragraph:
            asked = re.match(r"^\s*(\d+)\s*\.\s*(.*)", line)
            if asked:
                blocks.append((int(asked[1]), [asked[2]]))
            elif in_block:
                blocks[-1][1].append(line)
            else:
                blocks.append((None, [line]))
            in_block = True

    introduction: list[str] = []
    questions: list[Question] = []
    preamble = ""
    for asked, block in blocks:
        if asked is None and not questions:
            introduction.append(_text(block))
        elif asked is None:
            preamble = _text([preamble, *block])
        else:
            questions.append(Question(asked, _text(block), preamble))
            preamble = ""
    if preamble:  # words after the last question: keep them with the introduction
        introduction.append(preamble)

    def listing(part: str) -> str:
        width = _width(t for _n, t in sections[part])
        return "\n".join(_points([[t for _n, t in p] for p in _paragraphs(sections[part])], width))

    return Theme(
        number,
        title,
        "\n\n".join(introduction),
        questions,
        listing("instructions"),
        listing("organisation"),
    )


# --------------------------------------------------------------------------- posts


def _theme_of(text: str) -> int | None:
    found = _THEME_ANYWHERE.search(text)
    return int(next(g for g in found.groups() if g)) if found else None


def _starts_post(paragraph: list[Line]) -> bool:
    """A post begins with a theme or group label, possibly after a list of municipalities."""
    first = paragraph[0][1]
    if _GROUP_START.match(first) or _THEME_START.match(first):
        return True
    return any(_THEME_START.match(text) for _n, text in paragraph[1:3])


@dataclass
class _Heading:
    number: int
    text: str
    consumed: int  # source lines taken by the heading
    rest: str = ""  # answer text on the heading's last line
    fit: float = 0.0  # how well the heading's words match the question
    covers: tuple[int, ...] = ()
    by_number: bool = True


@dataclass
class _Answers:
    answers: list[Answer] = field(default_factory=list)
    before: list[Line] = field(default_factory=list)  # text before the first question
    loose: list[Line] = field(default_factory=list)  # lines without words, e.g. "※※※"
    overflow: int = 0  # question numbers higher than the theme has
    fit_by_number: float = 0.0
    fit: float = 0.0


class _Reader:
    """Reads one post's body against the questions of one theme."""

    def __init__(self, questions: list[Question], count: int, highest: int):
        self.questions = {q.number: q.text for q in questions}
        self.count = count  # questions in this theme
        self.highest = highest  # questions in the theme that has the most
        self.overflow = 0

    def asked(self, *numbers: int) -> str:
        return " ".join(self.questions.get(n, "") for n in numbers)

    def heading(self, paragraph: list[Line], at: int, current: int) -> _Heading | None:
        """The question heading at line `at` of `paragraph`, if there is one."""
        text = paragraph[at][1]
        if _LEAD_IN.match(text) and at + 1 < len(paragraph):
            inner = self.heading(paragraph, at + 1, current)
            if inner:
                lead_in = f"{text.strip()} {inner.text}"
                inner = replace(inner, text=lead_in, consumed=inner.consumed + 1)
            return inner
        numbered = _NUMBER_HEADING.match(text)
        if numbered:
            previous = paragraph[at - 1][1].rstrip() if at else "."
            if previous[-1:] not in ".!?:)" and not _LEAD_IN.match(previous):
                return None  # "... som vi snakket om i punkt" / "1": a wrapped number
            return self._numbered(paragraph, at, numbered, current)
        if at == 0 and not _LIST_ITEM.match(text):
            return self.worded_heading(paragraph)
        return None

    def _numbered(self, paragraph, at, numbered, current) -> _Heading | None:
        number = int(numbered["named"] or numbered["number"])
        named = bool(numbered["named"])
        if not 1 <= number <= self.count:
            if self.count < number <= self.highest and (named or number > current):
                self.overflow += 1  # a sign that the post answers another theme
            return None
        listed = [int(n) for n in re.findall(r"\d+", numbered["more"])]
        if listed and re.match(r"\s*[-–]", numbered["more"]):  # "1.-3." is 1, 2 and 3
            listed = list(range(number + 1, listed[-1] + 1))
        covers = tuple(n for n in listed if n <= self.count)
        asked = self.asked(number, *covers)
        lines = [
            text[numbered.end() :] if i == 0 else text
            for i, (_n, text) in enumerate(paragraph[at:])
        ]
        text, consumed, rest = _heading_text(lines, asked)
        fit = _similarity(text, asked) if text else 0.0
        if not (named or number > current or fit >= 0.5):
            return None  # "1 Sia ..." inside the answer to question 2 is a list item
        marker = paragraph[at][1][: numbered.end()].strip()
        return _Heading(number, _text([marker, text]), consumed, rest, fit, covers)

    def worded_heading(self, paragraph: list[Line]) -> _Heading | None:
        """A heading that repeats a question's words without its number.

        The heading runs to its "?" if there is one in the first three lines; without
        one it is the first line, or more lines while two questions fit equally well
        ("På hvilke områder kan kulturskolen og" fits questions 1 to 3).
        """
        lines = [text.strip() for _n, text in paragraph[:3]]
        joined = "\n".join(lines)
        if "?" in joined:
            end = joined.index("?") + 1
            tries = [(joined[:end], joined[:end].count("\n") + 1)]
        else:
            tries = [("\n".join(lines[:taken]), taken) for taken in range(1, len(lines) + 1)]
        for candidate, taken in tries:
            words = candidate.split()
            if len(_tokens(candidate)) < 2 or len(words) > (24 if "?" in candidate else 16):
                return None
            fits = sorted(
                ((_similarity(candidate, q), n) for n, q in self.questions.items()), reverse=True
            )
            if not fits or fits[0][0] < (0.6 if len(words) <= 8 else 0.75):
                return None
            if len(fits) == 1 or fits[0][0] > fits[1][0]:
                rest = joined.split("\n")[taken - 1][len(candidate.split("\n")[-1]) :]
                return _Heading(
                    fits[0][1], _text([candidate]), taken, rest.strip(), fits[0][0], by_number=False
                )
        return None

    def read(self, paragraphs: list[list[Line]]) -> _Answers:
        found = _Answers()
        self.overflow = 0
        current = 0
        answers: list[tuple[_Heading, int, list[list[str]]]] = []
        for paragraph in paragraphs:
            at, fresh = 0, True
            while at < len(paragraph):
                number, text = paragraph[at]
                heading = self.heading(paragraph, at, current)
                if heading:
                    answers.append((heading, number, [[heading.rest]] if heading.rest else []))
                    current = max(current, heading.number)
                    found.fit += heading.fit
                    found.fit_by_number += heading.fit if heading.by_number else 0.0
                    at += heading.consumed
                    fresh = not heading.rest
                    continue
                if not re.search(r"\w", text):
                    found.loose.append((number, text))
                    fresh, at = True, at + 1
                    continue
                if not answers:
                    found.before.append((number, text))
                elif fresh:
                    answers[-1][2].append([text])
                else:
                    answers[-1][2][-1].append(text)
                fresh = False
                at += 1
        found.overflow = self.overflow
        width = _width(t for p in paragraphs for _n, t in p)
        found.answers = [
            Answer(h.number, _points(content, width), h.text, h.covers, line)
            for h, line, content in answers
        ]
        return found


def _heading_text(lines: list[str], asked: str) -> tuple[str, int, str]:
    """Split a numbered heading's words from the answer that may follow on its lines.

    `lines` starts with what follows the number. Returns the heading words, how many
    lines they take, and the answer text left on the last of them.
    """
    joined = "\n".join(lines[:4])
    cut = 0
    if joined.lstrip().startswith("("):  # "Spørsmål 2 (SFO-samarbeid): ..."
        cut = joined.find(")") + 1
    for mark in re.finditer(r"\?", joined):  # a question, possibly wrapped, ends at "?"
        if mark.start() < cut:
            continue
        piece = joined[cut : mark.end()]
        if _similarity(piece, asked) < 0.4 and (cut == 0 or _tokens(piece)):
            break
        cut = mark.end()
    if cut:
        while cut < len(joined) and joined[cut] in "):. ":
            cut += 1
        consumed = joined[:cut].count("\n") + 1
        line_end = joined.find("\n", cut)
        heading, rest = joined[:cut], joined[cut : line_end if line_end >= 0 else None]
    else:
        first = lines[0].strip()
        words, fit = len(first.split()), _similarity(first, asked)
        # A short title ("1. skole", "2. Kulturskole - SFO") or the question's own words.
        title = words <= 6 and (fit >= 0.6 or not _tokens(first))
        if title or (words <= 16 and fit >= 0.75) or (first.endswith(":") and fit >= 0.5):
            heading, consumed, rest = first, 1, ""
            following = lines[1].strip() if len(lines) > 1 else ""
            if first[-1:].isalpha() and following[:1].islower():  # the heading wraps
                heading, consumed = f"{first} {following}", 2
        else:
            heading, consumed, rest = "", 1, first
    # The group may have copied the question's follow-up lines too: lines made only of
    # the question's words, adding some the heading does not have yet.
    while not rest and consumed < len(lines):
        following = lines[consumed]
        words = _tokens(following)
        if _LIST_ITEM.match(following) or not words - _tokens(heading):
            break
        if _similarity(following, asked) < 0.75:
            break
        heading, consumed = f"{heading} {following}", consumed + 1
    return _text([heading]), consumed, rest.strip()


# ------------------------------------------------------------------- post headers


def _is_label(text: str) -> bool:
    return bool(_GROUP_START.match(text) or _THEME_START.match(text))


def _group_label(text: str) -> tuple[str, str]:
    """(group name, place or room) from a label line such as "Gruppe 2, Oslo"."""
    text = re.sub(r"\([^)]*\)?", " ", text)  # "(Vaksdal, Ringebu," is composition
    named = _GROUP_NAMED.search(text)
    if named:
        return named[1].strip(" .,"), ""
    label = _GROUP_LABEL.search(text)
    if label:
        name = f"{label[1].capitalize()} {label[2]}"
        rest = _THEME_ANYWHERE.sub(" ", text[: label.start()] + " " + text[label.end() :])
        rest = re.sub(r"svar fra|gruppebesvarelse", " ", rest, flags=re.I)
        place = " ".join(re.sub(r"[^\w\s/-]", " ", rest).split()).strip(" -")
        return name, place or (name if name.startswith("Rom") else "")
    after = _NAME_AFTER_THEME.match(text)
    if after and not re.search(r"gruppe(besvarelse|oppgave)", after[1], re.I):
        return after[1].strip(" .,"), ""
    return "", ""


def _split_names(text: str) -> list[str]:
    """Names in a list as written: "Lindesnes/Lyngdal, Orkland, Skaun og østre Toten"."""
    directions = "|".join(_DIRECTIONS)
    if text.strip().startswith("("):  # "(Vaksdal, Ringebu, Øyer Kulturskule)."
        text = text.strip()[1:].rstrip(" .").removesuffix(")")
    text = re.sub(r"\([^)]*\)", " ", text)  # "(referent)"
    text = re.sub(r"\s+v/.*?(?=,|\s+og\s+|$)", "", text)  # "Ålesund v/Annbjørg Skar"
    # "og" joins two names only when a name follows it ("og folkedans" is one name).
    parts = re.split(rf"[,;/]|\s+og\s+(?=[A-ZÆØÅ]|(?:{directions})\s)", text)
    names = (re.sub(r"^og\s+", "", " ".join(p.split())).strip(" .:()") for p in parts)
    return [name for name in names if name]


def _place(item: str) -> str:
    """The municipality in a list item: "Ålesund v/Annbjørg Skar", "Haldis Hove Lindesnes"."""
    item = _SCHOOL_SUFFIX.sub("", item)
    if _ORGANISATION.search(item):
        return ""
    words = item.split()
    if len(words) >= 3:  # "Firstname Lastname Place", or "... Østre Toten"
        keep = 2 if words[-2].lower() in _DIRECTIONS else 1
        words = words[-keep:]
    return " ".join(words)


class _Cursor:
    """Takes a post's lines one at a time, knowing where its paragraphs end."""

    def __init__(self, paragraphs: list[list[Line]]):
        self.rest = [list(p) for p in paragraphs]
        self.taken: list[Line] = []
        self.at_paragraph_start = True

    def peek(self) -> str:
        return self.rest[0][0][1].strip() if self.rest else ""

    def take(self) -> str:
        line = self.rest[0].pop(0)
        self.taken.append(line)
        self.at_paragraph_start = not self.rest[0]
        if not self.rest[0]:
            self.rest.pop(0)
        return line[1].strip()

    def in_paragraph(self) -> bool:
        return bool(self.rest) and not self.at_paragraph_start


def _opens_answer(text: str) -> bool:
    return bool(_NUMBER_HEADING.match(text) or _LEAD_IN.match(text))


@dataclass
class _Header:
    lines: list[Line]  # as written
    labels: list[str]  # "Gruppe 2, Oslo", "Dialogtema 2", "Sandnes kulturskole"
    places: list[str]  # texts that list municipalities
    composition: list[str]  # who was in the group, as written


def _read_header(paragraphs: list[list[Line]]) -> tuple[_Header, list[list[Line]]]:
    """Take a post's header (labels and group composition) off the front of its paragraphs."""
    cursor, labels, places, composition = _Cursor(paragraphs), [], [], []
    # Labels: "Gruppe 2, Oslo", then perhaps "Dialogtema 2, gruppebesvarelse" in the next
    # paragraph; a list of municipalities may come before the theme label.
    while cursor.rest and cursor.at_paragraph_start and _starts_post(cursor.rest[0]):
        first = cursor.rest[0][:3]
        count = max(i + 1 for i, (_n, text) in enumerate(first) if _is_label(text))
        if _NUMBER_HEADING.match(first[count - 1][1]):
            count -= 1  # "Del 2, spørsmål 1: ..." is already the first question
        if not count:
            break
        listed = []  # "Ringebu, Stryn, ..." wrapped over lines before "Dialogtema 2"
        for _ in range(count):
            text = cursor.take()
            (labels if _is_label(text) or _GROUP_LABEL.search(text) else listed).append(text)
        places += [_text(listed)] if listed else []
        composition += listed
    if not cursor.taken:
        return _Header([], [], [], []), paragraphs

    def unbalanced() -> bool:
        text = " ".join(t for _n, t in cursor.taken)
        return text.count("(") > text.count(")")

    # Composition: "(Vaksdal, Ringebu, ...)", "Kommunar: ...", "Vår gruppe: ...",
    # "Gruppen besto av:" with "Place" and "Name, role" lines, "Name Name Place" lines,
    # or "Name - Place, Name - Place". A bracket opened on the label line, as in
    # "Dialogtema 1 (Stavanger v/Elin Aase,", goes on until it closes.
    bracket = [label[label.index("(") :] for label in labels if "(" in label]
    while cursor.rest and (unbalanced() or cursor.peek().startswith("(")):
        bracket.append(cursor.take())
    places += [_text(bracket)] if bracket else []
    composition += [_text(bracket)] if bracket else []
    if _COMPOSITION.match(cursor.peek()):
        composition.append(cursor.take())
        texts = [_COMPOSITION.match(composition[-1])[2]]
        while cursor.in_paragraph() and not _opens_answer(cursor.peek()):
            texts.append(cursor.take())
            composition.append(texts[-1])
        places.append(_text(texts))
    elif _MEMBERS_BLOCK.match(cursor.peek()):
        composition.append(cursor.take())
        while cursor.rest and not _opens_answer(cursor.peek()):
            composition.append(cursor.take())
            if "," not in composition[-1]:  # "Halden"; "Mona, lærer og student" is a person
                places.append(composition[-1])
    named = any(_group_label(label)[0] for label in labels)
    if not named and not places and cursor.rest:
        candidate = cursor.peek()
        short = len(candidate.split()) <= 4 and candidate[-1:] not in ".?:!"
        if short and not _opens_answer(candidate):
            labels.append(cursor.take())  # a name on its own line: "Sandnes kulturskole"
            if _SCHOOL_SUFFIX.search(labels[-1]):
                places.append(labels[-1])
    elif named and not places:
        while cursor.in_paragraph() and _PERSON_PLACE.match(cursor.peek()):
            places.append(cursor.take())
            composition.append(places[-1])
        paragraph = _text([t for _n, t in cursor.rest[0]]) if cursor.rest else ""
        items = re.split(r",\s*", paragraph)
        if len(items) >= 2 and all(re.match(r"^[A-ZÆØÅ].*\s[-–]\s", i) for i in items):
            composition += [cursor.take() for _ in range(len(cursor.rest[0]))]
            places += [re.split(r"\s[-–]\s", item)[-1] for item in items]
    return _Header(cursor.taken, labels, places, composition), cursor.rest


# ---------------------------------------------------------------- reading the posts

_NO_THEME = "Fant ikke hvilket dialogtema innlegget svarer på"
_NO_GROUP = "Fant ikke hvilken gruppe innlegget er fra"
_NO_EITHER = "Fant verken gruppe eller dialogtema for innlegget"
_NO_TEXT = "Innlegget har bare en overskrift og ingen svar"
_BEFORE = "Tekst før første spørsmål – velg hvilket spørsmål den svarer på"
_LOOSE = "Linje uten ord (skilletegn e.l.)"


class _Themes:
    """The board's themes and a reader of answers for each."""

    def __init__(self, themes: list[Theme]):
        self.themes = themes
        highest = max((len(t.questions) for t in themes), default=0)
        self.readers = {t.number: _Reader(t.questions, len(t.questions), highest) for t in themes}

    def reader(self, number: int) -> "_Reader":
        # A theme named by a post but not described on the board: accept any numbering.
        return self.readers.get(number) or _Reader([], 9, 9)

    def infer(self, readings: dict[int, _Answers]) -> int | None:
        """The only theme whose questions the post's headings fit, if there is one."""
        fitting = sorted(
            ((r.fit, n) for n, r in readings.items() if r.answers and not r.overflow), reverse=True
        )
        if len(fitting) == 1 or (len(fitting) > 1 and fitting[0][0] - fitting[1][0] >= 0.5):
            return fitting[0][1]
        return None

    def contradicted(self, theme: int, readings: dict[int, _Answers]) -> int | None:
        """Another theme whose questions the numbered headings clearly repeat instead."""
        own = readings[theme].fit_by_number if theme in readings else 0.0
        for number, reading in readings.items():
            if number != theme and reading.fit_by_number >= own + 1.0:
                return number
        return None

    def asks_other(self, paragraph: list[Line], own: int) -> bool:
        """True if the paragraph opens with the words of another theme's question."""
        if own not in self.readers or _NUMBER_HEADING.match(paragraph[0][1]):
            return False  # a numbered heading stays in its post, whatever it asks
        if self.readers[own].worded_heading(paragraph):
            return False
        return any(r.worded_heading(paragraph) for n, r in self.readers.items() if n != own)


def _read_post(
    paragraphs: list[list[Line]], themes: _Themes, theme_hint: int | None = None
) -> tuple[Post | None, list[Unplaced]]:
    """One post: its group and theme from the header, its answers from the rest."""
    header, body = _read_header(paragraphs)
    raw = "\n\n".join("\n".join(t for _n, t in p) for p in paragraphs)
    line = paragraphs[0][0][0]
    theme = _theme_of(" ".join(header.labels)) or theme_hint
    if theme is None and _THEME_START.match(paragraphs[0][0][1]):
        theme = _theme_of(paragraphs[0][0][1])  # "Del 2, spørsmål 1: ..."
    name, place = next(((n, p) for n, p in map(_group_label, header.labels) if n), ("", ""))
    municipalities: list[str] = []
    for text in header.places:
        for found in filter(None, map(_place, _split_names(text))):
            if found.casefold() not in {m.casefold() for m in municipalities}:
                municipalities.append(found)
    if not name:
        name = ", ".join(municipalities) if len(municipalities) >= 2 else _text(header.places)

    readings = {n: r.read(body) for n, r in themes.readers.items()}
    inferred, reason = False, ""
    if theme is None:
        theme = themes.infer(readings)
        inferred = theme is not None
    elif (other := themes.contradicted(theme, readings)) is not None:
        reason = f"Merket dialogtema {theme}, men spørsmålene er fra dialogtema {other}"
    if not body:
        reason = _NO_TEXT
    elif theme is None or not name:
        reason = _NO_THEME if name else _NO_GROUP if theme else _NO_EITHER
    if reason:
        return None, [Unplaced(raw, reason, line, theme, name)]

    reading = readings.get(theme) or themes.reader(theme).read(body)
    unplaced = [
        Unplaced("\n".join(t for _n, t in lines), why, lines[0][0], theme, name)
        for lines, why in ((reading.before, _BEFORE), (reading.loose, _LOOSE))
        if lines
    ]
    participants = "\n".join(header.composition)
    post = Post(
        theme,
        name,
        place,
        municipalities,
        participants,
        reading.answers,
        raw,
        "\n".join(t.strip() for _n, t in header.lines),
        line,
        inferred,
    )
    return post, unplaced


def _split_posts(paragraphs: list[list[Line]], themes: _Themes) -> list[list[list[Line]]]:
    """Group the board's paragraphs into posts; the export marks no boundaries."""
    posts: list[list[list[Line]]] = []
    only_labels = False  # the current post so far is only label lines
    highest = 0  # highest question number heading a line in the current post
    for paragraph in paragraphs:
        first = paragraph[0][1]
        text = " ".join(t for _n, t in paragraph[:3])
        if _starts_post(paragraph):
            before = " ".join(t for p in posts[-1] for _n, t in p) if posts else ""
            # "Gruppe 2, Oslo" then "Dialogtema 2, gruppebesvarelse": one header.
            both_group = _GROUP_LABEL.search(before) and _GROUP_LABEL.search(text)
            both_theme = _theme_of(before) and _theme_of(text)
            if only_labels and not both_group and not both_theme:
                posts[-1].append(paragraph)
            else:
                posts.append([paragraph])
                highest = 0
            only_labels = all(_is_label(t) for _n, t in paragraph)
            continue
        bare = re.fullmatch(r"\s*1\s*\.?\s*", first)  # a lone "1" after "4.": a new post
        own = _theme_of(" ".join(t for _n, t in posts[-1][0][:3])) if posts else None
        if not posts or (bare and highest > 1) or (own and themes.asks_other(paragraph, own)):
            posts.append([paragraph])
            highest = 0
        else:
            posts[-1].append(paragraph)
        only_labels = False
        for _n, t in paragraph:
            numbered = _NUMBER_HEADING.match(t)
            if numbered and int(numbered["named"] or numbered["number"]) < 10:
                highest = max(highest, int(numbered["named"] or numbered["number"]))
    return posts


def _read_posts(
    posts: list[list[list[Line]]], themes: _Themes, hints=None
) -> tuple[list[Post], list[Unplaced]]:
    placed, unplaced = [], []
    for index, paragraphs in enumerate(posts):
        post, left = _read_post(paragraphs, themes, hints[index] if hints else None)
        placed += [post] if post else []
        unplaced += left
    return placed, unplaced


# ------------------------------------------------------------------------- boards

_MONTHS = "januar februar mars april mai juni juli august september oktober november desember"
_EXPORTED = re.compile(
    r"^\s*(?P<author>.*?)\s+(?P<day>\d{1,2})\.\s*(?P<month>[a-zæøå]+)\s+(?P<year>\d{4}),?"
    r"\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*UTC)?\s*$",
    re.I,
)


def _exported(line: str) -> tuple[str, datetime | None]:
    """ "TORKEL ØIEN 9. FEBRUAR 2023, 08:38 UTC" -> author and time, if it reads so."""
    found = _EXPORTED.match(line)
    months = _MONTHS.split()
    if not found or found["month"].lower() not in months:
        return "", None
    month = months.index(found["month"].lower()) + 1
    when = datetime(
        int(found["year"]),
        month,
        int(found["day"]),
        int(found["hour"]),
        int(found["minute"]),
        tzinfo=UTC,
    )
    return found["author"].strip(), when


def _describes_theme(lines: list[Line], at: int) -> bool:
    """ "Dialogtema 1 - Gruppeoppgaver" followed by "Innledning og spørsmål"."""
    if not _THEME_START.match(lines[at][1]):
        return False
    following = next((t for _n, t in lines[at + 1 :] if t.strip()), "")
    return bool(_THEME_DESCRIPTION.search(lines[at][1])) or following.strip().lower().startswith(
        "innledning"
    )


def _clean(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return ligatures.repair(_without_nul(text))


def _without_nul(text: str) -> str:
    # A NUL is never meant (it comes from a damaged or UTF-16 file read as bytes), and
    # PostgreSQL refuses it in text: drop it rather than refuse the whole board.
    return text.replace("\x00", "")


def parse_text(text: str) -> Board:
    """A board from Padlet's text export (as copied out of its PDF export)."""
    lines = list(enumerate(_clean(text).split("\n"), start=1))
    filled = [i for i, (_n, t) in enumerate(lines) if t.strip()]
    title, author, exported_at, start = "", "", None, 0
    if filled and not _describes_theme(lines, filled[0]) and not _is_label(lines[filled[0]][1]):
        title, start = lines[filled[0]][1].strip(), filled[0] + 1
        if len(filled) > 1:
            author, exported_at = _exported(lines[filled[1]][1])
            start = filled[1] + 1 if exported_at else start

    themes, unplaced, at = [], [], start
    while at < len(lines):
        if not lines[at][1].strip():
            at += 1
        elif _describes_theme(lines, at):
            end = at + 1
            while end < len(lines) and not _is_label(lines[end][1]):
                end += 1
            themes.append(_parse_theme(lines[at:end]))
            at = end
        else:
            break
    known = _Themes(themes)
    posts, left = _read_posts(_split_posts(_paragraphs(lines[at:]), known), known)
    return Board(title, author, exported_at, themes, posts, unplaced + left)


# The columns of Padlet's CSV export, and names they may have in other exports.
_COLUMNS = {
    "subject": ("subject", "title", "tittel", "emne", "overskrift"),
    "body": ("body", "content", "text", "tekst", "innhold"),
    "attachment": ("attachment", "attachment url", "link", "vedlegg", "lenke"),
    "author": ("author", "forfatter"),
    "created": ("created at", "created", "opprettet"),
    "section": ("section", "column", "seksjon", "kolonne", "del"),
}


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Excel's "Unicode text"
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel on Windows


class PadletError(ValueError):
    """A file that cannot be read at all; the message is the csv module's reason."""


def parse_csv(source) -> Board:
    """A board from Padlet's CSV export: a path, bytes, text, or an open file.

    Each row is one post. Rows that describe a theme ("Dialogtema 1 - Gruppeoppgaver")
    give the themes; the Section column, if any, tells a post's theme when its text does
    not. Columns are found by name, in any order; missing ones are read as empty.
    """
    if isinstance(source, os.PathLike):
        with open(source, "rb") as file:
            source = file.read()
    data = source.read() if hasattr(source, "read") else source
    text = _decode(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
    text = _without_nul(text)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    try:
        # newline="": line breaks inside quoted fields, and stray carriage returns, are
        # read as the csv module expects instead of failing.
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise PadletError(str(error)) from error
    if not rows:
        return Board("", "", None, [], [], [])
    names = [h.strip().lstrip("\ufeff").lower() for h in rows[0]]
    column = {
        key: next((names.index(a) for a in aliases if a in names), None)
        for key, aliases in _COLUMNS.items()
    }

    themes, posts, hints = [], [], []
    for number, row in enumerate(rows[1:], start=2):  # row 1 is the column names

        def cell(key: str, row=row) -> str:
            index = column[key]
            return row[index].strip() if index is not None and index < len(row) else ""

        parts = [cell("subject"), cell("body"), cell("attachment")]
        if not any(parts):
            continue
        lines = [(number, t) for t in _clean("\n\n".join(p for p in parts if p)).split("\n")]
        if _describes_theme(lines, 0):
            themes.append(_parse_theme(lines))
        else:
            posts.append(_paragraphs(lines))
            hints.append(_theme_of(cell("section")))
    known = _Themes(themes)
    placed, unplaced = _read_posts(posts, known, hints)
    return Board("", "", None, themes, placed, unplaced)
