"""Builds the seminars part of the demo from demo/seminars.toml. A seminar already
present is left as it is, so a second run changes nothing."""

from pathlib import Path

from django.conf import settings
from django.db import transaction

from samspill.accounts.models import User

from . import padlet, services, topics
from .importing import seminar_import_board
from .models import Analysis, Seminar

DEMO_DIR = Path(settings.BASE_DIR) / "demo"


@transaction.atomic
def load(data, *, password):
    for row in data.get("seminars", []):
        if Seminar.objects.filter(slug=row["slug"]).exists():
            continue
        seminar = Seminar(
            slug=row["slug"],
            title=row["title"],
            starts_on=row["starts_on"],
            places=row.get("places", "").strip(),
        )
        seminar.full_clean()
        seminar.save()
        seminar.organisers.set(User.objects.filter(email__in=row.get("organisers", [])))
        if "padlet_export" in row:
            text = (DEMO_DIR / row["padlet_export"]).read_text(encoding="utf-8")
            seminar_import_board(seminar=seminar, board=padlet.parse_text(text))
        if "copy_themes_from" in row:
            services.themes_copy(
                source=Seminar.objects.get(slug=row["copy_themes_from"]), target=seminar
            )
        if row.get("analyse"):
            # The organiser's first look at the imported board: the machine's topics.
            topics.analysis_run(Analysis.objects.create(seminar=seminar))
        if row.get("is_locked"):
            Seminar.objects.filter(pk=seminar.pk).update(is_locked=True)
    return []


def join_codes():
    """(title, code) of the demo's open seminars, for `make run` to print."""
    return list(Seminar.objects.filter(is_locked=False).values_list("title", "join_code"))
