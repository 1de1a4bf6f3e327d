"""How well machine topics agree with a hand-coded reference (tests and bench/synthesis.py).

The reference codes a sample of points, one main topic per point. Two figures:

- coverage: how many of the hand-coded main topics "appear" among the machine's top ten.
  A hand topic appears when one top-ten machine topic holds at least `MIN_RECALL` of the
  hand topic's sample points and the hand topic is the most common code among that
  machine topic's coded points (so the machine topic is recognisably the same thing);
- adjusted mutual information (AMI) between the hand codes and the machine's main topic
  per sample point (its strongest topic, or "none"); 0 is chance, 1 is identical.
"""

import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import adjusted_mutual_info_score

from samspill.seminars.synthesis.topics import TopicProposal

MIN_RECALL = 0.3
MAIN_TOPIC_MIN_POINTS = 7


@dataclass(frozen=True)
class Reference:
    topics: dict[str, str]  # code → description
    codes: dict[int, str]  # item key → code
    texts: dict[int, str]  # item key → the point's text when it was coded

    def main_topics(self) -> list[str]:
        counts = Counter(self.codes.values())
        return sorted(c for c, n in counts.items() if n >= MAIN_TOPIC_MIN_POINTS)


def load_reference(path: Path) -> Reference:
    with path.open("rb") as f:
        data = tomllib.load(f)
    points = data["points"]
    return Reference(
        topics=dict(data["topics"]),
        codes={p["key"]: p["topic"] for p in points},
        texts={p["key"]: p["text"] for p in points},
    )


@dataclass(frozen=True)
class Agreement:
    appeared: dict[str, int]  # hand topic → rank (0-based) of the machine topic it matches
    missing: list[str]
    main_topics: int
    ami: float

    @property
    def coverage(self) -> int:
        return len(self.appeared)


def main_topic_of(topics: list[TopicProposal]) -> dict[int, int]:
    """Item key → index of its strongest topic (ties: the higher-ranked topic)."""
    best: dict[int, tuple[float, int]] = {}
    for index, topic in enumerate(topics):
        for key in topic.keys:
            score = topic.scores.get(key, 0.0)
            if key not in best or score > best[key][0]:
                best[key] = (score, index)
    return {key: index for key, (_score, index) in best.items()}


def agreement(topics: list[TopicProposal], reference: Reference, top: int = 10) -> Agreement:
    main = reference.main_topics()
    coded = reference.codes
    appeared: dict[str, int] = {}
    for rank, topic in enumerate(topics[:top]):
        codes = Counter(coded[key] for key in topic.keys if key in coded)
        if not codes:
            continue
        most = max(codes.values())
        leaders = sorted(code for code, n in codes.items() if n == most)
        for code in leaders:
            size = sum(1 for c in coded.values() if c == code)
            if code in main and code not in appeared and codes[code] / size >= MIN_RECALL:
                appeared[code] = rank
    strongest = main_topic_of(topics)
    keys = sorted(coded)
    machine = [str(strongest.get(key, "none")) for key in keys]
    ami = adjusted_mutual_info_score([coded[key] for key in keys], machine)
    return Agreement(
        appeared=appeared,
        missing=[code for code in main if code not in appeared],
        main_topics=len(main),
        ami=float(ami),
    )
