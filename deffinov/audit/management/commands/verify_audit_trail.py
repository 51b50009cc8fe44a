from django.core.management.base import BaseCommand, CommandError

from deffinov.audit.digests import AuditSigningError, describe, verify_digests
from deffinov.audit.models import AuditDigest, AuditEvent, verify_chain


class Command(BaseCommand):
    help = (
        "Vérifie que le journal d'audit n'a été ni modifié ni amputé : la chaîne d'empreintes SHA-256 des événements "
        "et chaque empreinte signée (nombre d'événements, dernier événement, signature HMAC-SHA256)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--digest",
            action="append",
            default=[],
            metavar="LIGNE",
            help="Une empreinte imprimée par sign_audit_trail et conservée hors de la plateforme (répétable).",
        )

    def handle(self, *args, digest=(), **options):
        try:
            problems = verify_chain() + verify_digests(printed=digest)
        except AuditSigningError as error:
            raise CommandError(error.message) from None
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Journal d'audit altéré : {len(problems)} anomalie(s).")
        count = AuditEvent.objects.count()
        last = AuditDigest.objects.order_by("-sequence").first()
        if last is None:
            self.stdout.write(
                self.style.WARNING(
                    "Aucune empreinte signée : la suppression des derniers événements ne serait pas détectée. "
                    "Lancez « manage.py sign_audit_trail --wet-run »."
                )
            )
        digests = AuditDigest.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Journal d'audit intact : {count} événement(s), {digests} empreinte(s) signée(s) vérifiée(s)."
            )
        )
        if last is not None:
            self.stdout.write(f"Dernière : {describe(last)}")
