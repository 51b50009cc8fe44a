"""Flag the loans not returned by their end date, and remind borrowers: the day before the end, then overdue.

Run it once a day from cron, for instance at 8:00 Paris time:

    0 8 * * *  cd /srv/deffinov && .venv/bin/python manage.py send_loan_reminders --wet-run

Without --wet-run it only lists what it would do. Each (loan, reminder) is sent once, however often it runs.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from deffinov.loans.reminders import due_reminders, flag_overdue, late_loans, send_reminder
from deffinov.loans.workflow import period


class Command(BaseCommand):
    help = "Signale les prêts en retard et rappelle les retours : la veille, puis en retard (dry run sans --wet-run)."

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Enregistrer les retards et envoyer les rappels.")

    def handle(self, *args, wet_run=False, **options):
        today = timezone.localdate()
        if wet_run:
            for loan in flag_overdue(today):
                self.stdout.write(f"En retard : « {loan.item.name} » chez {loan.borrower_name}.")
        else:
            for loan in late_loans(today):
                self.stdout.write(f"À signaler en retard (dry run) : « {loan.item.name} » chez {loan.borrower_name}.")
        due = due_reminders(today)
        sent = 0
        for loan, kind in due:
            dates = period(loan.starts_on, loan.ends_on)
            what = f"« {loan.item.name} » ({loan.borrower_name}, {dates}), rappel {kind.label}"
            if wet_run:
                count = send_reminder(loan, kind)
                sent += count
                self.stdout.write(f"{what} envoyé à {count} personne(s).")
            else:
                self.stdout.write(f"{what} à envoyer (dry run).")
        if wet_run:
            self.stdout.write(self.style.SUCCESS(f"{len(due)} rappel(s), {sent} courriel(s)."))
        else:
            self.stdout.write(f"{len(due)} rappel(s) à envoyer. Relancez avec --wet-run pour agir.")
