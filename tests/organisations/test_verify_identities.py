"""Identities typed while the register was down are checked again once it answers."""

from io import StringIO

from django.core.management import call_command

from deffinov.audit.models import AuditEvent
from deffinov.organisations.models import IdentitySource
from tests.organisations.factories import OrganisationFactory


def run(*args):
    out = StringIO()
    call_command("verify_sirene_identities", *args, stdout=out)
    return out.getvalue()


def test_a_hand_typed_identity_is_replaced_by_the_register_s(vire, sirene_register):
    typed = OrganisationFactory(siret="73282932000074", name="La Grange Numérique", legal_form="sas")
    closed = OrganisationFactory(siret="55210055400062", name="Atelier")

    assert "2 structure(s) à vérifier" in run()
    assert sirene_register.requests == []
    output = run("--wet-run")

    typed.refresh_from_db()
    closed.refresh_from_db()
    assert (typed.name, typed.legal_form, typed.identity_source) == (
        "LA FABRIQUE DU BOCAGE",
        "association",
        IdentitySource.SIRENE,
    )
    assert closed.identity_source == IdentitySource.MANUAL and closed.administrative_state == "F"
    assert "établissement fermé au répertoire : marqué fermé" in output
    assert AuditEvent.objects.filter(action="organisations.identity_verified", object_id=str(typed.pk)).exists()
    assert "1 vérifiée(s) sur 2" in output


def test_an_unreachable_register_changes_nothing(vire):
    organisation = OrganisationFactory(siret="73282932000074", name="La Grange Numérique")
    assert "répertoire injoignable : reste non vérifié" in run("--wet-run")
    organisation.refresh_from_db()
    assert organisation.name == "La Grange Numérique"
    assert organisation.identity_source == IdentitySource.MANUAL


def test_the_region_sees_a_structure_closed_since(vire, client, instructor, sirene_register):
    closed = OrganisationFactory(siret="55210055400062", name="Atelier")
    run("--wet-run")
    client.force_login(instructor)
    response = client.get(closed.get_absolute_url())
    assert "Établissement fermé au répertoire SIRENE" in response.content.decode()
