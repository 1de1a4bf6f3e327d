from django.core.management.base import BaseCommand, CommandError

from samspill.core.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Gjenoppretter databasen og de opplastede filene fra et arkiv laget av "
        "`manage.py backup`. Erstatter alt som er lagret nå. Stopp webserveren og "
        "bakgrunnsarbeideren først."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Arkivet som skal gjenopprettes.")
        parser.add_argument(
            "--yes", action="store_true", help="Ikke spør om bekreftelse (for skript)."
        )

    def handle(self, *args, path, yes=False, **options):
        try:
            manifest = read_manifest(path)
            if not yes:
                answer = input(
                    f"Sikkerhetskopien er fra {manifest['created_at']}. Alt som er lagret i "
                    "Samspill nå blir erstattet. Skriv «ja» for å fortsette: "
                )
                if answer.strip().lower() != "ja":
                    raise CommandError("Avbrutt. Ingenting er endret.")
            result = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Gjenopprettet fra {result.created_at}: {result.tables} tabeller, "
            f"{result.rows} rader og {result.media_files} opplastede filer."
        )
