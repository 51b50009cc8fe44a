from django.core.management.base import BaseCommand
from django.db.models import Min
from django.utils import timezone

from deffinov.instruction.messaging import DIGEST_DELAY
from deffinov.instruction.models import PendingNotification
from deffinov.instruction.notifications import send_digest_now


class Command(BaseCommand):
    help = (
        "Envoie les récapitulatifs de messages en attente depuis au moins cinq minutes (filet de sécurité des "
        "tâches programmées à chaque message). Sans --wet-run, indique seulement ce qui serait envoyé."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Envoie les courriels (sinon : simulation).")

    def handle(self, *args, wet_run=False, **options):
        due = (
            PendingNotification.objects.filter(sent_at__isnull=True)
            .values("recipient")
            .annotate(oldest=Min("created_at"))
            .filter(oldest__lte=timezone.now() - DIGEST_DELAY)
            .values_list("recipient", flat=True)
        )
        recipients = list(due)
        if not wet_run:
            self.stdout.write(f"Simulation : {len(recipients)} récapitulatif(s) à envoyer. Relancez avec --wet-run.")
            return
        sent = sum(1 for recipient in recipients if send_digest_now(recipient))
        self.stdout.write(self.style.SUCCESS(f"{sent} récapitulatif(s) envoyé(s)."))
