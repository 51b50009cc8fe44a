"""Email the lead of every funded project whose report is due in 30 days, in 7 days, or overdue.

Run it once a day from cron, for instance at 8:00 Paris time:

    0 8 * * *  cd /srv/deffinov && .venv/bin/python manage.py send_report_reminders --wet-run

Without --wet-run it only lists what it would send. Running it twice the same day sends nothing more: each
(report, reminder) pair is recorded once.
"""

from django.core.management.base import BaseCommand

from deffinov.reports.reminders import due_reminders, send_reminder


class Command(BaseCommand):
    help = "Rappelle aux chefs de file les bilans à remettre : J-30, J-7 puis en retard (dry run sans --wet-run)."

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Envoyer réellement les rappels.")

    def handle(self, *args, wet_run=False, **options):
        due = due_reminders()
        sent = 0
        for report, kind, days in due:
            what = f"{report.project.number} : {report.get_kind_display().lower()}, rappel « {kind.label} »"
            if wet_run:
                count = send_reminder(report, kind, days)
                sent += count
                self.stdout.write(f"{what} envoyé à {count} personne(s).")
            else:
                self.stdout.write(f"{what} à envoyer (dry run).")
        if wet_run:
            self.stdout.write(self.style.SUCCESS(f"{len(due)} rappel(s), {sent} courriel(s)."))
        else:
            self.stdout.write(f"{len(due)} rappel(s) à envoyer. Relancez avec --wet-run pour les envoyer.")
