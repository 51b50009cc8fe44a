from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deffinov.emails.models import Email
from deffinov.emails.tasks import send_email


class Command(BaseCommand):
    help = gettext_lazy("Remet en file d'envoi les courriels non envoyés (simulation sans --wet-run).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=30,
            metavar="MINUTES",
            help=gettext_lazy("Ne reprendre que les courriels créés il y a plus de MINUTES minutes (30 par défaut)."),
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=10,
            help=gettext_lazy("Laisser de côté les courriels ayant déjà échoué autant de fois (10 par défaut)."),
        )
        parser.add_argument(
            "--wet-run", action="store_true", help=gettext_lazy("Remettre réellement les courriels en file.")
        )

    def handle(self, *, older_than, max_attempts, wet_run, **options):
        emails = (
            Email.objects.unsent()
            .created_before(older_than)
            .filter(attempts__lt=max_attempts)
            .order_by("created_at")
            .values_list("pk", flat=True)
        )
        count = 0
        for email_id in emails.iterator():
            if wet_run:
                send_email.enqueue(email_id)
            count += 1
        if wet_run:
            self.stdout.write(_("%(count)s courriel(s) remis en file d'envoi.") % {"count": count})
        else:
            self.stdout.write(
                _("%(count)s courriel(s) seraient remis en file d'envoi (relancer avec --wet-run).") % {"count": count}
            )
