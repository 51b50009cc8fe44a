"""An append-only audit trail, each row chained to the previous one by a SHA-256 hash.

Changing or deleting a row breaks the chain: `manage.py verify_audit_trail` finds where.
"""

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

GENESIS = "0" * 64
# Serialises writers on PostgreSQL so the chain never forks (SQLite serialises writes by itself).
ADVISORY_LOCK_KEY = 0x4A55_4449_54  # "AUDIT"


class AuditTrailIsAppendOnly(Exception):
    pass


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField("numéro", unique=True, editable=False)
    at = models.DateTimeField("date", editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur",
    )
    actor_label = models.CharField("auteur (libellé)", max_length=255, blank=True)
    action = models.CharField("action", max_length=80, db_index=True)
    object_type = models.CharField("type d'objet", max_length=80, blank=True)
    object_id = models.CharField("identifiant de l'objet", max_length=64, blank=True, db_index=True)
    summary = models.CharField("résumé", max_length=500)
    data = models.JSONField("détails", default=dict, encoder=DjangoJSONEncoder, blank=True)
    previous_hash = models.CharField("empreinte précédente", max_length=64, editable=False)
    hash = models.CharField("empreinte", max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = "événement du journal d'audit"
        verbose_name_plural = "journal d'audit"
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self):
        return f"#{self.sequence} {self.action} – {self.summary}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditTrailIsAppendOnly("Le journal d'audit ne se modifie pas.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("Le journal d'audit ne se supprime pas.")

    def compute_hash(self):
        payload = json.dumps(
            {
                "sequence": self.sequence,
                "at": self.at.isoformat(),
                "actor": self.actor_id,
                "actor_label": self.actor_label,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "summary": self.summary,
                "data": self.data,
                "previous_hash": self.previous_hash,
            },
            cls=DjangoJSONEncoder,
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def record(action, *, actor=None, target=None, summary, data=None, attempts=5):
    """Append an event to the trail. Concurrent writers never fork the chain: the sequence is unique."""
    data = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
                last = AuditEvent.objects.order_by("-sequence").only("sequence", "hash").first()
                event = AuditEvent(
                    sequence=(last.sequence + 1) if last else 1,
                    at=timezone.now(),
                    actor=actor if actor is not None and actor.is_authenticated else None,
                    actor_label=str(actor) if actor is not None and actor.is_authenticated else "système",
                    action=action,
                    object_type=target._meta.label_lower if target is not None else "",
                    object_id=str(target.pk) if target is not None else "",
                    summary=summary[:500],
                    data=data,
                    previous_hash=last.hash if last else GENESIS,
                )
                event.hash = event.compute_hash()
                event.save()
                return event
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    return None


def verify_chain(batch_size=2000):
    """Walk the whole trail; return a list of French problem descriptions (empty when intact)."""
    problems = []
    expected_previous = GENESIS
    expected_sequence = 1
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            problems.append(
                f"Événements manquants : le n° {expected_sequence} est attendu, le n° {event.sequence} est trouvé."
            )
        if event.previous_hash != expected_previous:
            problems.append(f"Événement n° {event.sequence} : il ne suit pas l'événement précédent (chaîne rompue).")
        if event.compute_hash() != event.hash:
            problems.append(f"Événement n° {event.sequence} : son contenu a été modifié (empreinte invalide).")
        expected_previous = event.hash
        expected_sequence = event.sequence + 1
    return problems
