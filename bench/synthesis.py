"""Benchmark of the seminar synthesis (`make bench-synthesis`). Not a test: it measures.

- seed 002 (379 points): time of find_topics, the top-ten labels, and agreement with the
  hand reference (samspill/seminars/tests/data/reference_002.toml);
- 10 000 points built from seed 002's points, resampled across 400 synthetic groups with
  small word changes (seeded, so every run builds the same set): time and peak memory.

Targets (issue 5): seed 002 under 10 s; 10 000 points under 60 s and 1.5 GiB.
Peak memory is the process's maximum RSS (resource.getrusage), so it includes Python,
numpy, scipy and scikit-learn themselves.
"""

import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samspill.seminars import padlet  # noqa: E402
from samspill.seminars.synthesis.board import (  # noqa: E402
    boilerplate_from_board,
    items_from_board,
)
from samspill.seminars.synthesis.quality import agreement, load_reference  # noqa: E402
from samspill.seminars.synthesis.topics import Item, find_topics  # noqa: E402

SEED = ROOT / "demo" / "seeds" / "002_dialogseminar_2023_padlet.txt"
REFERENCE = ROOT / "samspill" / "seminars" / "tests" / "data" / "reference_002.toml"

# Small word changes: bokmål ↔ nynorsk forms and fillers, as another group might write.
VARIANTS = [
    ("kulturskolen", "kulturskulen"),
    ("skolen", "skulen"),
    ("lærere", "lærarar"),
    ("økonomi", "økonomien"),
    ("tilbud", "tilbod"),
    ("ikke", "ikkje"),
    ("mye", "mykje"),
]
FILLERS = ["Viktig.", "Enig.", "Det må til.", "Her også.", "Bør prioriteres."]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def large_set(items: list[Item], count: int = 10_000, groups: int = 400) -> list[Item]:
    rng = random.Random(5)  # seeded: the same set every run
    out = []
    for key in range(1, count + 1):
        source = items[rng.randrange(len(items))]
        words = source.text.split()
        if len(words) > 4 and rng.random() < 0.5:
            del words[rng.randrange(len(words))]
        text = " ".join(words)
        for bokmaal, nynorsk in VARIANTS:
            if rng.random() < 0.3:
                text = text.replace(bokmaal, nynorsk)
        if rng.random() < 0.2:
            text += " " + rng.choice(FILLERS)
        group = f"Syntetisk gruppe {rng.randrange(groups) + 1}"
        out.append(Item(key, text, group, source.theme, source.question))
    return out


def main() -> None:
    board = padlet.parse_text(SEED.read_text(encoding="utf-8"))
    items, boilerplate = items_from_board(board), boilerplate_from_board(board)

    start = time.perf_counter()
    topics = find_topics(items, boilerplate=boilerplate)
    seed_seconds = time.perf_counter() - start
    reference = load_reference(REFERENCE)
    result = agreement(topics, reference)
    print(f"seed 002: {len(items)} points, {len(topics)} topics in {seed_seconds:.2f} s")
    print(
        f"agreement: {result.coverage} of {result.main_topics} hand-coded main topics "
        f"in the top ten, AMI {result.ami:.3f}; missing: {', '.join(result.missing)}"
    )
    by_rank = {rank: code for code, rank in result.appeared.items()}
    for rank, topic in enumerate(topics[:10], 1):
        hand = by_rank.get(rank - 1, "")
        print(f"  {rank:2}. {topic.label} ({topic.groups} groups, {topic.points} points) {hand}")

    large = large_set(items)
    start = time.perf_counter()
    large_topics = find_topics(large, boilerplate=boilerplate)
    large_seconds = time.perf_counter() - start
    print(
        f"10 000 points ({len({i.group for i in large})} groups): {len(large_topics)} topics "
        f"in {large_seconds:.1f} s; peak RSS {peak_rss_mib():.0f} MiB"
    )
    for rank, topic in enumerate(large_topics[:10], 1):
        print(f"  {rank:2}. {topic.label} ({topic.groups} groups, {topic.points} points)")


if __name__ == "__main__":
    main()
