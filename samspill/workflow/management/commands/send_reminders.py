from django.core.management.base import BaseCommand

from samspill.workflow.tasks import schedule_next_run, send_daily_reminders


class Command(BaseCommand):
    help = (
        "Legger dagens påminnelser på e-post i køen til bakgrunnsarbeideren (kjøres daglig "
        "fra cron). Arbeideren sender dem og legger neste dags kjøring i køen selv. Med "
        "--now sendes de med én gang. Det som er sendt før, sendes aldri på nytt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Kjør nå i stedet for i køen.")

    def handle(self, *args, now=False, **options):
        if now:
            from samspill.workflow.services import send_reminders

            count = send_reminders()
            schedule_next_run()
            self.stdout.write(f"{count} e-poster med påminnelser lagt i køen.")
        else:
            send_daily_reminders.enqueue()
            self.stdout.write("Påminnelsene er lagt i køen.")
