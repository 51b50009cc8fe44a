"""On PostgreSQL, the database itself refuses to update or delete a row of the trail or of its digests.

Row triggers: TRUNCATE is not refused (Django's test flush uses it); the digests reveal a truncated trail, and in
production the application's database role should not own these tables. SQLite has no such trigger: its only use
is development and tests, where a trigger would also refuse the flush of transactional tests.
"""

from django.db import migrations

TABLES = ["audit_auditevent", "audit_auditdigest"]

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'Le journal d''audit ne se modifie ni ne se supprime (' || TG_TABLE_NAME || ', ' || TG_OP || ').',
        ERRCODE = 'integrity_constraint_violation';
END;
$$
"""
CREATE_TRIGGER = (
    "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()"
)
DROP_TRIGGER = "DROP TRIGGER IF EXISTS {table}_append_only ON {table}"


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    for table in TABLES:
        schema_editor.execute(CREATE_TRIGGER.format(table=table))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(DROP_TRIGGER.format(table=table))
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_actor_kept_and_signed_digests")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
