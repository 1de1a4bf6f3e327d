"""Repairing the "fl"/"fi" ligatures that PDF text extraction turned into U+FFFD."""

from pathlib import Path

import pytest

from samspill.seminars import ligatures

SEED = Path(__file__).resolve().parents[3] / "demo/seeds/002_dialogseminar_2023_padlet.txt"
DAMAGED = "\ufffd"


@pytest.fixture(scope="module")
def seed():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repaired(seed):
    return ligatures.repair(seed)


def test_the_seed_has_no_damaged_character_left(seed, repaired):
    assert DAMAGED in seed
    assert DAMAGED not in repaired
    assert len(repaired) == len(seed) + seed.count(DAMAGED)  # one letter more per repair


def test_the_seed_needs_71_repairs(seed):
    # Counted by hand with `grep -o '�' 002_….txt | wc -l`: 71 damaged characters, one
    # per damaged word (no word has two).
    assert len(ligatures.find_repairs(seed)) == 71


# Each read in context in the seed: (damaged as in the seed, as it must read, line).
SAMPLES = [
    ("for å �ere barn og unge", "for å flere barn og unge", 32),  # bokmål
    ("Kven skal\n�nansiere dette?", "Kven skal\nfinansiere dette?", 148),  # nynorsk
    ("ein\nny de�ninsjon av", "ein\nny defininsjon av", 152),  # the group's typo is kept
    ("4 eit de�nisjonsspørsmål", "4 eit definisjonsspørsmål", 731),
    ("ungdomsråd, m.�.", "ungdomsråd, m.fl.", 184),  # the abbreviation "med flere"
    ("Det må �nnes et initiativ", "Det må finnes et initiativ", 218),
    ("må ofte �ytte saker", "må ofte flytte saker", 291),
    ("en lojalitetskon�ikt mellom", "en lojalitetskonflikt mellom", 434),
    ("Kan man bli �inkere til", "Kan man bli flinkere til", 436),
    ("vet �nt lite om", "vet fint lite om", 440),
    ("senter for �erspråklig barn", "senter for flerspråklig barn", 516),
    ("startfasen,\nre�eksjon.", "startfasen,\nrefleksjon.", 563),
    ("Undervisnings/info-�lmar.", "Undervisnings/info-filmar.", 568),  # nynorsk
    ("involvert �eire aktørar", "involvert fleire aktørar", 569),  # nynorsk
    ("at skulen �nn nye måtar", "at skulen finn nye måtar", 649),  # nynorsk
    ("betaling, �erfagsrabatt.", "betaling, flerfagsrabatt.", 907),
    ("ulik pro�l", "ulik profil", 954),
    ("�nns ikke pålegg", "finns ikke pålegg", 1064),
    ("kulturelt �erbruk,", "kulturelt flerbruk,", 1070),
    ("nærmere re�ekterer barn", "nærmere reflekterer barn", 1118),
    ("ring og\n�yktni\nngepoli", "ring og\nflyktni\nngepoli", 1211),  # a word cut by a column
    ("kjempe�nt ut", "kjempefint ut", 1441),
    ("og �kk inn 6000", "og fikk inn 6000", 1470),
    ("Personal�yt i kommunene", "Personalflyt i kommunene", 1549),
    ("danseklubber\n�ytter inn", "danseklubber\nflytter inn", 1599),
]


@pytest.mark.parametrize(("damaged", "expected", "line"), SAMPLES)
def test_samples_read_in_the_seed(seed, repaired, damaged, expected, line):
    assert damaged in seed, f"sample from line {line} is not in the seed"
    assert expected in repaired


@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [
        ("Det er �ere her.", "Det er flere her.", "ordbok"),
        ("Vi må �nansiere det.", "Vi må finansiere det.", "ordbok"),
        ("Ein ny de�nisjon.", "Ein ny definisjon.", "ordbok"),
        ("Eit o�entleg møte.", "Eit offentleg møte.", "ordbok"),  # "ff" too
        ("Personal�yt", "Personalflyt", "sammensetning"),  # personal + flyt
        ("Flere får �erfagsrabatt.", "Flere får flerfagsrabatt.", "dokumentet"),  # "fler"
        ("�erfagsrabatt", "flerfagsrabatt", "lydregel"),  # fl before a vowel
        ("�nns", "finns", "lydregel"),  # fi before a consonant
        ("a � b", "a fi b", "lydregel"),  # a lone one is no word: still no U+FFFD left
    ],
)
def test_each_way_of_deciding(text, expected, how):
    assert ligatures.repair(text) == expected
    assert [fix.how for fix in ligatures.find_repairs(text)] == [how]


def test_text_without_damage_is_left_alone():
    text = "Kulturskolen – for alle!\n\n«Flere» barn."
    assert ligatures.repair(text) == text
    assert ligatures.find_repairs(text) == []
