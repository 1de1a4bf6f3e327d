from django.core.management.base import BaseCommand

from samspill.grants.tasks import anonymise_due_nominations


class Command(BaseCommand):
    help = (
        "Legger anonymiseringen av nominerte som ikke fikk stipend, i køen til "
        "bakgrunnsarbeideren (kjøres daglig fra cron). Med --now kjøres den med én gang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Kjør nå i stedet for i køen.")

    def handle(self, *args, now=False, **options):
        if now:
            from samspill.grants.services import nominations_anonymise_due

            count = nominations_anonymise_due()
            self.stdout.write(f"{count} nominasjoner anonymisert.")
        else:
            anonymise_due_nominations.enqueue()
            self.stdout.write("Anonymiseringen er lagt i køen.")
