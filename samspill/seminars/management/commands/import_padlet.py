from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samspill.seminars import padlet
from samspill.seminars.importing import seminar_import_board, unreadable_csv
from samspill.seminars.models import Seminar


class Command(BaseCommand):
    help = (
        "Importerer en Padlet-tavle (teksteksport eller CSV) til et dialogseminar og skriver "
        "én linje med antall grupper, dialogtema, spørsmål, svar og uplasserte innlegg."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Padlet-eksporten (.txt eller .csv)")
        parser.add_argument("--seminar", required=True, help="Seminarets kortnavn (slug)")

    def handle(self, *args, path, seminar, **options):
        try:
            target = Seminar.objects.get(slug=seminar)
        except Seminar.DoesNotExist:
            raise CommandError(f"Fant ikke seminaret «{seminar}».") from None
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Fant ikke filen {path}.")
        data = file.read_bytes()
        try:
            board = (
                padlet.parse_csv(data)
                if file.suffix.lower() == ".csv"
                else padlet.parse_text(_decode(data))
            )
            summary = seminar_import_board(seminar=target, board=board)
        except padlet.PadletError as error:
            raise CommandError(unreadable_csv(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(str(summary))


def _decode(data):
    """Padlet writes UTF-8; older exports saved on Windows may be Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")
