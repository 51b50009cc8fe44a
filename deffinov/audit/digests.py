"""Signed digests of the audit trail: the anchor that makes truncation and rewriting visible.

A digest states « at this moment the trail held N events, the last one numbered S with hash H », signed with
HMAC-SHA256 under a key kept outside the database. `sign_audit_trail` makes one periodically, stores it (append-only)
and prints it so that a copy lives outside the platform; `verify_audit_trail` checks the chain of events against
every stored digest (and against a printed copy given to it).
"""

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from deffinov.audit.models import GENESIS, AuditDigest, AuditEvent, lock_trail, verify_chain

VERSION = "deffinov-audit-digest-v1"


class AuditSigningError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def signing_key():
    """The key from the environment; outside production, a key derived from SECRET_KEY when none is set."""
    key = settings.AUDIT_SIGNING_KEY
    if key:
        return key.encode()
    if settings.PRODUCTION:
        raise ImproperlyConfigured("La variable d'environnement AUDIT_SIGNING_KEY est requise en production.")
    return hashlib.sha256(b"deffinov.audit.digest:" + settings.SECRET_KEY.encode()).digest()


def key_fingerprint(key=None):
    return hashlib.sha256(b"fingerprint:" + (key or signing_key())).hexdigest()[:16]


def stamp(moment):
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Statement:
    """What a digest signs (a stored digest or a printed copy of one)."""

    sequence: int
    at: str
    event_count: int
    head_sequence: int
    head_hash: str
    previous_signature: str

    @classmethod
    def of(cls, digest):
        return cls(
            digest.sequence,
            stamp(digest.at),
            digest.event_count,
            digest.head_sequence,
            digest.head_hash,
            digest.previous_signature,
        )

    def message(self):
        fields = [self.sequence, self.at, self.event_count, self.head_sequence, self.head_hash, self.previous_signature]
        return "|".join([VERSION, *map(str, fields)])

    def sign(self, key=None):
        return hmac.new(key or signing_key(), self.message().encode(), hashlib.sha256).hexdigest()


def printed_line(digest):
    """The one line to keep outside the platform; `verify_audit_trail --digest` reads it back."""
    return f"{Statement.of(digest).message()}|{digest.signature}"


def parse_printed_line(line):
    parts = line.strip().split("|")
    try:
        if len(parts) != 8 or parts[0] != VERSION:
            raise ValueError
        statement = Statement(int(parts[1]), parts[2], int(parts[3]), int(parts[4]), parts[5], parts[6])
    except ValueError:
        raise AuditSigningError(
            f"Empreinte imprimée illisible : donnez la ligne complète, qui commence par « {VERSION}| »."
        ) from None
    return statement, parts[7]


def describe(digest):
    """French, for the command's output and the printed copy."""
    local = timezone.localtime(digest.at)
    return (
        f"Empreinte signée n° {digest.sequence} du {local:%d/%m/%Y à %H:%M} : {digest.event_count} événement(s), "
        f"dernier événement n° {digest.head_sequence}, empreinte {digest.head_hash}, "
        f"signature {digest.signature} (clé {digest.key_fingerprint})."
    )


def sign(wet_run=False):
    """The digest of the trail as it is now: (digest, created). Nothing new since the last digest: that one, unchanged.

    Refuses to sign a trail that no longer matches its last digest or whose events since then are not chained."""
    key = signing_key()
    with transaction.atomic():
        lock_trail()
        last_digest = AuditDigest.objects.order_by("-sequence").first()
        start = None
        if last_digest is not None:
            problems = check_digest(last_digest, key)
            if problems:
                raise AuditSigningError(" ".join(["Rien n'est signé : le journal est altéré.", *problems]))
            start = AuditEvent.objects.filter(sequence=last_digest.head_sequence).first()
        problems = verify_chain(after=start)
        if problems:
            raise AuditSigningError(" ".join(["Rien n'est signé : le journal est altéré.", *problems]))
        head = AuditEvent.objects.order_by("-sequence").only("sequence", "hash").first()
        head_sequence, head_hash = (head.sequence, head.hash) if head else (0, GENESIS)
        if last_digest is not None and last_digest.head_sequence == head_sequence:
            return last_digest, False
        digest = AuditDigest(
            sequence=last_digest.sequence + 1 if last_digest else 1,
            at=timezone.now().replace(microsecond=0),
            event_count=AuditEvent.objects.filter(sequence__lte=head_sequence).count(),
            head_sequence=head_sequence,
            head_hash=head_hash,
            previous_signature=last_digest.signature if last_digest else GENESIS,
            key_fingerprint=key_fingerprint(key),
        )
        digest.signature = Statement.of(digest).sign(key)
        if wet_run:
            digest.save()
        return digest, True


def check_statement(statement, signature, key=None, label=None):
    """Problems (French) of one signed statement against the events as they are now."""
    key = key or signing_key()
    label = label or f"Empreinte signée n° {statement.sequence}"
    problems = []
    if not hmac.compare_digest(statement.sign(key), signature):
        problems.append(f"{label} : signature invalide (empreinte falsifiée, ou signée avec une autre clé).")
    events = AuditEvent.objects.filter(sequence__lte=statement.head_sequence)
    count = events.count()
    if count != statement.event_count:
        problems.append(
            f"{label} : elle compte {statement.event_count} événement(s) jusqu'au n° {statement.head_sequence}, "
            f"le journal en a maintenant {count}."
        )
    if statement.head_sequence:
        head = events.filter(sequence=statement.head_sequence).only("hash").first()
        if head is None:
            problems.append(f"{label} : l'événement n° {statement.head_sequence} qu'elle scelle a disparu.")
        elif head.hash != statement.head_hash:
            problems.append(
                f"{label} : l'événement n° {statement.head_sequence} n'a plus l'empreinte scellée "
                "(journal réécrit puis chaîne recalculée)."
            )
    return problems


def check_digest(digest, key=None):
    problems = []
    key = key or signing_key()
    if digest.key_fingerprint != key_fingerprint(key):
        problems.append(
            f"Empreinte signée n° {digest.sequence} : signée avec une autre clé (empreinte de clé "
            f"{digest.key_fingerprint}, clé actuelle {key_fingerprint(key)})."
        )
        return problems
    return check_statement(Statement.of(digest), digest.signature, key)


def verify_digests(printed=()):
    """Problems (French) of every stored digest, of their chain, and of printed copies given by the operator."""
    key = signing_key()
    problems = []
    expected_sequence, expected_previous = 1, GENESIS
    stored = {}
    for digest in AuditDigest.objects.order_by("sequence").iterator():
        stored[digest.sequence] = digest
        if digest.sequence != expected_sequence:
            problems.append(
                f"Empreintes signées manquantes : le n° {expected_sequence} est attendu, "
                f"le n° {digest.sequence} est trouvé."
            )
        if digest.previous_signature != expected_previous:
            problems.append(f"Empreinte signée n° {digest.sequence} : elle ne suit pas l'empreinte précédente.")
        problems.extend(check_digest(digest, key))
        expected_sequence, expected_previous = digest.sequence + 1, digest.signature
    for line in printed:
        statement, signature = parse_printed_line(line)
        label = f"Empreinte imprimée n° {statement.sequence}"
        problems.extend(check_statement(statement, signature, key, label))
        kept = stored.get(statement.sequence)
        if kept is None:
            problems.append(f"{label} : elle n'est plus dans la base (empreintes supprimées).")
        elif kept.signature != signature:
            problems.append(f"{label} : l'empreinte conservée dans la base est différente.")
    return problems
