import time

from django.core.management.base import BaseCommand, CommandError

from deffinov.territories import csv_files, sync


class Command(BaseCommand):
    help = (
        "Charge les régions, départements, EPCI et communes depuis les fichiers CSV de référence. "
        "Simulation par défaut ; --wet-run pour enregistrer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Enregistre les changements.")
        parser.add_argument(
            "--data-dir",
            default=str(csv_files.DEFAULT_DIRECTORY),
            help="Dossier contenant regions-fr.csv, departements-fr.csv et communes-fr.csv.",
        )
        parser.add_argument(
            "--keep-missing",
            action="store_true",
            help="Ne supprime pas les communes absentes des fichiers (par défaut : supprimées si rien n'y renvoie).",
        )

    def handle(self, *args, wet_run, data_dir, keep_missing, verbosity, **options):
        started = time.perf_counter()
        try:
            data = csv_files.read(data_dir)
        except csv_files.ReferenceFileError as error:
            raise CommandError(str(error)) from error
        plans = sync.plan_territories(
            data.regions, data.departments, data.epcis, data.communes, delete_missing=not keep_missing
        )
        changes = sum(each.changes for each in plans)
        if wet_run and changes:
            sync.apply(plans)
        for line in sync.describe(plans, wet_run, examples=5 if verbosity > 1 else 0):
            self.stdout.write(line)
        elapsed = f"({time.perf_counter() - started:.1f} s)"
        if not changes:
            self.stdout.write(self.style.SUCCESS(f"Territoires à jour : rien à changer. {elapsed}"))
        elif wet_run:
            self.stdout.write(self.style.SUCCESS(f"Territoires enregistrés. {elapsed}"))
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Simulation : rien n'a été enregistré. Relancez avec --wet-run pour appliquer. {elapsed}"
                )
            )
