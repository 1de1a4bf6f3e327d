"""Items and boilerplate from a parsed Padlet board, for tests, the bench and the demo.

The application builds its Items from the database; this is the same thing for a
`padlet.Board` read straight from a text export (seed 002), without Django.
"""

import csv
from pathlib import Path

from samspill.seminars.padlet import Board, same_group
from samspill.seminars.synthesis.topics import Item

MUNICIPALITIES_CSV = (
    Path(__file__).resolve().parent.parent.parent / "members" / "data" / "kommuner_2024.csv"
)


def municipality_names(path: Path = MUNICIPALITIES_CSV) -> list[str]:
    """Norway's municipality names (with parallel names and centres), as boilerplate."""
    names = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.append(row["kommunenavn_norsk"])
            names += [n for n in row.get("parallelle_navn", "").split("; ") if n]
            if row.get("administrasjonssenter"):
                names.append(row["administrasjonssenter"])
    return names


def group_keys(board: Board) -> list[str]:
    """One key per post: posts by the same group (allowing typos) share a key."""
    seen: list[tuple[str, str, str]] = []
    keys = []
    for post in board.posts:
        name, place = post.group_name.casefold(), post.place_or_room.casefold()
        match = next((key for n, p, key in seen if same_group(name, place, n, p)), None)
        if match is None:
            match = f"{post.group_name} ({post.place_or_room})".strip(" ()")
            seen.append((name, place, match))
        keys.append(match)
    return keys


def items_from_board(board: Board) -> list[Item]:
    """Every point of every post, keyed 1, 2, 3 … in board order."""
    items = []
    for post, group in zip(board.posts, group_keys(board), strict=True):
        for answer in post.answers:
            for text in answer.points:
                items.append(
                    Item(len(items) + 1, text, group, post.theme_number, answer.question_number)
                )
    return items


def boilerplate_from_board(board: Board, municipalities: list[str] | None = None) -> list[str]:
    """Question texts, group names, places and municipalities: words that are no topic."""
    texts = [q.text for theme in board.themes for q in theme.questions]
    for post in board.posts:
        texts += [post.group_name, post.place_or_room, *post.municipalities]
    return texts + (municipality_names() if municipalities is None else municipalities)
