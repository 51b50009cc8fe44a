from django.core.management.base import BaseCommand, CommandError

from deffinov.audit.digests import AuditSigningError, describe, printed_line, sign


class Command(BaseCommand):
    help = (
        "Signe une empreinte du journal d'audit (nombre d'événements, dernier événement et son empreinte), "
        "la conserve à part et l'imprime pour qu'une copie soit gardée hors de la plateforme. "
        "Simulation par défaut ; --wet-run pour l'enregistrer. Sans effet si rien n'a changé depuis la dernière."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Enregistre l'empreinte (sinon : simulation).")

    def handle(self, *args, wet_run=False, **options):
        try:
            digest, created = sign(wet_run=wet_run)
        except AuditSigningError as error:
            raise CommandError(error.message) from None
        if not created:
            self.stdout.write("Aucun nouvel événement depuis la dernière empreinte signée, qui reste valable :")
        elif not wet_run:
            self.stdout.write("Simulation (rien n'est enregistré ; --wet-run pour signer) :")
        else:
            self.stdout.write(self.style.SUCCESS("Empreinte signée et enregistrée :"))
        self.stdout.write(describe(digest))
        self.stdout.write("À conserver hors de la plateforme (vérifiable par verify_audit_trail --digest) :")
        self.stdout.write(printed_line(digest))
