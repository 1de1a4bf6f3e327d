from django.core.management.base import BaseCommand, CommandError

from samspill.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Tar sikkerhetskopi av databasen og de opplastede filene til ett arkiv "
        "(standard: BACKUP_DIR/samspill-<tidspunkt>.tar.gz). Kan kjøres mens Samspill er i bruk."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Filen arkivet skrives til.")

    def handle(self, *args, output=None, **options):
        try:
            path = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size / 1_000_000
        self.stdout.write(f"Sikkerhetskopi skrevet: {path} ({size:.1f} MB)")
