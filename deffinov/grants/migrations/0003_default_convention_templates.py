from django.db import migrations

from deffinov.grants.convention import DEFAULT_BODY


def create_default_templates(apps, schema_editor):
    """Every call gets the default convention text, which a functional administrator then adapts."""
    Call = apps.get_model("calls", "Call")
    ConventionTemplate = apps.get_model("grants", "ConventionTemplate")
    existing = set(ConventionTemplate.objects.values_list("call_id", flat=True))
    ConventionTemplate.objects.bulk_create(
        ConventionTemplate(call=call, body=DEFAULT_BODY) for call in Call.objects.exclude(pk__in=existing)
    )


class Migration(migrations.Migration):
    dependencies = [("grants", "0002_conventions_and_amendments")]

    operations = [migrations.RunPython(create_default_templates, migrations.RunPython.noop)]
