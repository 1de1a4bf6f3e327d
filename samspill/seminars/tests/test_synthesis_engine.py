"""The synthesis engine: text preparation, topics for seed 002, agreement with a hand
reference, determinism across hash seeds, stability when a point is added.

Pure tests: no database. The hand reference is tests/data/reference_002.toml.
"""

import json
import os
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from samspill.seminars import padlet
from samspill.seminars.synthesis.board import boilerplate_from_board, items_from_board
from samspill.seminars.synthesis.quality import agreement, load_reference
from samspill.seminars.synthesis.text import Preparer, split_points
from samspill.seminars.synthesis.topics import (
    Item,
    TopicProposal,
    find_topics,
    match_topics,
    topics_within,
)

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "demo" / "seeds" / "002_dialogseminar_2023_padlet.txt"
REFERENCE = Path(__file__).resolve().parent / "data" / "reference_002.toml"

# Measured on 2026-11-22: 8 of 13 hand-coded main topics in the top ten, AMI 0.366.
# Set just below, so that a regression fails.
MIN_COVERAGE = 8
MIN_AMI = 0.33


@cache
def seed():
    board = padlet.parse_text(SEED.read_text(encoding="utf-8"))
    return items_from_board(board), boilerplate_from_board(board)


@cache
def seed_topics() -> list[TopicProposal]:
    items, boilerplate = seed()
    return find_topics(items, boilerplate=boilerplate)


# ---------------------------------------------------------------------------- text


def test_bokmaal_and_nynorsk_forms_are_one_lemma():
    lemmas = Preparer().lemmas
    assert lemmas("kulturskulen") == lemmas("kulturskolen") == ["kulturskole"]
    assert lemmas("økonomien") == lemmas("økonomi") == ["økonomi"]
    assert lemmas("samhandlinga") == lemmas("samhandling") == ["samhandling"]
    assert lemmas("politikarar") == lemmas("politikere") == ["politiker"]
    assert lemmas("skulen") == lemmas("skolen") == ["skole"]
    assert lemmas("synleg") == lemmas("synlig") == lemmas("synlegheit") == ["synlig"]
    assert lemmas("møteplassar") == lemmas("møteplasser") == ["møteplass"]
    assert lemmas("lærarane") == lemmas("lærerne") == ["lærer"]
    assert lemmas("kulturskulelærar") == lemmas("kulturskolelærere")
    assert lemmas("tilbodet") == lemmas("tilbudet") == ["tilbud"]
    assert lemmas("forankra") == lemmas("forankring") == ["forankring"]


def test_stopwords_numbers_and_short_words_are_dropped():
    assert Preparer().lemmas("Det er ikkje så mykje vi kan gjere med 5 av dei") == []
    assert Preparer().lemmas("Vi må ha 2 ting på plass i år") == ["plass"]
    # Capitalised acronyms of two letters are kept: KS is one of the national actors.
    assert Preparer().lemmas("KS og Udir") == ["ks", "udir"]


def test_boilerplate_words_are_dropped():
    preparer = Preparer(
        [
            "Hva skal til for å få til bedre samhandling hos oss – på alle nivåer?",
            "Gruppe 2, Oslo",
            "Lindesnes",
        ]
    )
    text = "Gruppe 2 i Oslo og Lindesnes: bedre samhandlinga på alle nivå krev økonomi"
    assert preparer.lemmas(text) == ["kreve", "økonomi"]
    assert Preparer().lemmas("rom 7, gruppe 3") == []


@pytest.mark.parametrize(
    ("text", "points"),
    [
        (
            "Bli betre kjent med kvarandre - ha faste møtepunkt - ha god dialog - sette av tid.",
            [
                "Bli betre kjent med kvarandre",
                "ha faste møtepunkt",
                "ha god dialog",
                "sette av tid.",
            ],
        ),
        ("• Økonomi\n• Tid\n• Møteplasser", ["Økonomi", "Tid", "Møteplasser"]),
        ("- Økonomi.\n- Involvere brukere og\nandre i større grad", None),
        ("1. Rektormøte\n2. Kurs- og plandager\n3) Felles mål", None),
        ("Gode rutiner\nØkonomi\nFelles forståelse\nTid", None),
        ("Tilbud til 1.-4. klasse og 5-10 elever i kulturskule-prosjektet", None),
        ("Kombinerte stillinger i grunnskole og kulturskole - uønsket deltid.", None),
    ],
)
def test_split_points(text, points):
    expected = {
        "- Økonomi.\n- Involvere brukere og\nandre i større grad": [
            "Økonomi.",
            "Involvere brukere og andre i større grad",
        ],
        "1. Rektormøte\n2. Kurs- og plandager\n3) Felles mål": [
            "Rektormøte",
            "Kurs- og plandager",
            "Felles mål",
        ],
        "Gode rutiner\nØkonomi\nFelles forståelse\nTid": [
            "Gode rutiner",
            "Økonomi",
            "Felles forståelse",
            "Tid",
        ],
        # Hyphenated words, ranges and one dash in a sentence are no list.
        "Tilbud til 1.-4. klasse og 5-10 elever i kulturskule-prosjektet": [
            "Tilbud til 1.-4. klasse og 5-10 elever i kulturskule-prosjektet"
        ],
        "Kombinerte stillinger i grunnskole og kulturskole - uønsket deltid.": [
            "Kombinerte stillinger i grunnskole og kulturskole - uønsket deltid."
        ],
    }
    assert split_points(text) == (points if points is not None else expected[text])


def test_wrapped_prose_stays_one_point():
    text = "Samarbeid med skule er utfordrande med tanke på at\nskulen sin rammeplan er rigid."
    assert split_points(text) == [text.replace("\n", " ")]


# ---------------------------------------------------------------------------- topics


def test_seed_002_topics_are_well_formed():
    items, _boilerplate = seed()
    preparer = Preparer(seed()[1])
    by_key = {item.key: item for item in items}
    topics = seed_topics()
    assert 8 <= len(topics) <= 20
    order = [(-t.groups, -t.points, t.label) for t in topics]
    assert order == sorted(order)
    for topic in topics:
        assert topic.label and topic.label[0].isupper()
        assert len(topic.label.split(", ")) <= 3
        assert topic.points == len(topic.keys) == len(set(topic.keys))
        assert topic.groups == len({by_key[key].group for key in topic.keys}) >= 2
        # Every label word is a lemma some point of the topic really writes.
        written = {w for key in topic.keys for w in preparer.lemmas(by_key[key].text)}
        for word in topic.label.lower().split(", "):
            assert word in written, (topic.label, word)
        assert 1 <= len(topic.quotes) <= 3 and set(topic.quotes) <= set(topic.keys)
        quote_groups = [by_key[key].group for key in topic.quotes]
        assert len(set(quote_groups)) == len(quote_groups)  # different groups here
        assert topic.words[0] in written and len(topic.words) <= 10


def test_seed_002_organisers_recognise_the_main_topics():
    labels = " / ".join(t.label.lower() for t in seed_topics()[:10])
    for word in ("økonomi", "forankring", "møte", "tid", "kompetanse", "gratis"):
        assert word in labels, labels


def test_seed_002_agrees_with_the_hand_reference():
    items, _boilerplate = seed()
    reference = load_reference(REFERENCE)
    assert len(reference.codes) >= 120
    texts = {item.key: item.text for item in items}
    for key, text in reference.texts.items():
        assert texts[key] == text, f"the parser's point {key} changed: recode the reference"
    result = agreement(seed_topics(), reference)
    assert result.main_topics == 13
    assert result.coverage >= MIN_COVERAGE, (result.appeared, result.missing)
    assert result.ami >= MIN_AMI


def test_per_theme_and_question_topics_keep_the_seminar_labels():
    items, _boilerplate = seed()
    topics = seed_topics()
    by_key = {item.key: item for item in items}
    for question in (1, 2, 3, 4):
        within = topics_within(topics, items, lambda i, q=question: (i.theme, i.question) == (1, q))
        assert within and {t.label for t in within} <= {t.label for t in topics}
        for topic in within:
            assert all((by_key[k].theme, by_key[k].question) == (1, question) for k in topic.keys)
            assert set(topic.quotes) <= set(topic.keys)


def test_no_items_or_no_shared_words_give_no_topics():
    assert find_topics([]) == []
    assert find_topics([Item(1, "Økonomi", "a"), Item(2, "Rektormøte", "b")]) == []


def test_progress_is_reported_from_zero_to_one():
    shares = []
    items, boilerplate = seed()
    find_topics(items[:60], boilerplate=boilerplate, progress=shares.append)
    assert shares[0] == 0.0 and shares[-1] == 1.0 and shares == sorted(shares)


# ---------------------------------------------------------------------------- determinism

_RUN = """
import json, sys
sys.path.insert(0, {root!r})
from samspill.seminars import padlet
from samspill.seminars.synthesis.board import boilerplate_from_board, items_from_board
from samspill.seminars.synthesis.topics import find_topics
board = padlet.parse_text(open({seed!r}, encoding="utf-8").read())
topics = find_topics(items_from_board(board), boilerplate=boilerplate_from_board(board))
print(json.dumps([[t.label, t.words, t.keys, t.groups, t.quotes] for t in topics]))
"""


def test_same_input_gives_same_topics_whatever_the_hash_seed():
    code = _RUN.format(root=str(ROOT), seed=str(SEED))
    outputs = []
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0] == [[t.label, t.words, t.keys, t.groups, t.quotes] for t in seed_topics()]


# ---------------------------------------------------------------------------- stability

# Stable means: after one point is added, at least 85 % of the points that had a topic
# keep a topic with the same label, and at least 80 % of the topics are matched to a new
# topic with membership Jaccard ≥ 0.8. Measured 2026-11-22 over these eight points: the
# label share was 0.86–1.00 (median 1.00), matched topics 12–14 of 14.
ADDED_POINTS = [
    "Vi trenger mer penger og tid til samarbeid med skolen.",
    "Kulturkarusellen i SFO bør bli gratis for alle.",
    "Politisk forankring er viktig.",
    "Synlighet!",
    "Lærarane treng meir kompetanse i gruppeundervisning.",
    "Dans og teater i barnehagen",
    "Rektormøter",
    "Mangfold og inkludering",
]


def _labels_by_key(topics):
    labels: dict[int, set[str]] = {}
    for topic in topics:
        for key in topic.keys:
            labels.setdefault(key, set()).add(topic.label)
    return labels


@pytest.mark.parametrize("text", ADDED_POINTS)
def test_one_added_point_leaves_the_topics_essentially_the_same(text):
    items, boilerplate = seed()
    before = seed_topics()
    after = find_topics([*items, Item(100_000, text, "Ny gruppe", 1, 1)], boilerplate=boilerplate)
    old, new = _labels_by_key(before), _labels_by_key(after)
    kept = sum(1 for key, labels in old.items() if labels & new.get(key, set()))
    assert kept / len(old) >= 0.85
    matched = match_topics(
        [frozenset(t.keys) for t in before], [frozenset(t.keys) for t in after], threshold=0.8
    )
    assert len(matched) >= 0.8 * len(before)


# ---------------------------------------------------------------------------- matching


def test_match_topics_is_greedy_one_to_one_and_deterministic():
    old = [frozenset({1, 2, 3}), frozenset({4, 5}), frozenset({9})]
    new = [frozenset({4, 5, 6}), frozenset({1, 2, 3, 7}), frozenset({1, 2})]
    assert match_topics(old, new) == {0: 1, 1: 0}
    assert match_topics(old, new, threshold=0.9) == {}
    # Equal overlaps: the lower indices win.
    assert match_topics([frozenset({1}), frozenset({1})], [frozenset({1})]) == {0: 0}
    assert match_topics([], new) == {}


def test_quotes_prefer_different_groups():
    items = [Item(i, "Økonomi og midler", "a" if i < 5 else "b") for i in range(1, 9)]
    items += [Item(20 + i, "Rektormøte og dialog", "c" if i % 2 else "d") for i in range(6)]
    topics = find_topics(items)
    assert topics
    by_key = {item.key: item for item in items}
    for topic in topics:
        groups = Counter(by_key[key].group for key in topic.quotes)
        assert max(groups.values()) == 1 or len(groups) == topic.groups
