from django.db import migrations

from deffinov.accounts.roles import GROUP_NAMES


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUP_NAMES.values():
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    """The group of every Region role; their permissions are added after each migrate (AccountsConfig)."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
