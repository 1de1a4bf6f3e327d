"""Benchmark of grants and stipends (issue 9, `make bench-grants`). Not a test: it
measures and prints.

Target of the issue: the reviewers' list and the ranking of 600 nominations render in
under 300 ms. Builds, in a fresh SQLite database in a temporary directory (or
DATABASE_URL if set), a Drømmestipendet call with 600 submitted nominations spread over
the member municipalities and seven categories, seven subject juries and one jury member
who sits on all of them (so their list holds all 600), four reviewers' scores on three
criteria for every nomination (7 200 scores) and one declared conflict; then times
- GET the jury member's list (600 rows, with their own progress per row),
- GET the ranking of round 1 (600 rows, average of the reviewers' totals),
- GET the award page (the ranking again, with the award buttons),
- GET the nomination list (600 rows, as the adviser).
"""

import datetime
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["SAMSPILL_VAR_DIR"] = tempfile.mkdtemp(prefix="samspill-bench-grants-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.run import timed  # noqa: E402

NOMINATIONS = 600
REVIEWERS = 4


def build():
    from samspill.accounts.models import Role, User
    from samspill.grants import services
    from samspill.grants.models import (
        Call,
        Category,
        ConflictOfInterest,
        Criterion,
        Nomination,
        Round,
        Scheme,
        Score,
    )
    from samspill.members.models import Municipality
    from samspill.members.services import load_reference_data

    load_reference_data()
    Municipality.objects.update(is_member=True)
    scheme = Scheme.objects.create(
        name="Drømmestipendet",
        slug="ds",
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
    call = Call.objects.create(
        scheme=scheme,
        slug="ds-2026",
        title="Drømmestipendet 2026",
        year=2026,
        opens_on=datetime.date(2025, 10, 15),
        closes_on=datetime.date(2026, 1, 15),
    )
    municipalities = list(Municipality.objects.all())
    rng = random.Random(9)
    Nomination.objects.bulk_create(
        Nomination(
            call=call,
            municipality=municipalities[i % len(municipalities)],
            category=categories[i % len(categories)],
            status="submitted",
            first_name=f"Nominert{i}",
            last_name="Eksempel",
            birth_date=datetime.date(2004, 1, 1),
            age_at_reference=22,
            motivation="Eksempeldata.",
            dream="Eksempeldata.",
            links="https://eksempel.invalid/1",
            is_example=True,
        )
        for i in range(NOMINATIONS)
    )
    reviewers = [
        User.objects.create_user(email=f"jury{i}@bench.test", password=None, role=Role.JURY_MEMBER)
        for i in range(REVIEWERS)
    ]
    for category in categories:
        jury = services.jury_save(
            call=call, name=f"Fagjury {category.name}", kind="subject", category=category
        )
        jury.members.add(*reviewers)
    round_ = Round.objects.create(call=call, number=1, jury_kind="subject")
    nominations = list(call.nominations.all())
    round_.nominations.set(nominations)
    Score.objects.bulk_create(
        Score(round=round_, nomination=n, reviewer=r, criterion=c, score=rng.randint(1, 6))
        for n in nominations
        for r in reviewers[1:]
        for c in criteria
    )
    ConflictOfInterest.objects.create(nomination=nominations[0], reviewer=reviewers[0])
    Score.objects.bulk_create(
        Score(round=round_, nomination=n, reviewer=reviewers[0], criterion=c, score=4)
        for n in nominations[1:301]
        for c in criteria
    )
    adviser = User.objects.create_user(
        email="veileder@bench.test", password=None, role=Role.ADVISER
    )
    return reviewers[0], adviser, call


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    reviewer, adviser, call = build()
    jury_client, adviser_client = Client(), Client()
    jury_client.force_login(reviewer)
    adviser_client.force_login(adviser)

    def get(client, url, rows):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            assert response.content.count(b"<tr") >= rows, url

        return run

    pages = {
        "GET reviewer's list (599 of 600, 1 conflict)": (jury_client, "/tilskudd/vurdering/", 599),
        "GET ranking of round 1 (600)": (
            adviser_client,
            f"/tilskudd/utlysning/{call.slug}/runder/1/",
            600,
        ),
        "GET award page (ranking of 600)": (
            adviser_client,
            f"/tilskudd/utlysning/{call.slug}/tildeling/",
            600,
        ),
        "GET nomination list (600)": (
            adviser_client,
            f"/tilskudd/utlysning/{call.slug}/nominasjoner/",
            600,
        ),
    }
    print(f"{'measurement':48} {'median':>9} {'p95':>9} {'max':>9}")
    for name, (client, url, rows) in pages.items():
        r = timed(get(client, url, rows), 30)
        print(f"{name:48} {r['median_ms']:8.1f}  {r['p95_ms']:8.1f}  {r['max_ms']:8.1f}")


if __name__ == "__main__":
    main()
