import os
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from deffinov.accounts.models import User
from deffinov.audit.digests import sign
from deffinov.audit.models import GENESIS, AuditDigest, AuditEvent, AuditTrailIsAppendOnly, record, verify_chain
from tests.applications.factories import draft
from tests.audit.tampering import execute

needs_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)


@pytest.fixture
def alice(db):
    return User.objects.create_user(email="alice@example.org", password="x", first_name="Alice", last_name="Martin")


def test_events_are_chained_from_the_genesis(alice):
    first = record("application.submitted", actor=alice, target=alice, summary="Dépôt du dossier DEF-1")
    second = record("document.downloaded", actor=alice, summary="Téléchargement", data={"sha256": "ab"})
    assert first.sequence == 1 and first.previous_hash == GENESIS
    assert second.sequence == 2 and second.previous_hash == first.hash
    assert first.actor_label == "Alice Martin" and first.object_type == "accounts.user"
    assert verify_chain() == []
    call_command("verify_audit_trail")


def test_an_altered_row_is_detected(alice):
    record("a", actor=alice, summary="un")
    event = record("b", actor=alice, summary="deux")
    record("c", actor=alice, summary="trois")
    execute("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["deux (falsifié)", event.pk])
    assert verify_chain() == ["Événement n° 2 : son contenu a été modifié (empreinte invalide)."]
    with pytest.raises(CommandError, match="altéré"):
        call_command("verify_audit_trail")


def test_a_deleted_row_is_detected(alice):
    for summary in ["un", "deux", "trois"]:
        record("a", actor=alice, summary=summary)
    execute("DELETE FROM audit_auditevent WHERE sequence = 2")
    problems = verify_chain()
    assert "Événements manquants : le n° 2 est attendu, le n° 3 est trouvé." in problems
    assert "Événement n° 3 : il ne suit pas l'événement précédent (chaîne rompue)." in problems


def test_the_model_refuses_updates_and_deletes(alice):
    event = record("a", actor=alice, summary="un")
    event.summary = "autre"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()


def test_the_queryset_and_the_manager_refuse_updates_and_deletes(alice):
    event = record("a", actor=alice, summary="un")
    attempts = [
        lambda: AuditEvent.objects.update(summary="autre"),
        lambda: AuditEvent.objects.filter(pk=event.pk).update(summary="autre"),
        lambda: AuditEvent.objects.all().delete(),
        lambda: AuditEvent.objects.filter(sequence__gte=1).delete(),
        lambda: AuditEvent.objects.bulk_update([event], ["summary"]),
        lambda: AuditEvent.objects.update_or_create(pk=event.pk, defaults={"summary": "autre"}),
    ]
    for attempt in attempts:
        with pytest.raises(AuditTrailIsAppendOnly), transaction.atomic():
            attempt()
    assert AuditEvent.objects.get().summary == "un"
    assert verify_chain() == []


def test_digests_refuse_updates_and_deletes_too(alice):
    record("a", actor=alice, summary="un")
    digest, _created = sign(wet_run=True)
    for attempt in [
        lambda: AuditDigest.objects.update(event_count=0),
        lambda: AuditDigest.objects.all().delete(),
        digest.delete,
        digest.save,
    ]:
        with pytest.raises(AuditTrailIsAppendOnly):
            attempt()
    assert AuditDigest.objects.get().event_count == 1


def test_deleting_a_user_keeps_their_events_and_the_trail_intact(alice):
    record("application.submitted", actor=alice, summary="Dépôt du dossier DEF-1")
    record("document.downloaded", actor=alice, summary="Téléchargement")
    sign(wet_run=True)

    alice.delete()

    assert not User.objects.filter(email="alice@example.org").exists()
    assert [event.actor_label for event in AuditEvent.objects.order_by("sequence")] == ["Alice Martin"] * 2
    call_command("verify_audit_trail")


def test_deleting_a_dossier_keeps_its_events_and_the_trail_intact(db):
    application, _participation, admin = draft()
    pk = application.pk
    record("application.created", actor=admin, target=application, summary="Dossier créé")
    sign(wet_run=True)

    application.delete()
    admin.delete()

    assert AuditEvent.objects.get().object_id == str(pk)
    call_command("verify_audit_trail")


@needs_postgresql
def test_postgresql_itself_refuses_updates_and_deletes_of_the_trail(alice):
    record("a", actor=alice, summary="un")
    sign(wet_run=True)
    statements = [
        "UPDATE audit_auditevent SET summary = 'autre'",
        "DELETE FROM audit_auditevent",
        "UPDATE audit_auditdigest SET event_count = 0",
        "DELETE FROM audit_auditdigest",
    ]
    for statement in statements:
        refused = pytest.raises(IntegrityError, match="Le journal d'audit ne se modifie ni ne se supprime")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.get().summary == "un"
    assert AuditDigest.objects.count() == 1


def test_an_anonymous_or_system_event_has_no_actor(db):
    event = record("reminders.sent", summary="Rappels envoyés")
    assert event.actor is None and event.actor_label == "système"


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent writers need PostgreSQL (SQLite serialises writes).")

    def write(index):
        try:
            for n in range(5):
                record("concurrent", summary=f"écrivain {index} n° {n}")
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert AuditEvent.objects.count() == 20
    assert verify_chain() == []
