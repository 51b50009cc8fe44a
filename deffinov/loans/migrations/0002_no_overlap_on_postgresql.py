"""On PostgreSQL, the database itself refuses two loans holding one item on the same day.

The workflow already decides under a row lock on the item (and SQLite serialises writers); this exclusion
constraint is the last line. It needs btree_gist for the equality on the item; SQLite gets nothing here.
"""

from django.db import migrations

HOLDING = "('reserved', 'active', 'overdue')"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        "ALTER TABLE loans_loan ADD CONSTRAINT loan_no_overlap EXCLUDE USING gist "
        "(item_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&) "
        f"WHERE (state IN {HOLDING})"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE loans_loan DROP CONSTRAINT IF EXISTS loan_no_overlap")


class Migration(migrations.Migration):
    dependencies = [("loans", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
