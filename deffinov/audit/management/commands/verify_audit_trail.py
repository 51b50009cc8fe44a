from django.core.management.base import BaseCommand, CommandError

from deffinov.audit.models import AuditEvent, verify_chain


class Command(BaseCommand):
    help = "Vérifie que le journal d'audit n'a été ni modifié ni amputé (chaîne d'empreintes SHA-256)."

    def handle(self, *args, **options):
        problems = verify_chain()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Journal d'audit altéré : {len(problems)} anomalie(s).")
        self.stdout.write(self.style.SUCCESS(f"Journal d'audit intact : {AuditEvent.objects.count()} événement(s)."))
