"""Remind the experts whose opinion is due within two days (Paris time), once per invitation.

Run it once a day from cron; without --wet-run it only lists what it would send. A second run sends nothing
more: each invitation records when it was reminded.
"""

from django.core.management.base import BaseCommand

from deffinov.reviews.experts import due_reminders, send_reminder


class Command(BaseCommand):
    help = "Rappelle aux experts leur avis attendu sous deux jours (dry run sans --wet-run)."

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Envoyer réellement les rappels.")

    def handle(self, *args, wet_run=False, **options):
        due = due_reminders()
        sent = 0
        for invitation in due:
            if wet_run and send_reminder(invitation):
                sent += 1
                self.stdout.write(f"{invitation.application.number} : rappel envoyé à {invitation.email}.")
            elif not wet_run:
                self.stdout.write(f"{invitation.application.number} : rappel à envoyer à {invitation.email} (dry run).")
        if wet_run:
            self.stdout.write(self.style.SUCCESS(f"{sent} rappel(s) envoyé(s)."))
        else:
            self.stdout.write(f"{len(due)} rappel(s) à envoyer. Relancez avec --wet-run pour les envoyer.")
