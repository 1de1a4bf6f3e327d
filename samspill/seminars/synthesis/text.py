"""Text preparation for the synthesis: split posts into points, and points into lemmas.

Groups write bokmål and nynorsk, in full sentences or in keywords, with bullets of every
kind. The topic finder needs each point as a list of normalised content words, so that
"kulturskulen" and "kulturskolen", "økonomien" and "økonomi", "samhandlinga" and
"samhandling" are one word. The steps, per word:

1. lemmatise with simplemma, bokmål first and nynorsk if bokmål does not know the word
   (simplemma has no single "Norwegian");
2. fold nynorsk lemmas to bokmål: a short list of words that differ (leiar → leder), and
   spelling rules (skule → skole, -ar → -er, -leg → -lig, -heit → -het) that are only
   accepted when the result is a bokmål word or a compound of bokmål words;
3. fold a few derivations to one base, so that "forankre" and "forankring", "synlig" and
   "synlighet" count as one;
4. drop stopwords (Snowball and stopwords-iso, see data/README.md), the seminar's own
   boilerplate (question texts, group and place names, municipality names), numbers and
   words of one or two letters (capitalised acronyms such as "KS" are kept).
"""

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import simplemma

DATA = Path(__file__).resolve().parent / "data"

# ---------------------------------------------------------------------------- splitting

# A bullet at the start of a line: •, -, *, –, "1.", "1)", "a)", "A." or "1B".
_BULLET = re.compile(
    r"^\s*(?:[•\-*–—·▪●◦]+|\(?\d{1,2}[A-Za-z]?[.)]|\d{1,2}[A-Za-z]?\s|[A-Ha-h][.)])\s*"
)
# Inline list separators: " - " or " – " with space on both sides, not between numbers.
_INLINE_DASH = re.compile(r"(?<!\d)\s+[-–—]\s+(?!\d)")
_INLINE_BULLET = re.compile(r"\s*[•▪●]\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"“(])")
# Words per part below which a dash-separated line is read as a keyword list.
_LIST_PART_WORDS = 10
# Lines of at most this many words, three or more of them, are read as one point each.
_SHORT_LINE_WORDS = 6


def _is_bulleted(line: str) -> bool:
    match = _BULLET.match(line)
    if not match:
        return False
    rest = line[match.end() :]
    # "1.-4. klasse", "5-10 elever": a range, not a bullet.
    return not re.match(r"^[-–]?\s*\d", rest) and not re.match(r"^\s*\d+[.,]?\d*\s*%", rest)


def _strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip() if _is_bulleted(line) else line.strip()


def _split_inline(text: str) -> list[str]:
    """ "a - b - c" written on one line is a list when it has 3+ short parts."""
    text = text.strip()
    bullets = [p for p in _INLINE_BULLET.split(text) if p.strip()]
    if len(bullets) > 1:
        return [part for bullet in bullets for part in _split_inline(bullet)]
    parts = [p.strip() for p in _INLINE_DASH.split(text)]
    if len(parts) >= 3 and all(0 < len(p.split()) <= _LIST_PART_WORDS for p in parts):
        return parts
    return [text] if text else []


def split_points(text: str) -> list[str]:
    """The separate points in one post's text, in order.

    Newline bullets (•, -, *, "1.", "a)") start a new point and wrapped lines continue
    the one before; several short lines without bullets are a keyword list, one point
    each; "a - b - c" on one line (three or more short parts) is split too. Hyphenated
    words ("kulturskule-prosjektet") and ranges ("1.-4. klasse", "5-10") are not split.
    """
    lines = [line for line in text.replace("\r", "").split("\n") if line.strip()]
    if not lines:
        return []
    if not any(_is_bulleted(line) for line in lines):
        short = all(len(line.split()) <= _SHORT_LINE_WORDS for line in lines)
        if len(lines) >= 3 and short:
            blocks = [line.strip() for line in lines]
        else:
            blocks = [" ".join(line.strip() for line in lines)]
    else:
        blocks = []
        for line in lines:
            if _is_bulleted(line) or not blocks:
                blocks.append(_strip_bullet(line))
            else:
                blocks[-1] = f"{blocks[-1]} {line.strip()}"
    points = []
    for block in blocks:
        points += _split_inline(_strip_bullet(block))
    return [re.sub(r"\s+", " ", p).strip(" -–") for p in points if re.search(r"\w", p)]


def split_sentences(text: str) -> list[str]:
    """Sentences of one point: long points often raise several topics."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]


# ---------------------------------------------------------------------------- lemmas

# Nynorsk lemmas whose bokmål form no spelling rule finds.
NYNORSK_WORDS = {
    "leiar": "leder",
    "leiing": "ledelse",
    "born": "barn",
    "tilsett": "ansatt",
    "tilsette": "ansatt",
    "mogleg": "mulig",
    "moglegheit": "mulighet",
    "heilskapleg": "helhetlig",
    "heilskap": "helhet",
    "vaksen": "voksen",
    "døme": "eksempel",
    "rettleiing": "veiledning",
    "fråvær": "fravær",
    "brei": "bred",
    "låg": "lav",
    "eigarskap": "eierskap",
    "eigen": "egen",
    "kvarandre": "hverandre",
    "fleire": "flere",
    "saman": "sammen",
    "samanheng": "sammenheng",
    "auke": "øke",
    "løyse": "løse",
    "løyve": "bevilge",
    "tilbod": "tilbud",
    "pengar": "penger",
    "penge": "penger",
    "midlar": "midler",
    "middel": "midler",
    "ungar": "unge",
    "ungane": "unge",
    "fordjupning": "fordypning",
    "kjem": "komme",
    "korleis": "hvordan",
    "synleg": "synlig",
    "synlegheit": "synlighet",
}

# Spelling rules from nynorsk to bokmål: (pattern, replacement, also for bokmål words?).
# Rules marked False only touch words bokmål does not know ("lærar", not "klar").
NYNORSK_RULES = [
    (re.compile(r"skule"), "skole", True),
    (re.compile(r"tilbod"), "tilbud", True),
    (re.compile(r"teneste"), "tjeneste", True),
    (re.compile(r"leiing"), "ledelse", True),
    (re.compile(r"leiar"), "leder", True),
    (re.compile(r"midlar$"), "midler", True),
    (re.compile(r"middel$"), "midler", True),
    (re.compile(r"karussell"), "karusell", True),
    (re.compile(r"^låg"), "lav", False),
    (re.compile(r"leik"), "lek", False),
    (re.compile(r"mogleg"), "mulig", False),
    (re.compile(r"saman"), "sammen", False),
    (re.compile(r"legheita?$"), "lighet", False),
    (re.compile(r"heita?$"), "het", False),
    (re.compile(r"leg$"), "lig", False),
    (re.compile(r"ar$"), "er", False),
]

# Derivations folded to one base form, so that a topic's words are not split between
# "forankre" and "forankring". Verbs in -ere fold to their noun in -ering by rule.
DERIVED = {
    "økonomisk": "økonomi",
    "finansiere": "finansiering",
    "synliggjøre": "synlig",
    "synlighet": "synlig",
    "tilgjengelighet": "tilgjengelig",
    "politisk": "politikk",
    "samarbeide": "samarbeid",
    "samhandle": "samhandling",
    "kompetansehevning": "kompetanseheving",
    "forankret": "forankring",
    "betale": "betaling",
    "rekrutteringsarena": "rekruttering",
    "gratistilbud": "gratis",
    "forankre": "forankring",
    "prioritere": "prioritering",
    "rekruttere": "rekruttering",
    "involvere": "involvering",
    "organisere": "organisering",
    "informere": "informasjon",
    "kommunisere": "kommunikasjon",
    "danse": "dans",  # simplemma reads the noun "dans" as the verb
    "led": "leder",  # simplemma reads "leder" (leader) as the verb "lede"
}

# Abbreviations the groups use, spelled out; acronyms are kept as written.
ABBREVIATIONS = {"bh": "barnehage", "bhg": "barnehage", "barnhage": "barnehage", "u-dir": "udir"}
# Words of the domain that simplemma does not know; needed for compound splitting.
DOMAIN_WORDS = {"kulturskole", "sfo", "dks", "udir", "ukm", "kulturkarusell", "lavterskel"}
# How acronyms are shown in labels.
DISPLAY = {"sfo": "SFO", "dks": "DKS", "ks": "KS", "udir": "Udir", "ukm": "UKM", "nav": "NAV"}

# Words of any seminar on a Padlet board: how groups head their boxes.
SEMINAR_WORDS = (
    "gruppe rom dialogtema tema spørsmål spm svar gruppebesvarelse padlet https http www com "
    "wish pri del eks feks osv etc mm ref"
)

# stopwords-iso words kept as content: they name what groups talk about ("tid", "verdi").
KEPT_FROM_ISO = {
    "tid", "verdi", "arbeid", "makt", "folk", "lik", "like", "part", "start", "rett",
    "riktig", "navn", "punkt", "ny", "lang", "slutt", "tilstand", "god", "bruke",
}  # fmt: skip

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LANGS = ("nb", "nn")


def _load_stopwords() -> frozenset[str]:
    with (DATA / "stoppord_norsk_snowball.csv").open(encoding="utf-8") as f:
        words = {row["ord"].strip().lower() for row in csv.DictReader(f)}
    iso = (DATA / "stoppord_norsk_stopwords-iso.txt").read_text(encoding="utf-8").split()
    words |= {w.strip().lower() for w in iso} - KEPT_FROM_ISO
    # A few function words neither list has, as groups write them.
    words |= {"hos", "gjennom", "innenfor", "pga", "mtp", "ift", "fht", "evt", "ev", "nok"}
    words |= {"bør", "burde", "må", "kanskje", "gjerne", "også", "veldig", "litt", "ulik"}
    words |= {"få", "gjøre", "gjere", "trenge", "ta", "gi", "komme", "se", "sjå", "vere"}
    words |= {"være", "ha", "eit", "ein", "dei", "ikkje", "mykje", "kva", "kven", "no"}
    generic = (DATA / "generelle_ord.txt").read_text(encoding="utf-8").splitlines()
    words |= {w.strip() for w in generic if w.strip() and not w.startswith("#")}
    return frozenset(words)


STOPWORDS = _load_stopwords()


def load_word_groups(path: Path = DATA / "ordgrupper.txt") -> dict[str, frozenset[str]]:
    """Word groups (data/ordgrupper.txt): group name → its lemmas."""
    groups = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, words = line.split(":", 1)
            groups[name.strip()] = frozenset(lemma(w) for w in words.split())
    return groups


@lru_cache(maxsize=200_000)
def _known_nb(word: str) -> bool:
    return word in DOMAIN_WORDS or simplemma.is_known(word, lang="nb")


@lru_cache(maxsize=200_000)
def _known_any(word: str) -> bool:
    return word in DOMAIN_WORDS or simplemma.is_known(word, lang=_LANGS)


def compound_parts(word: str) -> tuple[str, str] | None:
    """`word` as modifier + head: known words of 4+ and 3+ letters (with a linking s/e).

    The modifier needs four letters so that "alltid" and "fritid" are not "tid".
    """
    for cut in range(len(word) - 3, 3, -1):  # the longest modifier first
        head, tail = word[:cut], word[cut:]
        if not _known_nb(tail):
            continue
        if _known_nb(head):
            return head, tail
        if head[-1] in "se" and len(head) > 4 and _known_nb(head[:-1]):
            return head[:-1], tail
    return None


def _bokmaal_or_compound(word: str) -> bool:
    return _known_nb(word) or compound_parts(word) is not None


@lru_cache(maxsize=200_000)
def to_bokmaal(lemma: str) -> str:
    """A nynorsk lemma in its bokmål form, if one is found; else the lemma unchanged."""
    if lemma in NYNORSK_WORDS:
        return NYNORSK_WORDS[lemma]
    known = _known_nb(lemma)
    candidate = lemma
    for pattern, replacement, always in NYNORSK_RULES:
        if always or not known:
            candidate = pattern.sub(replacement, candidate)
    if candidate != lemma and _bokmaal_or_compound(candidate):
        return candidate
    return lemma


@lru_cache(maxsize=200_000)
def lemma(token: str) -> str:
    """The normalised lemma of one lower-case word."""
    token = ABBREVIATIONS.get(token, token)
    if "-" in token:
        joined = token.replace("-", "")
        token = joined if _known_any(joined) or min(map(len, token.split("-"))) <= 2 else token
    if token in DOMAIN_WORDS:
        base = token
    elif simplemma.is_known(token, lang="nb"):
        base = simplemma.lemmatize(token, lang="nb")
    elif simplemma.is_known(token, lang="nn"):
        base = simplemma.lemmatize(token, lang="nn")
    else:  # unknown, often a compound: "musikkleik", "kulturskulane"
        spelled = to_bokmaal(token)
        if spelled != token:
            base = simplemma.lemmatize(spelled, lang="nb")
        else:  # take the language whose lemmatiser changes it
            base = simplemma.lemmatize(token, lang="nb")
            if base == token:
                base = simplemma.lemmatize(token, lang="nn")
    base = to_bokmaal(base.lower())
    base = DERIVED.get(base, base)
    return base


@lru_cache(maxsize=200_000)
def _plain_lemma(token: str) -> str:
    """simplemma's lemma before any folding: "gjøre" is a stopword, "gjøring" is not."""
    return simplemma.lemmatize(token, lang=_LANGS).lower()


def display(word: str) -> str:
    return DISPLAY.get(word, word)


class Preparer:
    """Turns a point's text into content lemmas, ignoring this seminar's boilerplate.

    `boilerplate` is free text whose words must not count: the question texts (not the
    introductions, which name real topics such as "kompetanse"), group names, places and
    rooms, and the names of Norway's municipalities (the caller passes them).
    """

    def __init__(self, boilerplate: Iterable[str] = ()):
        ignored = set(SEMINAR_WORDS.split())
        for text in boilerplate:
            for token in self._tokens(text or ""):
                ignored.add(token.lower())
                ignored.add(lemma(token.lower()))
        self.boilerplate = frozenset(ignored)
        self._cache: dict[str, tuple[str, ...]] = {}

    @staticmethod
    def _tokens(text: str) -> list[str]:
        tokens = []
        for token in _TOKEN.findall(text):
            # Hyphenated words count as their parts, unless a part is an abbreviation
            # ("U-dir") or the whole is one known word ("e-post" → handled by lemma()).
            parts = token.split("-")
            if len(parts) > 1 and min(map(len, parts)) > 2:
                tokens += parts
            else:
                tokens.append(token)
        return tokens

    def _keep(self, token: str, lemma_: str) -> bool:
        lower = token.lower()
        if lemma_ in STOPWORDS or lower in STOPWORDS or _plain_lemma(lower) in STOPWORDS:
            return False
        if lemma_ in self.boilerplate or token.lower() in self.boilerplate:
            return False
        if len(lemma_) <= 2:
            return token.isupper() and len(token) == 2  # "KS", not "bl"
        return True

    def lemmas(self, text: str) -> list[str]:
        """Content lemmas of `text` in order, lower case, bokmål."""
        out = []
        for token in self._tokens(text):
            lower = token.lower()
            lem = lemma(lower)
            if self._keep(token, lem):
                out.append(lem)
        return out

    def features(self, text: str) -> tuple[str, ...]:
        """`lemmas(text)` as a tuple, cached: the topic finder asks for each text twice."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = tuple(self.lemmas(text))
        return cached
