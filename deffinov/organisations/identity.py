"""Check again, at the register, the identities typed by hand while SIRENE did not answer."""

from django.db import transaction

from deffinov.audit.models import record
from deffinov.organisations import sirene
from deffinov.organisations.models import IdentitySource, Organisation

VERIFIED, CLOSED, UNKNOWN, UNAVAILABLE = "verified", "closed", "unknown", "unavailable"


def unverified():
    return Organisation.objects.filter(identity_source=IdentitySource.MANUAL).order_by("pk")


def verify_identity(organisation):
    """Ask the register for `organisation`'s SIRET; returns VERIFIED, CLOSED, UNKNOWN or UNAVAILABLE.

    Verified, the register's identity replaces the typed one; closed, the structure is marked closed (the Region
    sees it); unknown or unavailable, nothing changes and it stays « non vérifié »."""
    try:
        identity = sirene.lookup(organisation.siret)
    except sirene.SireneUnavailable:
        return UNAVAILABLE
    except sirene.SireneClosed:
        with transaction.atomic():
            organisation.administrative_state = "F"
            organisation.save(update_fields=["administrative_state", "updated_at"])
            _audit(organisation, "identity_closed", "établissement fermé au répertoire SIRENE")
        return CLOSED
    except sirene.SireneUnknown:
        return UNKNOWN
    typed = organisation.name
    with transaction.atomic():
        organisation.take_identity(identity)
        organisation.save()
        _audit(organisation, "identity_verified", "identité vérifiée au répertoire SIRENE", typed_name=typed)
    return VERIFIED


def _audit(organisation, action, summary, **data):
    record(
        f"organisations.{action}",
        target=organisation,
        summary=f"{organisation.siret} {organisation.name} : {summary}",
        data={"siret": organisation.siret, **data},
    )
