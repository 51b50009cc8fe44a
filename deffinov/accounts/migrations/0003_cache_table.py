from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The shared cache (login lockout counters, used TOTP codes) lives in the database: every `migrate` makes
    # sure its table exists, as `createcachetable` does (nothing to do when the cache is elsewhere).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
