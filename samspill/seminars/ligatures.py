"""Repair the "fl"/"fi" ligatures that PDF text extraction turned into U+FFFD.

A PDF set in a font with ligatures stores "fl" and "fi" (and, more rarely, "ff", "ffi",
"ffl") as one glyph; copying the text out of it often yields the replacement character
instead: "�ere" for "flere", "�nansiere" for "finansiere". Each damaged word is repaired
by the first of these checks that settles it:

1. dictionary: the candidate spelling is a known Norwegian word (bokmål or nynorsk,
   simplemma's word lists), e.g. "flere", "definisjonsspørsmål", "m.fl.";
2. compound: the candidate splits into two known words, e.g. "personal" + "flyt";
3. the document's own vocabulary: other words of the same text (undamaged, or repaired in
   step 1) contain the ligature with the same neighbouring letters, e.g. "fler" in
   "flerfagsrabatt" because the text also has "flere";
4. last resort, by the sound rules of Norwegian: "fl" is always followed by a vowel and
   "fi" hardly ever is, so "fl" before a vowel and "fi" otherwise.
"""

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import simplemma

DAMAGED = "\ufffd"
LANGUAGES = ("nb", "nn")
VOWELS = set("aeiouyæøå")

# A damaged word, or an abbreviation such as "m.�." (m.fl., "and others").
_DAMAGED_WORD = re.compile(rf"(?:\w\.)+{DAMAGED}\.|[\w{DAMAGED}]*{DAMAGED}[\w{DAMAGED}]*")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Repair:
    """One repaired word: where it starts in the text, as found, as repaired, and why."""

    start: int
    damaged: str
    repaired: str
    how: str  # "ordbok", "sammensetning", "dokumentet" or "lydregel"


@lru_cache(maxsize=20_000)
def _known(word: str) -> bool:
    return bool(word) and simplemma.is_known(word.lower(), lang=LANGUAGES)


def _candidates(word: str) -> list[str]:
    """Every spelling of `word` with each U+FFFD replaced, the likeliest first."""
    options = []
    for match in re.finditer(DAMAGED, word):
        following = word[match.end() : match.end() + 1].lower()
        # Step 4's sound rule also orders the candidates for the other steps.
        first = ["fl", "fi"] if following in VOWELS else ["fi", "fl"]
        options.append([*first, "ff", "ffi", "ffl"])
    pieces = word.split(DAMAGED)
    return [
        pieces[0]
        + "".join(letters + piece for letters, piece in zip(choice, pieces[1:], strict=True))
        for choice in itertools.product(*options)
    ]


def _is_compound(word: str) -> bool:
    """True if `word` is two known words, allowing the linking "s" or "e" of compounds."""
    lowered = word.lower().strip(".")
    for cut in range(3, len(lowered) - 2):
        head, tail = lowered[:cut], lowered[cut:]
        if _known(tail) and (_known(head) or (head[-1] in "se" and _known(head[:-1]))):
            return True
    return False


def _neighbourhood(damaged: str, candidate: str) -> str:
    """The ligature with up to two letters on each side: "fler" in "flerfagsrabatt"."""
    if damaged.count(DAMAGED) != 1:
        return candidate.lower()
    at = damaged.index(DAMAGED)
    width = len(candidate) - len(damaged) + 1
    return candidate[max(0, at - 2) : at + width + 2].lower()


def find_repairs(text: str) -> list[Repair]:
    """How each damaged word in `text` should be repaired, in text order."""
    matches = list(_DAMAGED_WORD.finditer(text))
    if not matches:
        return []
    decided: dict[int, tuple[str, str]] = {}
    for match in matches:  # step 1, which also feeds the vocabulary of step 3
        if not re.search(r"[^\W\d_]", match.group().replace(DAMAGED, "")):
            continue  # a lone "�" is no word to look up ("ff" is in the dictionary)
        known = next((c for c in _candidates(match.group()) if _known(c)), None)
        if known:
            decided[match.start()] = (known, "ordbok")
    vocabulary = " ".join(
        [w.lower() for w in _WORD.findall(text) if DAMAGED not in w]
        + [spelling.lower() for spelling, _how in decided.values()]
    )
    repairs = []
    for match in matches:
        damaged = match.group()
        spelling, how = decided.get(match.start(), (None, ""))
        candidates = _candidates(damaged)
        if spelling is None and damaged != DAMAGED:
            spelling = next((c for c in candidates if _is_compound(c)), None)
            how = "sammensetning"
        if spelling is None and damaged == DAMAGED:
            spelling, how = candidates[0], "lydregel"
        if spelling is None:
            counts = Counter({c: vocabulary.count(_neighbourhood(damaged, c)) for c in candidates})
            best, hits = counts.most_common(1)[0]
            spelling, how = (best, "dokumentet") if hits else (candidates[0], "lydregel")
        repairs.append(Repair(match.start(), damaged, spelling, how))
    return repairs


def repair(text: str) -> str:
    """`text` with every damaged ligature replaced by its most likely letters."""
    pieces, position = [], 0
    for fix in find_repairs(text):
        pieces += [text[position : fix.start], fix.repaired]
        position = fix.start + len(fix.damaged)
    return "".join(pieces) + text[position:]
