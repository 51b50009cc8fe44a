"""Remind each learner of their booking the day before.

Run it once a day from cron, for instance at 17:00 Paris time:

    0 17 * * *  cd /srv/deffinov && .venv/bin/python manage.py send_booking_reminders --wet-run

Without --wet-run it only lists what it would send. Running it twice sends nothing more: each booking records
its reminder.
"""

from django.core.management.base import BaseCommand

from deffinov.bookings import reminders


class Command(BaseCommand):
    help = "Rappelle aux apprenants leur réservation du lendemain (dry run sans --wet-run)."

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Envoyer réellement les rappels.")

    def handle(self, *args, wet_run=False, **options):
        bookings = list(reminders.due())
        sent = 0
        for booking in bookings:
            what = f"{booking.email} : {booking.slot.resource.name}, {booking.slot.period_text}"
            if wet_run:
                if reminders.send(booking):
                    sent += 1
                    self.stdout.write(f"{what} – rappel envoyé.")
            else:
                self.stdout.write(f"{what} – rappel à envoyer (dry run).")
        if wet_run:
            self.stdout.write(self.style.SUCCESS(f"{sent} rappel(s) envoyé(s)."))
        else:
            self.stdout.write(f"{len(bookings)} rappel(s) à envoyer. Relancez avec --wet-run pour les envoyer.")
