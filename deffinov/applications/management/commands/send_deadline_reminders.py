"""Email the people of every unsubmitted draft 7 days and 2 days before its wave closes.

Run it once a day from cron, for instance at 8:00 Paris time:

    0 8 * * *  cd /srv/deffinov && .venv/bin/python manage.py send_deadline_reminders --wet-run

Without --wet-run it only lists what it would send. Running it twice the same day sends nothing
more: each (dossier, reminder) pair is recorded once.
"""

from django.core.management.base import BaseCommand

from deffinov.applications.reminders import due_reminders, send_reminder


class Command(BaseCommand):
    help = "Rappelle aux collectifs la clôture de la vague, 7 jours puis 2 jours avant (dry run sans --wet-run)."

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Envoyer réellement les rappels.")

    def handle(self, *args, wet_run=False, **options):
        due = due_reminders()
        sent = 0
        for application, kind, days in due:
            if wet_run:
                count = send_reminder(application, kind, days)
                sent += count
                self.stdout.write(f"{application.number} : rappel J-{days} envoyé à {count} personne(s).")
            else:
                self.stdout.write(f"{application.number} : rappel J-{days} à envoyer (dry run).")
        if wet_run:
            self.stdout.write(self.style.SUCCESS(f"{len(due)} rappel(s), {sent} courriel(s)."))
        else:
            self.stdout.write(f"{len(due)} rappel(s) à envoyer. Relancez avec --wet-run pour les envoyer.")
