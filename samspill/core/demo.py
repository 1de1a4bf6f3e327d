"""The demo: reference data plus each area's part, built from the files in demo/."""

import tomllib
from pathlib import Path

from django.conf import settings

from samspill.agreements import demo as agreements_demo
from samspill.grants import demo as grants_demo
from samspill.members import demo as members_demo
from samspill.members.services import load_reference_data
from samspill.programmes import demo as programmes_demo
from samspill.seminars import demo as seminars_demo
from samspill.statistics import demo as statistics_demo
from samspill.strategy import demo as strategy_demo

DEMO_DIR = Path(settings.BASE_DIR) / "demo"

#: Shown by `make run` and in README.md. Demo logins exist only where the demo is loaded,
#: and load_demo refuses to run with DEBUG off unless told to.
DEMO_PASSWORD = "samspill-demo"  # noqa: S105 - a demo password, printed on purpose

#: (file in demo/, loader) in the order they depend on each other. Later areas add theirs.
PARTS = [
    ("members.toml", members_demo.load),
    ("programmes.toml", programmes_demo.load),
    ("seminars.toml", seminars_demo.load),
    ("agreements.toml", agreements_demo.load),
    ("statistics.toml", statistics_demo.load),
    ("strategy.toml", strategy_demo.load),
    ("grants.toml", grants_demo.load),
]


def load_demo(*, password=DEMO_PASSWORD):
    load_reference_data()
    created_users = []
    for filename, loader in PARTS:
        with open(DEMO_DIR / filename, "rb") as handle:
            created_users += loader(tomllib.load(handle), password=password) or []
    return created_users


def demo_logins():
    """(e-mail, role label) of every demo login, for `make run` to print."""
    from samspill.accounts.models import Role

    with open(DEMO_DIR / "members.toml", "rb") as handle:
        users = tomllib.load(handle)["users"]
    return [(row["email"], Role(row["role"]).label) for row in users]
