"""The signed digests anchor the trail: truncation, full deletion and rewriting with a recomputed chain are found."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from deffinov.audit.digests import sign, verify_digests
from deffinov.audit.models import AuditDigest, AuditEvent, record, verify_chain
from tests.audit.tampering import delete_events, execute, rewrite_and_recompute

pytestmark = pytest.mark.django_db


def trail(count=5):
    for n in range(1, count + 1):
        record("application.submitted", summary=f"Dépôt du dossier DEF-{n}")


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def verify_fails():
    """The French report of a failed verification (its lines of anomalies)."""
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"Journal d'audit altéré : \d+ anomalie\(s\)\."):
        call_command("verify_audit_trail", stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_signing_is_a_dry_run_by_default_then_stores_and_prints_a_digest():
    trail(3)
    out, _err = run("sign_audit_trail")
    assert "Simulation (rien n'est enregistré ; --wet-run pour signer)" in out
    assert not AuditDigest.objects.exists()

    out, _err = run("sign_audit_trail", "--wet-run")

    digest = AuditDigest.objects.get()
    assert (digest.sequence, digest.event_count, digest.head_sequence) == (1, 3, 3)
    assert digest.head_hash == AuditEvent.objects.get(sequence=3).hash
    assert "Empreinte signée et enregistrée" in out
    assert "3 événement(s), dernier événement n° 3" in out
    assert f"deffinov-audit-digest-v1|1|{digest.at:%Y-%m-%dT%H:%M:%S}Z|3|3|{digest.head_hash}|" in out
    assert out.strip().endswith(digest.signature)
    out, _err = run("verify_audit_trail")
    assert "Journal d'audit intact : 3 événement(s), 1 empreinte(s) signée(s) vérifiée(s)." in out


def test_signing_twice_without_new_events_adds_nothing_then_new_events_get_a_chained_digest():
    trail(2)
    first, _created = sign(wet_run=True)
    out, _err = run("sign_audit_trail", "--wet-run")
    assert "Aucun nouvel événement depuis la dernière empreinte signée" in out
    assert AuditDigest.objects.count() == 1

    trail(2)
    second, created = sign(wet_run=True)

    assert created and second.sequence == 2 and second.event_count == 4
    assert second.previous_signature == first.signature
    assert verify_chain() == [] and verify_digests() == []


def test_the_chain_alone_misses_deleted_last_events_the_digest_does_not():
    trail(5)
    sign(wet_run=True)

    delete_events(sequence_from=4)

    assert verify_chain() == []  # what verify_audit_trail relied on before: « intact »
    report = verify_fails()
    assert "Empreinte signée n° 1 : elle compte 5 événement(s) jusqu'au n° 5, le journal en a maintenant 3." in report
    assert "Empreinte signée n° 1 : l'événement n° 5 qu'elle scelle a disparu." in report


def test_deleting_every_event_is_detected():
    trail(3)
    sign(wet_run=True)

    delete_events()

    assert verify_chain() == []
    report = verify_fails()
    assert "le journal en a maintenant 0" in report


def test_rewriting_an_event_and_recomputing_the_chain_is_detected():
    trail(5)
    sign(wet_run=True)

    rewrite_and_recompute(2, "Dépôt du dossier DEF-2 (réécrit)")

    assert verify_chain() == []
    assert "Empreinte signée n° 1 : l'événement n° 5 n'a plus l'empreinte scellée" in verify_fails()


def test_a_digest_cannot_be_adjusted_to_a_rewritten_trail_without_the_key():
    trail(3)
    digest, _created = sign(wet_run=True)
    rewrite_and_recompute(1, "réécrit")
    new_head = AuditEvent.objects.get(sequence=3).hash

    execute("UPDATE audit_auditdigest SET head_hash = %s WHERE id = %s", [new_head, digest.pk])

    assert "Empreinte signée n° 1 : signature invalide" in verify_fails()


def test_a_deleted_digest_is_detected_and_a_printed_copy_catches_a_full_wipe():
    trail(2)
    sign(wet_run=True)
    trail(1)
    sign(wet_run=True)
    trail(1)
    sign(wet_run=True)
    out, _err = run("sign_audit_trail")
    printed = out.strip().splitlines()[-1]

    execute("DELETE FROM audit_auditdigest WHERE sequence = 2")
    assert "Empreintes signées manquantes : le n° 2 est attendu, le n° 3 est trouvé." in verify_fails()

    execute("DELETE FROM audit_auditdigest")
    delete_events()
    out, _err = run("verify_audit_trail")  # nothing left to compare with, in the database
    assert "Aucune empreinte signée" in out

    err = io.StringIO()
    with pytest.raises(CommandError, match="altéré"):
        call_command("verify_audit_trail", "--digest", printed, stdout=io.StringIO(), stderr=err)
    assert "Empreinte imprimée n° 3 : elle compte 4 événement(s) jusqu'au n° 4, le journal en a maintenant 0." in (
        err.getvalue()
    )
    assert "Empreinte imprimée n° 3 : elle n'est plus dans la base (empreintes supprimées)." in err.getvalue()


def test_a_printed_copy_of_an_intact_trail_verifies_and_a_forged_one_does_not():
    trail(2)
    out, _err = run("sign_audit_trail", "--wet-run")
    printed = out.strip().splitlines()[-1]
    run("verify_audit_trail", "--digest", printed)

    forged = printed.replace("|2|2|", "|1|1|", 1)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit_trail", "--digest", forged, stdout=io.StringIO(), stderr=err)
    assert "Empreinte imprimée n° 1 : signature invalide" in err.getvalue()
    with pytest.raises(CommandError, match="Empreinte imprimée illisible"):
        call_command("verify_audit_trail", "--digest", "n'importe quoi", stdout=io.StringIO())


def test_signing_refuses_a_trail_altered_since_its_last_digest():
    trail(3)
    sign(wet_run=True)
    trail(2)
    execute("UPDATE audit_auditevent SET summary = 'falsifié' WHERE sequence = 4")

    with pytest.raises(CommandError, match=r"Rien n'est signé : le journal est altéré\. Événement n° 4"):
        run("sign_audit_trail", "--wet-run")
    assert AuditDigest.objects.count() == 1


def test_the_key_comes_from_the_environment_and_is_required_in_production(settings):
    trail(2)
    settings.AUDIT_SIGNING_KEY = "clé-de-la-région"
    sign(wet_run=True)
    run("verify_audit_trail")

    settings.AUDIT_SIGNING_KEY = "une-autre-clé"
    assert "Empreinte signée n° 1 : signée avec une autre clé" in verify_fails()

    settings.AUDIT_SIGNING_KEY = None
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured, match="AUDIT_SIGNING_KEY est requise en production"):
        sign(wet_run=True)
