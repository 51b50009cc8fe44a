"""The instructor sees, for each member structure, whether its identity was checked at the SIRENE directory or
entered by hand while the directory could not be reached."""

import datetime as dt

import pytest
from django.urls import reverse

from deffinov.organisations.models import IdentitySource, Organisation
from tests.organisations.helpers import page_text

pytestmark = pytest.mark.django_db


def test_each_member_structure_shows_its_sirene_identity(client, instructor, application, lead, partner):
    Organisation.objects.filter(pk=lead.pk).update(
        identity_source=IdentitySource.SIRENE,
        identity_checked_at=dt.datetime(2026, 2, 10, 9, 0, tzinfo=dt.UTC),
        naf_code="85.59A",
    )
    Organisation.objects.filter(pk=partner.pk).update(identity_source=IdentitySource.MANUAL)
    client.force_login(instructor)

    text = page_text(client.get(reverse("instruction:dossier", args=[application.number])))

    identities = text.split("Identité des structures membres", 1)[1].split("Pièces justificatives", 1)[0]
    fabrique, formations = identities.split("Formations du Bocage", 1)
    assert "La Fabrique du Bocage" in fabrique
    assert "Vérifiée au répertoire SIRENE le 10 février 2026" in fabrique and "85.59A" in fabrique
    assert "non vérifié" in formations and "saisie à la main" in formations
