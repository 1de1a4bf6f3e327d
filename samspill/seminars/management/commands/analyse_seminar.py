"""`manage.py analyse_seminar SLUG [--format json|text]`: find the topics of a seminar now
(without the worker) and print them, keeping the organiser's earlier decisions."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspill.seminars import topics
from samspill.seminars.models import Analysis, Seminar


class Command(BaseCommand):
    help = "Finner temaene i et dialogseminar og skriver dem ut."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="seminarets kortnavn")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, slug, format, **options):
        seminar = Seminar.objects.filter(slug=slug).first()
        if seminar is None:
            raise CommandError(
                _("Fant ikke noe seminar med kortnavnet «%(slug)s».") % {"slug": slug}
            )
        topics.analysis_run(Analysis.objects.create(seminar=seminar))
        summaries, without = topics.topic_overview(seminar)
        if format == "json":
            data = [
                {
                    "label": item.topic.label,
                    "groups": item.group_count,
                    "points": item.point_count,
                    "words": item.topic.words,
                    "quotes": [
                        {"text": quote.text, "group": quote.group.name} for quote in item.quotes
                    ],
                }
                for item in summaries
            ]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for item in summaries:
            self.stdout.write(
                f"{item.topic.label}: {item.group_count} grupper, {item.point_count} punkter"
            )
        self.stdout.write(_("%(count)s punkter uten tema.") % {"count": len(without)})
