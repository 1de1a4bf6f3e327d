"""Recurring topics in what the groups of a dialogue seminar wrote.

Method (see docs/synthese-metode.md for the reader's version):

1. Each point is split into its parts (bullets, "a - b - c" lists) and sentences, and each
   sentence into content lemmas (text.Preparer). Compounds also count as their parts
   when the parts are words the groups use on their own ("rektormøte" → "møte").
2. Only words used by at least two groups are kept: a topic is something several groups
   raised. Sentences become TF-IDF vectors (scikit-learn).
3. Non-negative matrix factorisation (NMF, deterministic "nndsvda" start) finds k topics
   as weighted word lists; each sentence gets a weight per topic. A sentence belongs to
   its strongest topic when that topic explains enough of it; a point belongs to every
   topic one of its sentences belongs to.
4. Topics raised by fewer than two groups are dropped; each topic's label is its one to
   three most characteristic words that really occur in its points; quotes are the most
   typical points, from different groups.

Everything is sorted with explicit keys, so the result does not depend on hash order.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from samspill.seminars.synthesis.text import (
    STOPWORDS,
    Preparer,
    compound_parts,
    display,
    lemma,
    load_word_groups,
    split_points,
    split_sentences,
)


@dataclass(frozen=True)
class Item:
    """One point on the board, as the caller gives it."""

    key: int  # the Point's primary key
    text: str
    group: str  # a group key, to count distinct groups
    theme: int | None = None
    question: int | None = None


@dataclass
class TopicProposal:
    label: str  # "Økonomi, finansiering": 1–3 characteristic lemmas, capitalised
    words: list[str]  # characteristic lemmas, best first (up to 10)
    keys: list[int]  # Item keys in this topic, most representative first
    groups: int  # distinct groups among keys
    points: int  # len(keys)
    quotes: list[int]  # keys of up to 3 representative items, different groups first
    scores: dict[int, float] = field(default_factory=dict, repr=False)  # key → strength


# A sentence joins its strongest topic when that topic explains at least this share of
# the sentence's weight, and the sentence's weight on it is at least MIN_WEIGHT.
MIN_SHARE = 0.45
MIN_WEIGHT = 0.08
# A label word must weigh at least this share of the topic's first word.
LABEL_WEIGHT = 0.4
MAX_LABEL_WORDS = 3
MIN_GROUPS = 2
NMF_OPTIONS = {"init": "nndsvda", "random_state": 0, "max_iter": 2000, "tol": 1e-6}
WORD_GROUPS = load_word_groups()


TOPIC_STEPS = [(60, 6), (250, 10), (1000, 14), (3000, 18), (10000, 22)]


def topic_count(units: int) -> int:
    """How many topics NMF looks for: coarse steps, so one added point never changes it."""
    for limit, k in TOPIC_STEPS:
        if units < limit:
            return k
    return 26


def _units(items: Sequence[Item], preparer: Preparer) -> list[tuple[int, tuple[str, ...]]]:
    """(item index, lemmas) for every sentence of every part of every item."""
    units = []
    for index, item in enumerate(items):
        for part in split_points(item.text):
            for sentence in split_sentences(part):
                lemmas = preparer.features(sentence)
                if lemmas:
                    units.append((index, lemmas))
    return units


def _with_compound_parts(
    units: list[tuple[int, tuple[str, ...]]], vocabulary: set[str], preparer: Preparer
) -> list[list[str]]:
    """Each unit's lemmas plus the parts of its compounds that are words of the seminar."""
    expanded: dict[str, tuple[str, ...]] = {}
    out = []
    for _index, lemmas in units:
        words = list(lemmas)
        for word in lemmas:
            if word not in expanded:
                parts = tuple(map(lemma, compound_parts(word) or ()))
                if any(p in STOPWORDS for p in parts):
                    parts = ()  # "fremtid" is no "tid"
                expanded[word] = tuple(
                    p
                    for p in parts
                    if p in vocabulary
                    and p != word
                    and p not in preparer.boilerplate
                    and p not in STOPWORDS
                )
            words += expanded[word]
        out.append(words)
    return out


def _with_word_groups(documents: list[list[str]], word_groups) -> list[list[str]]:
    """Each document plus "~name" for every word group one of its words belongs to."""
    member_of: dict[str, list[str]] = defaultdict(list)
    for name in sorted(word_groups):
        for word in word_groups[name]:
            member_of[word].append(f"~{name}")
    out = []
    for words in documents:
        extra = sorted({tag for word in words for tag in member_of.get(word, ())})
        out.append(words + extra)
    return out


def find_topics(
    items: Sequence[Item],
    *,
    boilerplate: Iterable[str] = (),
    max_topics: int | None = None,
    progress: Callable[[float], None] | None = None,
    min_groups: int = MIN_GROUPS,
    word_groups: dict[str, frozenset[str]] | None = None,
) -> list[TopicProposal]:
    """Recurring topics among `items`, sorted by groups, points and label.

    Points that fit no topic are in none. The same items give the same topics.
    """
    if word_groups is None:
        word_groups = WORD_GROUPS
    report = progress or (lambda _share: None)
    report(0.0)
    items = sorted(items, key=lambda item: item.key)
    preparer = Preparer(boilerplate)
    units = _units(items, preparer)
    report(0.3)
    if not units:
        report(1.0)
        return []

    # Words at least `min_groups` groups used (as whole words), then compound parts.
    groups_of: dict[str, set[str]] = defaultdict(set)
    for index, lemmas in units:
        for word in lemmas:
            groups_of[word].add(items[index].group)
    vocabulary = {w for w, gs in groups_of.items() if len(gs) >= min_groups}
    documents = _with_compound_parts(units, vocabulary, preparer)
    documents = [[w for w in words if w in vocabulary] for words in documents]
    if word_groups:
        documents = _with_word_groups(documents, word_groups)
        vocabulary |= {f"~{name}" for name in word_groups}
    keep = [i for i, words in enumerate(documents) if words]
    if len(vocabulary) < 2 or len(keep) < 2:
        report(1.0)
        return []
    units = [units[i] for i in keep]
    documents = [documents[i] for i in keep]

    vectorizer = TfidfVectorizer(
        analyzer=lambda words: words, sublinear_tf=True, vocabulary=sorted(vocabulary)
    )
    matrix = vectorizer.fit_transform(documents)
    report(0.5)
    k = min(topic_count(len(units)), matrix.shape[0] - 1, matrix.shape[1] - 1)
    if k < 1:
        report(1.0)
        return []
    model = NMF(n_components=k, **NMF_OPTIONS)
    weights = model.fit_transform(matrix)
    components = model.components_
    norms = np.linalg.norm(components, axis=1)
    norms[norms == 0] = 1.0
    weights = weights * norms  # a unit's weight on each topic, on one scale
    components = components / norms[:, None]
    report(0.8)

    # Sentence → its dominant topic; item → strongest sentence per topic.
    scores: dict[int, dict[int, float]] = defaultdict(dict)  # topic → item index → score
    totals = weights.sum(axis=1)
    for row, (index, _lemmas) in enumerate(units):
        if totals[row] <= 0:
            continue
        best = int(np.argmax(weights[row]))
        weight = float(weights[row, best])
        if weight >= MIN_WEIGHT and weight / totals[row] >= MIN_SHARE:
            current = scores[best].get(index, 0.0)
            scores[best][index] = max(current, weight)

    terms = vectorizer.get_feature_names_out()
    item_lemmas = defaultdict(set)  # words written in full in each item, for labels
    for index, lemmas in units:
        item_lemmas[index].update(lemmas)

    proposals = []
    for topic in range(k):
        members = scores.get(topic)
        if not members:
            continue
        proposal = _proposal(items, members, components[topic], terms, item_lemmas)
        if proposal and proposal.groups >= min_groups:
            proposals.append(proposal)
    proposals = _merge_same_label(proposals, items)
    proposals.sort(key=lambda p: (-p.groups, -p.points, p.label, p.keys))
    report(1.0)
    return proposals[:max_topics] if max_topics else proposals


def _proposal(items, members, component, terms, item_lemmas) -> TopicProposal | None:
    order = sorted(members, key=lambda i: (-round(members[i], 9), items[i].key))
    ranked = [int(j) for j in np.argsort(-component, kind="stable") if component[j] > 0]
    # Characteristic words: the topic's heaviest words that its points write in full.
    written = Counter(word for i in order for word in item_lemmas[i])
    words = [str(terms[j]) for j in ranked if written[terms[j]]][:10]
    if not words:
        return None
    weight = {str(terms[j]): float(component[j]) for j in ranked}
    label_words = [w for w in words if weight[w] >= LABEL_WEIGHT * weight[words[0]]]
    label_words = label_words[:MAX_LABEL_WORDS]
    label = ", ".join(display(w) for w in label_words)
    label = label[:1].upper() + label[1:]
    keys = [items[i].key for i in order]
    return TopicProposal(
        label=label,
        words=words,
        keys=keys,
        groups=len({items[i].group for i in order}),
        points=len(keys),
        quotes=_quotes(items, order),
        scores={items[i].key: round(members[i], 6) for i in order},
    )


def _quotes(items: Sequence[Item], order: list[int], count: int = 3) -> list[int]:
    """The most typical items, one per group first, then the next best."""
    chosen, groups = [], set()
    for i in order:
        if items[i].group not in groups and len(chosen) < count:
            chosen.append(i)
            groups.add(items[i].group)
    for i in order:
        if len(chosen) >= count:
            break
        if i not in chosen:
            chosen.append(i)
    return [items[i].key for i in chosen]


def _merge_same_label(proposals: list[TopicProposal], items) -> list[TopicProposal]:
    """Two topics with the same first word are one topic for a reader: merge them."""
    by_key = {item.key: item for item in items}
    merged: dict[str, TopicProposal] = {}
    for proposal in sorted(proposals, key=lambda p: (-p.points, p.label)):
        head = proposal.words[0]
        if head not in merged:
            merged[head] = proposal
            continue
        base = merged[head]
        scores = dict(base.scores)
        for key, score in proposal.scores.items():
            scores[key] = max(score, scores.get(key, 0.0))
        keys = sorted(scores, key=lambda key: (-scores[key], key))
        words = base.words + [w for w in proposal.words if w not in base.words]
        index = {item.key: i for i, item in enumerate(items)}
        merged[head] = replace(
            base,
            words=words[:10],
            keys=keys,
            groups=len({by_key[key].group for key in keys}),
            points=len(keys),
            quotes=_quotes(items, [index[key] for key in keys]),
            scores=scores,
        )
    return list(merged.values())


def topics_within(
    topics: list[TopicProposal], items: Sequence[Item], keep: Callable[[Item], bool]
) -> list[TopicProposal]:
    """The seminar's topics restricted to some items (one theme, one question).

    Labels stay those of the whole seminar, so a reader sees the same topic names per
    question; counts and quotes are recomputed; topics left empty are dropped.
    """
    by_key = {item.key: item for item in items}
    wanted = [item for item in items if keep(item)]
    position = {item.key: i for i, item in enumerate(wanted)}
    out = []
    for topic in topics:
        keys = [key for key in topic.keys if key in position]
        if not keys:
            continue
        out.append(
            replace(
                topic,
                keys=keys,
                groups=len({by_key[key].group for key in keys}),
                points=len(keys),
                quotes=_quotes(wanted, [position[key] for key in keys]),
                scores={key: topic.scores[key] for key in keys if key in topic.scores},
            )
        )
    out.sort(key=lambda p: (-p.groups, -p.points, p.label))
    return out


def match_topics(
    old: list[frozenset[int]], new: list[frozenset[int]], threshold: float = 0.5
) -> dict[int, int]:
    """Old topic index → new topic index, by membership overlap (Jaccard).

    Greedy, best pair first, one-to-one; ties broken by the lower indices, so the
    answer is deterministic. Pairs below `threshold` are not matched.
    """
    pairs = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            union = len(a | b)
            score = len(a & b) / union if union else 0.0
            if score >= threshold and score > 0:
                pairs.append((-score, i, j))
    pairs.sort()
    matched: dict[int, int] = {}
    used = set()
    for _score, i, j in pairs:
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched
