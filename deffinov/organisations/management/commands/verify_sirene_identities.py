"""Check again at the SIRENE register the structures whose identity was typed by hand (« non vérifié »).

Run it once a day from cron, for instance:

    30 6 * * *  cd /srv/deffinov && .venv/bin/python manage.py verify_sirene_identities --wet-run

Without --wet-run it only lists the structures it would check.
"""

from django.core.management.base import BaseCommand

from deffinov.organisations.identity import CLOSED, UNAVAILABLE, UNKNOWN, VERIFIED, unverified, verify_identity

OUTCOMES = {
    VERIFIED: "identité vérifiée et reprise du répertoire",
    CLOSED: "établissement fermé au répertoire : marqué fermé",
    UNKNOWN: "SIRET inconnu du répertoire : reste non vérifié",
    UNAVAILABLE: "répertoire injoignable : reste non vérifié",
}


class Command(BaseCommand):
    help = "Vérifie au répertoire SIRENE les identités saisies à la main (dry run sans --wet-run)."

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Interroger réellement le répertoire.")

    def handle(self, *args, wet_run=False, **options):
        organisations = list(unverified())
        counts = dict.fromkeys(OUTCOMES, 0)
        for organisation in organisations:
            if not wet_run:
                self.stdout.write(f"{organisation.siret} {organisation.name} : à vérifier (dry run).")
                continue
            outcome = verify_identity(organisation)
            counts[outcome] += 1
            self.stdout.write(f"{organisation.siret} {organisation.name} : {OUTCOMES[outcome]}.")
            if outcome == UNAVAILABLE:
                break  # The register is down: the next run checks the others.
        if wet_run:
            self.stdout.write(self.style.SUCCESS(f"{counts[VERIFIED]} vérifiée(s) sur {len(organisations)}."))
        else:
            self.stdout.write(f"{len(organisations)} structure(s) à vérifier. Relancez avec --wet-run.")
