"""What a determined editor with write access to the database does: raw SQL, triggers switched off first.

Only the table's owner may switch a trigger off; the tests do it to show that the signed digests still catch what
such an editor did."""

import contextlib

from django.db import connection

from deffinov.audit.models import AuditEvent

TABLES = ["audit_auditevent", "audit_auditdigest"]


@contextlib.contextmanager
def triggers_off():
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")


def execute(sql, params=()):
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def delete_events(sequence_from=None):
    if sequence_from is None:
        execute("DELETE FROM audit_auditevent")
    else:
        execute("DELETE FROM audit_auditevent WHERE sequence >= %s", [sequence_from])


def rewrite_and_recompute(sequence, summary):
    """Change one event, then recompute the hash of it and of every later event: the chain looks intact again."""
    previous_hash = None
    for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"):
        if event.sequence == sequence:
            event.summary = summary
        else:
            event.previous_hash = previous_hash
        event.hash = event.compute_hash()
        execute(
            "UPDATE audit_auditevent SET summary = %s, previous_hash = %s, hash = %s WHERE id = %s",
            [event.summary, event.previous_hash, event.hash, event.pk],
        )
        previous_hash = event.hash
