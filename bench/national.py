"""A deterministic national data set on top of the demo (issue 11).

    .venv/bin/python bench/national.py [--scale 1.0]

builds it in the database of DATABASE_URL (or a fresh SQLite database in a temporary
directory, with `migrate` and `load_demo` first) and prints what it made and how long
each part took, as one JSON line at the end. `bench/suite.py` (`make bench`) calls
`build()` itself.

At scale 1 (issue 11's figures):
- people in all 357 municipalities (3 each, with a position) and a coordinator login
  for each;
- 3 programmes with 60 participations each, made through the programmes' services as a
  coordinator and an adviser would (application, decision, contract, group, plan,
  gatherings held with attendance, instalments invoiced and paid, guidance);
- 50 seminars × 40 groups × 2 themes × 4 questions × 5 points = 80 000 points, and the
  topic analysis of the first of them;
- 30 agreements with 2 parties and 8 meetings each (agenda, decisions, follow-up items);
- a plan with 300 measures and 200 decisions (cases) with 3 follow-up points each;
- statistics for 357 municipalities × 20 school years (the demo's generator);
- 10 calls with 600 nominations each, a first round with 4 reviewers' scores on 3
  criteria for every nomination.

Volume goes in with bulk_create; what has rules (participations and their contracts,
instalments, history; seminars' join codes; the topic analysis) goes through the
services. `--scale` shrinks the counts (not the municipalities or the school years) for
development runs. The same scale gives the same data every time (seeded).
"""

import argparse
import copy
import datetime
import json
import os
import random
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Issue 11's counts at scale 1.
COUNTS = {
    "people_per_municipality": 3,
    "programmes": 3,
    "participations_per_programme": 60,
    "seminars": 50,
    "groups_per_seminar": 40,
    "themes": 2,
    "questions": 4,
    "points_per_question": 5,
    "agreements": 30,
    "meetings_per_agreement": 8,
    "measures": 300,
    "decisions": 200,
    "follow_ups_per_decision": 3,
    "school_years": 20,
    "calls": 10,
    "nominations_per_call": 600,
    "reviewers": 4,
}

PREFIX = "ytelse"  # slugs of everything the generator makes start with it
ADVISERS = [
    "veileder@samspill.test",
    "nora.nordhei@samspill.test",
    "tor.tromsdal@samspill.test",
]
WORDS = (  # noqa: SIM905 - a sentence of words reads better than a list
    "kulturskolen skolen samarbeid barn unge tilbud økonomi lærere kompetanse rektor "
    "politikere forankring frivillige lag SFO barnehage musikk dans teater visuell kunst "
    "møteplass dialog rammeplan ressurser stillinger pris friplass inkludering "
    "medvirkning nettverk region fylke kommune tid prosjekt synlighet informasjon "
    "samskaping"
).split()


def scaled(name, scale, minimum=1):
    return max(minimum, round(COUNTS[name] * scale))


def sentence(rng, words=8):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def build(scale=1.0, log=print):
    """Adds the national data set to a database that has the demo. Returns what the
    benchmark needs: the objects' addresses, the counts, the seconds per part."""
    from django.db import transaction

    parts = {}
    made = {}

    def part(name, function):
        start = time.perf_counter()
        with transaction.atomic():
            made[name] = function(scale)
        parts[name] = round(time.perf_counter() - start, 1)
        log(f"  {name}: {made[name].get('count', '')} in {parts[name]} s")

    part("people", _people)
    part("programmes", _programmes)
    part("seminars", _seminars)
    part("agreements", _agreements)
    part("strategy", _strategy)
    part("statistics", _statistics)
    part("grants", _grants)
    return {"scale": scale, "seconds": parts, "made": made}


# --- People -----------------------------------------------------------------------------


def _people(scale):
    from samspill.accounts.models import Role, User
    from samspill.members.models import Municipality, Person, Position

    titles = ["Kulturskoleleder", "Kommunalsjef oppvekst", "Rektor"]
    per = scaled("people_per_municipality", scale)
    municipalities = list(Municipality.objects.order_by("number"))
    pairs = [
        (
            Person(
                first_name=title.split()[0],
                last_name=f"{m.name} {i + 1}",
                email=f"{PREFIX}.{m.number}.{i + 1}@samspill.test",
                municipality=m,
            ),
            title,
        )
        for m in municipalities
        for i, title in enumerate(titles[:per])
    ]
    people = Person.objects.bulk_create([person for person, _ in pairs], batch_size=1000)
    Position.objects.bulk_create(
        [
            Position(person=p, municipality=p.municipality, title=t)
            for p, (_, t) in zip(people, pairs, strict=True)
        ],
        batch_size=1000,
    )
    have_coordinator = set(
        User.objects.filter(role=Role.COORDINATOR).values_list("municipality_id", flat=True)
    )
    User.objects.bulk_create(
        [
            User(
                email=f"{PREFIX}.koordinator.{m.number}@samspill.test",
                password="!",  # noqa: S106 - unusable: the benchmark signs in with sessions it makes
                role=Role.COORDINATOR,
                municipality=m,
                first_name="Koordinator",
                last_name=m.name,
            )
            for m in municipalities
            if m.pk not in have_coordinator
        ],
        batch_size=1000,
    )
    return {"count": len(people), "municipalities": len(municipalities)}


# --- Programmes ---------------------------------------------------------------------------


def _programmes(scale):
    """Copies of the demo programme (demo/programmes.toml), each with participations in
    other municipalities, built by the demo's own loader through the services."""
    from samspill.members.models import Municipality
    from samspill.programmes import demo as programmes_demo

    with open(ROOT / "demo" / "programmes.toml", "rb") as handle:
        template = tomllib.load(handle)["programmes"][0]
    accepted = [p for p in template["participants"] if p["status"] == "accepted"]
    used = {p["municipality"] for p in template["participants"]}
    numbers = list(Municipality.objects.order_by("number").values_list("number", flat=True))
    numbers = [n for n in numbers if n not in used]
    people = programmes_demo._people_by_email()
    per = scaled("participations_per_programme", scale)
    slugs = []
    for index in range(scaled("programmes", scale)):
        row = copy.deepcopy(template)
        row["slug"] = f"{PREFIX}-program-{index + 1}"
        row["name"] = f"{template['name']} (ytelsestest {index + 1})"
        participants = []
        for number in range(per):
            p = copy.deepcopy(accepted[number % len(accepted)])
            p["municipality"] = numbers[(index * 97 + number) % len(numbers)]
            # NKR's three demo advisers share the municipalities, as advisers do.
            p["adviser"] = ADVISERS[number % len(ADVISERS)]
            # Group members of their own municipality, not the demo's people.
            p["group"] = [
                {
                    "first_name": f"Deltaker{position}",
                    "last_name": f"{p['municipality']}-{index + 1}",
                    **{
                        k: v
                        for k, v in member.items()
                        if k not in {"person", "first_name", "last_name"}
                    },
                }
                for position, member in enumerate(p["group"], start=1)
            ]
            for entry in p.get("plan_entries", []):
                entry.pop("owner", None)
            participants.append(p)
        row["participants"] = participants
        programmes_demo._load_programme(row, people)
        slugs.append(row["slug"])
    return {"count": len(slugs) * per, "programmes": len(slugs), "first": slugs[0]}


# --- Seminars -----------------------------------------------------------------------------


def _seminars(scale):
    from samspill.accounts.models import User
    from samspill.seminars import services, topics
    from samspill.seminars.models import Analysis, Group, Point, Question, Theme

    rng = random.Random(11)
    organiser = User.objects.get(email="veileder@samspill.test")
    slugs = []
    points = 0
    groups_per = COUNTS["groups_per_seminar"]
    for index in range(scaled("seminars", scale)):
        seminar = services.seminar_create(
            title=f"Dialogseminar {index + 1} (ytelsestest)",
            starts_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=7 * index),
            places="Bergen\nBodø\nDigitalt",
            slug=f"{PREFIX}-seminar-{index + 1}",
        )
        seminar.organisers.add(organiser)
        slugs.append(seminar.slug)
        themes = Theme.objects.bulk_create(
            [
                Theme(seminar=seminar, number=n, title=f"Tema {n}")
                for n in range(1, COUNTS["themes"] + 1)
            ]
        )
        themes = list(seminar.themes.order_by("number"))
        Question.objects.bulk_create(
            [
                Question(theme=t, number=q, text=f"Spørsmål {q}: {sentence(rng, 6)}")
                for t in themes
                for q in range(1, COUNTS["questions"] + 1)
            ]
        )
        Group.objects.bulk_create(
            [
                Group(seminar=seminar, name=f"Gruppe {g + 1}", place="Bergen")
                for g in range(groups_per)
            ]
        )
        groups = list(seminar.groups.order_by("pk"))
        questions = list(Question.objects.filter(theme__seminar=seminar).order_by("pk"))
        batch = [
            Point(
                group=g,
                theme_id=q.theme_id,
                question=q,
                text=f"{sentence(rng, rng.randint(5, 14))} ({g.name}, {n + 1})",
                position=n + 1,
            )
            for g in groups
            for q in questions
            for n in range(COUNTS["points_per_question"])
        ]
        Point.objects.bulk_create(batch, batch_size=2000)
        points += len(batch)
    # The topics page needs an analysis: the first seminar's, as an organiser asks for it.
    start = time.perf_counter()
    analysis = topics.analysis_run(
        Analysis.objects.create(seminar_id=_seminar_id(slugs[0]), requested_by=organiser)
    )
    return {
        "count": points,
        "seminars": len(slugs),
        "first": slugs[0],
        "analysis_s": round(time.perf_counter() - start, 1),
        "topics": analysis.topic_count,
    }


def _seminar_id(slug):
    from samspill.seminars.models import Seminar

    return Seminar.objects.get(slug=slug).pk


# --- Agreements ---------------------------------------------------------------------------


def _agreements(scale):
    from django.utils import timezone

    from samspill.accounts.models import User
    from samspill.agreements.models import (
        ActionItem,
        AgendaItem,
        Agreement,
        Decision,
        Meeting,
        Party,
    )
    from samspill.members.models import Organisation, Person

    rng = random.Random(30)
    nkr = Organisation.objects.get(kind="nkr")
    partners = list(Organisation.objects.exclude(kind="nkr").order_by("pk"))
    owners = list(Person.objects.filter(email__startswith=f"{PREFIX}.").order_by("pk")[:200])
    secretary = User.objects.get(email="veileder@samspill.test")
    count = scaled("agreements", scale)
    agreements = Agreement.objects.bulk_create(
        [
            Agreement(
                title=f"Samarbeidsavtale {i + 1} (ytelsestest)",
                slug=f"{PREFIX}-avtale-{i + 1}",
                status="active",
                purpose=sentence(rng, 20),
                background=sentence(rng, 30),
                period_start=datetime.date(2022, 1, 1),
                period_end=datetime.date(2027, 12, 31),
            )
            for i in range(count)
        ]
    )
    agreements = list(Agreement.objects.filter(slug__startswith=f"{PREFIX}-").order_by("pk"))
    Party.objects.bulk_create(
        [Party(agreement=a, organisation=nkr, sort_order=0) for a in agreements]
        + [
            Party(agreement=a, organisation=partners[i % len(partners)], sort_order=1)
            for i, a in enumerate(agreements)
        ]
    )
    per = COUNTS["meetings_per_agreement"]
    start = timezone.make_aware(datetime.datetime(2023, 3, 1, 10))
    Meeting.objects.bulk_create(
        [
            Meeting(
                agreement=a,
                title=f"Samarbeidsmøte {m + 1}",
                starts_at=start + datetime.timedelta(days=120 * m + i),
                status="held" if m < per - 2 else "planned",
                minutes=sentence(rng, 60) if m < per - 2 else "",
                minutes_by=secretary if m < per - 2 else None,
            )
            for i, a in enumerate(agreements)
            for m in range(per)
        ]
    )
    meetings = list(Meeting.objects.filter(agreement__in=agreements).order_by("pk"))
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=m, number=n, title=sentence(rng, 5))
            for m in meetings
            for n in (1, 2, 3)
        ]
    )
    Decision.objects.bulk_create(
        [Decision(meeting=m, number=n, text=sentence(rng, 15)) for m in meetings for n in (1, 2)]
    )
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                meeting=m,
                text=sentence(rng, 8),
                owner=owners[i % len(owners)],
                due_on=m.starts_at.date() + datetime.timedelta(days=60),
                done_on=m.starts_at.date() + datetime.timedelta(days=50) if i % 3 else None,
            )
            for i, m in enumerate(meetings)
            for _ in (1, 2)
        ]
    )
    return {"count": len(meetings), "agreements": len(agreements), "slug": agreements[0].slug}


# --- Strategy -----------------------------------------------------------------------------


def _strategy(scale):
    from samspill.members.models import StaffUnit
    from samspill.strategy.models import Decision, FollowUp, Goal, Measure, Plan, StrategyArea

    rng = random.Random(300)
    units = list(StaffUnit.objects.order_by("pk"))
    plan = Plan.objects.create(
        title="Virksomhetsplan (ytelsestest)",
        slug=f"{PREFIX}-plan",
        kind="operational_plan",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2027, 12, 31),
    )
    areas = [
        StrategyArea.objects.create(plan=plan, number=n, title=f"Område {n}") for n in range(1, 6)
    ]
    goals = [
        Goal.objects.create(area=a, number=n, text=sentence(rng, 10))
        for a in areas
        for n in range(1, 5)
    ]
    statuses = ["not_started", "in_progress", "delayed", "done", "stopped"]
    measures = scaled("measures", scale)
    Measure.objects.bulk_create(
        [
            Measure(
                goal=goals[i % len(goals)],
                level="national" if i % 4 else "regional",
                position=i,
                text=sentence(rng, 12),
                deadline=datetime.date(2025, 6, 1) + datetime.timedelta(days=3 * i),
                status=statuses[i % len(statuses)],
                progress=100 if statuses[i % len(statuses)] == "done" else (i * 7) % 100,
                responsible_unit=units[i % len(units)] if units else None,
            )
            for i in range(measures)
        ]
    )
    count = scaled("decisions", scale)
    kinds = ["priority", "general_assembly", "board"]
    Decision.objects.bulk_create(
        [
            Decision(
                kind=kinds[i % 3],
                case_number=f"{2020 + i % 6}.{i + 1}",
                title=f"Sak {i + 1}: {sentence(rng, 6)}",
                text=sentence(rng, 30),
                meeting="Hovedstyret",
                decided_on=datetime.date(2020, 1, 15) + datetime.timedelta(days=9 * i),
                sort_order=i,
            )
            for i in range(count)
        ]
    )
    decisions = list(Decision.objects.filter(title__contains="Sak ").order_by("pk"))[-count:]
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                decision=d,
                kind="done" if n % 2 == 0 else "planned",
                position=n,
                text=sentence(rng, 12),
                status=statuses[(i + n) % len(statuses)],
                recorded_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i),
                due_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
                responsible_unit=units[(i + n) % len(units)] if units else None,
            )
            for i, d in enumerate(decisions)
            for n in range(COUNTS["follow_ups_per_decision"])
        ]
    )
    return {"count": measures + count, "measures": measures, "decisions": count, "plan": plan.slug}


# --- Statistics ---------------------------------------------------------------------------


def _statistics(scale):
    """Every municipality, 20 school years, every field: the demo's generator, replacing
    what the demo had (as bench/statistics_views.py does)."""
    from samspill.members.models import Municipality
    from samspill.statistics import demo
    from samspill.statistics.models import AnnualStatistics, FrameworkPlanAdoption

    years = range(2025 - COUNTS["school_years"], 2025)
    municipalities = list(Municipality.objects.order_by("number"))
    AnnualStatistics.objects.all().delete()
    FrameworkPlanAdoption.objects.all().delete()
    AnnualStatistics.objects.bulk_create(
        demo.generate(municipalities, years, seed=513), batch_size=1000
    )
    FrameworkPlanAdoption.objects.bulk_create(
        demo.adoptions(municipalities, seed=513, share=0.4, first_year=2017, last_year=2025)
    )
    return {"count": AnnualStatistics.objects.count(), "school_years": len(years)}


# --- Grants -------------------------------------------------------------------------------


def _grants(scale):
    from samspill.accounts.models import Role, User
    from samspill.grants.models import (
        Call,
        Category,
        Criterion,
        Jury,
        Nomination,
        Round,
        Scheme,
        Score,
    )
    from samspill.members.models import Municipality

    rng = random.Random(600)
    scheme = Scheme.objects.create(
        name="Drømmestipendet (ytelsestest)",
        slug=f"{PREFIX}-ds",
        kind="stipend",
        amount_per_award=30_000,
        award_count=50,
        total_budget=1_500_000,
        min_age=18,
        max_age=25,
    )
    names = ["Dans", "Musikk", "Skapende skriving", "Teater", "Visuell kunst", "Sirkus", "Annet"]
    categories = [
        Category.objects.create(scheme=scheme, name=name, sort_order=i)
        for i, name in enumerate(names)
    ]
    criteria = [
        Criterion.objects.create(scheme=scheme, number=i, text=f"Kriterium {i}") for i in (1, 2, 3)
    ]
    reviewers = []
    for i in range(COUNTS["reviewers"]):
        reviewer, _ = User.objects.get_or_create(
            email=f"{PREFIX}.jury{i + 1}@samspill.test",
            defaults={"role": Role.JURY_MEMBER, "password": "!", "first_name": f"Jury {i + 1}"},
        )
        reviewers.append(reviewer)
    municipalities = list(Municipality.objects.order_by("number"))
    per = scaled("nominations_per_call", scale)
    calls = []
    for index in range(scaled("calls", scale)):
        year = 2026 - index
        call = Call.objects.create(
            scheme=scheme,
            slug=f"{PREFIX}-ds-{year}",
            title=f"Drømmestipendet {year} (ytelsestest)",
            year=year,
            opens_on=datetime.date(year - 1, 10, 15),
            closes_on=datetime.date(year, 1, 15),
        )
        calls.append(call.slug)
        Nomination.objects.bulk_create(
            [
                Nomination(
                    call=call,
                    municipality=municipalities[(i * 7 + index) % len(municipalities)],
                    category=categories[i % len(categories)],
                    status="submitted",
                    first_name=f"Nominert{i + 1}",
                    last_name=f"Ytelse{year}",
                    birth_date=datetime.date(year - 22, 1 + i % 12, 1 + i % 28),
                    age_at_reference=22,
                    motivation=sentence(rng, 25),
                    dream=sentence(rng, 15),
                    is_example=True,
                )
                for i in range(per)
            ],
            batch_size=1000,
        )
        for category in categories:
            jury = Jury.objects.create(
                call=call, name=f"Fagjury {category.name}", kind="subject", category=category
            )
            jury.members.add(*reviewers)
        round_ = Round.objects.create(call=call, number=1, jury_kind="subject")
        nominations = list(call.nominations.order_by("pk"))
        round_.nominations.set(nominations)
        Score.objects.bulk_create(
            [
                Score(round=round_, nomination=n, reviewer=r, criterion=c, score=rng.randint(1, 6))
                for position, n in enumerate(nominations)
                for r in reviewers
                for c in criteria
                # The first reviewer is half-way through the newest call: their start
                # page shows the round as a task.
                if not (index == 0 and r == reviewers[0] and position >= per // 2)
            ],
            batch_size=2000,
        )
    return {"count": per * len(calls), "calls": len(calls), "first": calls[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    fresh = "DATABASE_URL" not in os.environ
    if fresh:
        os.environ["SAMSPILL_VAR_DIR"] = tempfile.mkdtemp(prefix="samspill-bench-national-")
    import django

    django.setup()
    from django.core.management import call_command

    from samspill.core.demo import load_demo

    if fresh:
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        load_demo()
        print(f"demo loaded in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    result = build(args.scale)
    result["total_s"] = round(time.perf_counter() - start, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
