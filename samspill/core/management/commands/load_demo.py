from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from samspill.core.demo import DEMO_PASSWORD, demo_logins, load_demo
from samspill.seminars.demo import join_codes as seminar_join_codes


class Command(BaseCommand):
    help = "Bygger demoen fra filene i demo/. Kan kjøres flere ganger; andre gang endres ingenting."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Last demodata selv om DEBUG er av (demobrukerne har et kjent passord).",
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Skriv ut demobrukerne og passordet."
        )

    def handle(self, *args, allow_production=False, print_logins=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG er av. Demobrukerne har et kjent passord og hører ikke hjemme i "
                "produksjon. Bruk --allow-production hvis du virkelig vil."
            )
        created = load_demo()
        self.stdout.write(f"Demodata er lastet ({len(created)} nye brukere).")
        if print_logins:
            with translation.override("nb"):
                self.stdout.write(f"\nDemobrukere (passord for alle: {DEMO_PASSWORD}):")
                for email, role in demo_logins():
                    self.stdout.write(f"  {email:<38} {role}")
                codes = seminar_join_codes()
                if codes:
                    self.stdout.write(
                        "\nDialogseminar åpne for deltakere (uten innlogging, /seminar/delta/):"
                    )
                    for title, code in codes:
                        self.stdout.write(f"  {code}  {title}")
