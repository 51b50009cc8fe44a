import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from deffinov.accounts.models import User
from deffinov.audit.models import GENESIS, AuditEvent, AuditTrailIsAppendOnly, record, verify_chain


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
    AuditEvent.objects.filter(pk=event.pk).update(summary="deux (falsifié)")
    assert verify_chain() == ["Événement n° 2 : son contenu a été modifié (empreinte invalide)."]
    with pytest.raises(CommandError, match="altéré"):
        call_command("verify_audit_trail")


def test_a_deleted_row_is_detected(alice):
    for summary in ["un", "deux", "trois"]:
        record("a", actor=alice, summary=summary)
    AuditEvent.objects.filter(sequence=2)._raw_delete(AuditEvent.objects.db)
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
