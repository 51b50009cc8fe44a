"""An append-only audit trail, each row chained to the previous one by a SHA-256 hash.

Changing or deleting a row breaks the chain: `manage.py verify_audit_trail` finds where. Deleting the last rows,
or rewriting rows and recomputing the chain, is found through the signed digests (`deffinov.audit.digests`).
The model and its QuerySet refuse updates and deletes; on PostgreSQL a trigger refuses them too.
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


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are only ever added: bulk updates and deletes raise."""

    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly("Le journal d'audit ne se modifie pas.")

    def delete(self):
        raise AuditTrailIsAppendOnly("Le journal d'audit ne se supprime pas.")

    delete.queryset_only = True
    delete.alters_data = True
    update.alters_data = True


class AppendOnlyModel(models.Model):
    """A row written once: saving it again or deleting it raises."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update") or kwargs.get("update_fields"):
            raise AuditTrailIsAppendOnly("Le journal d'audit ne se modifie pas.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("Le journal d'audit ne se supprime pas.")


class AuditEvent(AppendOnlyModel):
    sequence = models.PositiveBigIntegerField("numéro", unique=True, editable=False)
    at = models.DateTimeField("date", editable=False)
    # No database constraint and nothing done on delete: deleting an account never touches the trail (the row
    # keeps the former id, hashed, and `actor_label`, a text copy of the name).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
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


def lock_trail():
    """Inside a transaction: wait for the other writers of the trail (and of its digests) to finish."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def record(action, *, actor=None, target=None, summary, data=None, attempts=5):
    """Append an event to the trail. Concurrent writers never fork the chain: the sequence is unique."""
    data = json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                lock_trail()
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


def verify_chain(batch_size=2000, after=None):
    """Walk the trail; return a list of French problem descriptions (empty when intact).

    `after` is an event already checked (its `sequence` and `hash`): the walk starts right after it."""
    problems = []
    expected_previous = after.hash if after else GENESIS
    expected_sequence = after.sequence + 1 if after else 1
    events = AuditEvent.objects.order_by("sequence")
    if after:
        events = events.filter(sequence__gt=after.sequence)
    for event in events.iterator(chunk_size=batch_size):
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


class AuditDigest(AppendOnlyModel):
    """A signed statement of the trail at one moment: how many events, the last one and its hash.

    Stored apart from the events (and printed, to be kept outside the platform): deleting the last events, every
    event, or rewriting events and recomputing the chain no longer matches a digest, and a digest cannot be forged
    without the key (`AUDIT_SIGNING_KEY`). Digests are chained by their signatures, as the events by their hashes."""

    sequence = models.PositiveBigIntegerField("numéro", unique=True, editable=False)
    at = models.DateTimeField("date", editable=False)
    event_count = models.PositiveBigIntegerField("nombre d'événements", editable=False)
    head_sequence = models.PositiveBigIntegerField("numéro du dernier événement", editable=False)
    head_hash = models.CharField("empreinte du dernier événement", max_length=64, editable=False)
    previous_signature = models.CharField("signature précédente", max_length=64, editable=False)
    key_fingerprint = models.CharField("empreinte de la clé", max_length=16, editable=False)
    signature = models.CharField("signature HMAC-SHA256", max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = "empreinte signée du journal d'audit"
        verbose_name_plural = "empreintes signées du journal d'audit"
        ordering = ["-sequence"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event_count__lte=models.F("head_sequence")), name="audit_digest_count_within_head"
            ),
        ]

    def __str__(self):
        return f"Empreinte n° {self.sequence} : {self.event_count} événement(s)"
