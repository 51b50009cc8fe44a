from django.db import migrations


def create_catalogue(apps, schema_editor):
    from deffinov.reports.catalogue import ensure_catalogue

    ensure_catalogue(apps.get_model("reports", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_reports_and_indicators")]

    operations = [migrations.RunPython(create_catalogue, migrations.RunPython.noop)]
