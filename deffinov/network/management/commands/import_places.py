"""Import places from a « lieux de médiation numérique » file (standard 1.0.2), CSV or JSON:

    python manage.py import_places lieux.csv             # dry run: says what it would do, saves nothing
    python manage.py import_places lieux.csv --wet-run   # imports

Idempotent: a place is found by the file's `id`, then by `pivot` (SIRET) and name. Each refused row is reported
with its number and the column at fault, and changes nothing; the other rows are imported.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deffinov.network.importer import FileError, import_rows, read_rows


class Command(BaseCommand):
    help = "Importe des lieux au format « lieux de médiation numérique » (CSV ou JSON ; simulation sans --wet-run)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier CSV ou JSON au format « lieux de médiation numérique » 1.0.2.")
        parser.add_argument("--wet-run", action="store_true", help="Enregistrer réellement les lieux.")

    def handle(self, *args, file, wet_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {file}.")
        try:
            rows = read_rows(path.read_bytes(), path.name)
        except FileError as error:
            raise CommandError(str(error)) from None
        report = import_rows(rows, wet_run=wet_run)
        for label, message in report.errors:
            self.stderr.write(f"{label} : {message}")
        summary = (
            f"{report.created} lieu(x) créé(s), {report.updated} mis à jour, {report.unchanged} inchangé(s), "
            f"{report.organisations_created} structure(s) créée(s) sans administrateur, "
            f"{report.refused} ligne(s) refusée(s)."
        )
        if wet_run:
            self.stdout.write(self.style.SUCCESS(f"Import : {summary}"))
        else:
            self.stdout.write(f"Simulation : {summary} Rien n'est enregistré : relancez avec --wet-run.")
