from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deffinov.accounts.roles import Role, has_role
from deffinov.bookings.demo import load_demo_bookings
from deffinov.committee.demo import load_demo_committee
from deffinov.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET
from deffinov.demo.applications import load_demo_applications
from deffinov.demo.decisions import load_demo_decisions
from deffinov.demo.grants import load_demo_grants
from deffinov.demo.loader import load_demo
from deffinov.demo.reference import MissingReferenceData
from deffinov.instruction.demo import load_demo_instruction
from deffinov.loans.demo import load_demo_loans
from deffinov.matchmaking.demo import load_demo_ads
from deffinov.network.demo import load_demo_places
from deffinov.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Charge ou met à jour les données de démonstration : l'appel à projets normand, ses vagues, "
        "des structures fictives et des comptes de démonstration. Sans --wet-run, simule sans rien enregistrer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Enregistre les données (sinon : simulation).")

    def handle(self, *args, wet_run=False, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "Refusé : les données de démonstration (comptes au mot de passe public, structures fictives) "
                "ne se chargent jamais en production (settings.PRODUCTION est vrai)."
            )
        try:
            with transaction.atomic():
                demo = load_demo()
                summary = list(self.summary(demo))
                # The applications and their instruction build on the call, the structures and the accounts.
                load_demo_applications(self.stdout)
                load_demo_instruction(self.stdout)
                load_demo_committee(self.stdout)
                load_demo_decisions(self.stdout)
                load_demo_grants(self.stdout)
                load_demo_places(self.stdout)
                load_demo_bookings(self.stdout)
                load_demo_ads(self.stdout)
                load_demo_loans(self.stdout)
                if not wet_run:
                    transaction.set_rollback(True)
        except MissingReferenceData as error:
            raise CommandError(str(error)) from error

        for line in summary:
            self.stdout.write(line)
        if wet_run:
            self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        else:
            self.stdout.write(self.style.WARNING("Simulation : rien n'a été enregistré. Relancez avec --wet-run."))

    def summary(self, demo):
        """What was loaded, and how to log in as each role."""
        for line in demo.tally.lines():
            yield f"  {line}"
        waves = ", ".join(f"{wave.title} ({wave.get_status_display().lower()})" for wave in demo.call.waves.all())
        yield f"Appel à projets : {demo.call.get_absolute_url()} – vagues : {waves}"
        yield f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD}) :"
        yield (
            f"  Agents de la Région et administrateur : code à usage unique sur le secret {DEMO_TOTP_SECRET}, "
            "ou « python manage.py demo_code <adresse> »."
        )
        for email, user in demo.users.items():
            role = describe_role(user)
            structures = ", ".join(organisation.name for organisation in Organisation.objects.administered_by(user))
            yield f"  {email} – {role}{f' ({structures})' if structures else ''}"


def describe_role(user):
    """« administrateur de la plateforme », the roles' French names, or « candidat »."""
    if user.is_superuser:
        return "administrateur de la plateforme, authentification à deux facteurs"
    names = [str(role.label).lower() for role in Role if has_role(user, role)]
    if names:
        return f"{', '.join(names)}, authentification à deux facteurs"
    return "candidat"
