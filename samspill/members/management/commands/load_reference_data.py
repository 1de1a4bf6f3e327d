from django.core.management.base import BaseCommand

from samspill.members.services import load_reference_data


class Command(BaseCommand):
    help = "Laster de 15 fylkene og 357 kommunene som gjelder fra 2024 (idempotent)."

    def handle(self, *args, **options):
        result = load_reference_data()
        self.stdout.write(
            f"Fylker: {result.counties_created} nye, {result.counties_updated} endret. "
            f"Kommuner: {result.municipalities_created} nye, "
            f"{result.municipalities_updated} endret."
        )
