"""Export a wave's dossiers as CSV, XLSX or ODS (read only: nothing is changed).

    python manage.py export_applications --wave vague-1 --format xlsx --output dossiers.xlsx

Without --output the file goes to the standard output (binary formats as raw bytes).
"""

import shutil
import sys

from django.core.management.base import BaseCommand, CommandError

from deffinov.calls.models import Wave
from deffinov.committee import exports


class Command(BaseCommand):
    help = "Exporte les dossiers d'une vague en CSV, XLSX ou ODS (sur la sortie standard sans --output)."

    def add_arguments(self, parser):
        parser.add_argument("--wave", required=True, help="Identifiant (slug) de la vague.")
        parser.add_argument("--format", dest="fmt", choices=sorted(exports.FORMATS), default="csv")
        parser.add_argument("--output", help="Fichier à écrire (sortie standard par défaut).")

    def handle(self, *args, wave, fmt, output=None, **options):
        try:
            wave = Wave.objects.select_related("call").get(slug=wave)
        except Wave.DoesNotExist as error:
            raise CommandError(f"Aucune vague « {wave} ».") from error
        target = open(output, "wb") if output else None  # noqa: SIM115 (closed below)
        try:
            self.write(wave, fmt, target)
        finally:
            if target:
                target.close()
        if output:
            self.stderr.write(f"Export {fmt.upper()} de « {wave} » écrit dans {output}.")

    def write(self, wave, fmt, target):
        binary = target or getattr(self.stdout._out, "buffer", None) or sys.stdout.buffer
        if fmt == "csv":
            for line in exports.csv_lines(wave):
                if target:
                    target.write(line.encode())
                else:
                    self.stdout.write(line, ending="")
        elif fmt == "xlsx":
            with exports.xlsx_file(wave) as handle:
                shutil.copyfileobj(handle, binary)
        else:
            binary.write(exports.ods_bytes(wave))
        if not target:
            binary.flush() if fmt != "csv" else self.stdout.flush()
