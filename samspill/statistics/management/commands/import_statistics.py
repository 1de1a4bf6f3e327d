import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samspill.statistics import importing, services


class Command(BaseCommand):
    help = (
        "Importerer kulturskolestatistikk fra en CSV- eller XLSX-fil. Alt eller ingenting: "
        "en fil med feil endrer ingenting, og hver feil skrives ut med linjenummer."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- eller XLSX-fil")
        parser.add_argument("--dry-run", action="store_true", help="Bare sjekk filen.")
        parser.add_argument(
            "--encoding",
            default="auto",
            choices=["auto", "utf-8", "cp1252"],
            help="Tegnkoding for CSV (standard: UTF-8, ellers Windows-1252).",
        )
        parser.add_argument(
            "--mapping",
            help='Kolonnekobling som JSON, f.eks. \'{"Knr": "municipality", "År": '
            '"school_year", "Elever": "pupils"}\'. Uten: gjettes fra overskriftene.',
        )

    def handle(self, *args, file, dry_run, encoding, mapping, **options):
        path = Path(file)
        try:
            table = importing.read_table(path.read_bytes(), path.name, encoding)
        except (OSError, importing.FileError) as error:
            raise CommandError(str(error)) from None
        chosen = importing.guess_mapping(table.headers)
        if mapping:
            chosen.update(json.loads(mapping))
        result = services.import_table(
            table=table, mapping=chosen, dry_run=dry_run, source_note=f"Import av {path.name}"
        )
        for notice in result.notices:
            self.stdout.write(f"  {notice}")
        for line, message in result.errors:
            self.stderr.write(f"Linje {line}: {message}" if line else message)
        if not result.ok:
            raise CommandError(f"{len(result.errors)} feil – ingenting er endret.")
        verb = "ville blitt" if dry_run else "er"
        self.stdout.write(
            f"{result.values} tall for {result.created} nye og {result.updated} eksisterende "
            f"kommuneår {verb} importert ({result.lines} linjer, {result.skipped} hoppet over)."
        )
