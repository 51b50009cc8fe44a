import time

from django.core.management.base import BaseCommand, CommandError

from deffinov.territories import sync
from deffinov.territories.geo_api import GeoAPIClient, GeoAPIError
from deffinov.territories.models import EPCI, Commune, Department

# Communes disappear only by merging, a few hundred a year at most: a response that would delete
# more than this share of the stored communes is more likely incomplete, so nothing is deleted then.
MAX_DELETED_SHARE = 0.05
MIN_DELETIONS_ALLOWED = 20


class Command(BaseCommand):
    help = (
        "Actualise les communes (noms, codes postaux, population, EPCI, coordonnées) depuis l'API "
        "géographique officielle (GEO_API_URL). Simulation par défaut ; --wet-run pour enregistrer."
    )
    stealth_options = ("transport",)

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Enregistre les changements.")
        parser.add_argument("--timeout", type=float, default=60.0, help="Délai d'attente de l'API, en secondes.")

    def handle(self, *args, wet_run, timeout, verbosity, **options):
        started = time.perf_counter()
        try:
            with GeoAPIClient(transport=options.get("transport"), timeout=timeout) as client:
                records = client.communes()
                epci_names = client.epcis()
        except GeoAPIError as error:
            raise CommandError(
                f"Échec de l'actualisation des communes : {error} Aucune commune n'a été modifiée."
            ) from error
        if not records:
            raise CommandError("L'API géographique n'a renvoyé aucune commune : aucune commune n'a été modifiée.")

        departments = set(Department.objects.values_list("code", flat=True))
        unknown = sorted({record.department_code for record in records} - departments)
        records = [record for record in records if record.department_code in departments]
        stored_epcis = dict(EPCI.objects.values_list("siren", "name"))
        epcis = {
            record.epci_siren: epci_names.get(record.epci_siren)
            or stored_epcis.get(record.epci_siren)
            or record.epci_siren
            for record in records
            if record.epci_siren
        }
        epci_plan = sync.plan(EPCI, {siren: {"name": name} for siren, name in epcis.items()})
        commune_plan = sync.plan_communes(records)
        allowed = max(MIN_DELETIONS_ALLOWED, int(Commune.objects.count() * MAX_DELETED_SHARE))
        withheld = len(commune_plan.to_delete) if len(commune_plan.to_delete) > allowed else 0
        if withheld:
            commune_plan.to_delete = []
        plans = [epci_plan, commune_plan]
        changes = sum(each.changes for each in plans)
        if wet_run and changes:
            sync.apply(plans)

        for line in sync.describe(plans, wet_run, examples=5 if verbosity > 1 else 0):
            self.stdout.write(line)
        if unknown:
            self.stdout.write(
                self.style.WARNING(
                    f"Communes ignorées : département inconnu ({', '.join(unknown)}). "
                    "Lancez d'abord load_territories avec des fichiers à jour."
                )
            )
        if withheld:
            self.stdout.write(
                self.style.WARNING(
                    f"{withheld} communes absentes de la réponse : trop pour une réponse complète, aucune supprimée."
                )
            )
        elapsed = f"({time.perf_counter() - started:.1f} s)"
        if not changes:
            self.stdout.write(self.style.SUCCESS(f"Communes à jour : rien à changer. {elapsed}"))
        elif wet_run:
            self.stdout.write(self.style.SUCCESS(f"Communes actualisées. {elapsed}"))
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Simulation : rien n'a été enregistré. Relancez avec --wet-run pour appliquer. {elapsed}"
                )
            )
