import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from deffinov.organisations.models import Membership, Organisation
from tests.organisations.factories import OrganisationFactory, caen
from tests.organisations.helpers import page_text

REGISTER = reverse("organisations:register")


def form_data(**overrides):
    data = {
        "siret": "732 829 320 00074",
        "name": "La Fabrique du Bocage",
        "legal_form": "association",
        "kinds": ["tiers_lieu"],
        "address": "12 rue du Calvados",
        "postcode": "14500",
        "commune": "14762",
        "latitude": "",
        "longitude": "",
        "created_on": "2019-03-01",
        "place_opened_on": "2020-09-15",
        "nda": "",
        "uai": "",
        "qualiopi": "False",
        "qualiopi_certified_on": "",
        "website": "fabrique-bocage.fr",
        "description": "Coworking, fablab et salle de visio.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def logged_in(client, outsider, vire):
    client.force_login(outsider)
    return client


def test_register_page_shows_the_grouped_kinds(logged_in):
    response = logged_in.get(REGISTER)
    assertContains(response, "<h1>Inscrire une structure</h1>", html=True)
    for group in ["Tiers-lieux et lieux d'accueil", "Acteurs de la formation", "Autres partenaires"]:
        assertContains(response, f"<legend>{group}</legend>", html=True)
    assertContains(response, "data-submit-once")


def test_registering_by_siret_makes_the_creator_admin(logged_in, outsider):
    response = logged_in.post(REGISTER, form_data(), follow=True)

    organisation = Organisation.objects.get()
    assertRedirects(response, organisation.get_absolute_url())
    assert organisation.siret == "73282932000074"
    assert organisation.siren == "732829320"
    assert organisation.kinds == ["tiers_lieu"]
    assert organisation.website == "https://fabrique-bocage.fr"
    assert organisation.place_opened_on == datetime.date(2020, 9, 15)
    assert organisation.memberships.get().user == outsider
    assert organisation.memberships.get().role == Membership.Role.ADMIN
    assertContains(response, "La structure La Fabrique du Bocage est inscrite : vous en êtes administrateur.")


def test_coordinates_default_to_the_commune_centre(logged_in):
    logged_in.post(REGISTER, form_data())
    organisation = Organisation.objects.get()
    assert (organisation.latitude, organisation.longitude) == (Decimal("48.83850"), Decimal("-0.88930"))


def test_coordinates_typed_the_french_way_are_kept(logged_in):
    logged_in.post(REGISTER, form_data(latitude="48,84012", longitude="-0,89101"))
    organisation = Organisation.objects.get()
    assert (organisation.latitude, organisation.longitude) == (Decimal("48.84012"), Decimal("-0.89101"))


def test_one_coordinate_without_the_other_is_refused(logged_in):
    response = logged_in.post(REGISTER, form_data(latitude="48,84012"))
    assertContains(response, "Indiquez la latitude et la longitude, ou laissez les deux vides.")
    assert not Organisation.objects.exists()


def test_a_siret_already_registered_names_the_structure_and_suggests_an_invitation(logged_in):
    OrganisationFactory(siret="73282932000074", name="Atelier Numérique du Bocage")

    response = logged_in.post(REGISTER, form_data(name="Autre nom"))

    assert response.status_code == 200
    assert (
        "Ce SIRET est déjà inscrit sur la plateforme (Atelier Numérique du Bocage). "
        "Demandez à un administrateur de cette structure de vous inviter à la rejoindre" in page_text(response)
    )
    assertContains(response, 'aria-describedby="id_siret_helptext id_siret_error"')
    assert Organisation.objects.count() == 1


def test_the_database_refuses_a_second_registration_of_the_same_siret(outsider, admin, vire):
    """Two submissions at once both pass the form check; the unique constraint stops the second."""
    from deffinov.organisations.forms import OrganisationForm
    from deffinov.organisations.models import SiretAlreadyRegisteredError

    first, second = OrganisationForm(form_data()), OrganisationForm(form_data(name="Doublon"))
    assert first.is_valid() and second.is_valid()
    first.save(commit=False).register(creator=outsider)

    with pytest.raises(SiretAlreadyRegisteredError, match="La Fabrique du Bocage"):
        second.save(commit=False).register(creator=admin)
    assert Organisation.objects.count() == 1
    assert Membership.objects.count() == 1


def test_a_bad_siret_checksum_keeps_everything_typed(logged_in):
    response = logged_in.post(REGISTER, form_data(siret="73282932000075"))
    assert "Ce SIRET n'est pas valide : vérifiez les chiffres (clé de contrôle incorrecte)." in page_text(response)
    assertContains(response, 'value="La Fabrique du Bocage"')
    assertContains(response, "Coworking, fablab et salle de visio.")


def test_an_organisme_de_formation_needs_its_nda(logged_in):
    response = logged_in.post(REGISTER, form_data(kinds=["organisme_formation"], place_opened_on=""))

    assert (
        "Indiquez le numéro de déclaration d'activité (NDA) : il est obligatoire pour un organisme de formation."
        in page_text(response)
    )
    assertContains(response, 'aria-describedby="id_nda_helptext id_nda_error"')
    assertContains(response, 'value="organisme_formation" id="id_kinds_2" checked')
    assert not Organisation.objects.exists()


def test_a_badly_typed_nda_shows_only_its_format_message(logged_in):
    response = logged_in.post(REGISTER, form_data(kinds=["organisme_formation"], nda="2814"))
    assert "Un numéro de déclaration d'activité (NDA) compte 11 chiffres." in page_text(response)
    assertContains(response, "il est obligatoire pour un organisme de formation", count=0)


def test_an_organisme_de_formation_with_its_nda_is_registered(logged_in):
    logged_in.post(
        REGISTER,
        form_data(
            kinds=["organisme_formation"],
            place_opened_on="",
            nda="28 14 01234 14",
            qualiopi="True",
            qualiopi_certified_on="2021-06-01",
        ),
    )
    organisation = Organisation.objects.get()
    assert organisation.nda == "28140123414"
    assert organisation.qualiopi_certified_on == datetime.date(2021, 6, 1)


def test_a_tiers_lieu_needs_the_date_its_place_opened(logged_in):
    response = logged_in.post(REGISTER, form_data(place_opened_on=""))
    assert "Indiquez la date d'ouverture du lieu : elle est obligatoire pour un tiers-lieu." in page_text(response)
    assert not Organisation.objects.exists()


def test_a_school_needs_its_uai(logged_in):
    response = logged_in.post(REGISTER, form_data(kinds=["lycee_professionnel"], place_opened_on=""))
    assert "Indiquez l'UAI de l'établissement" in page_text(response)
    response = logged_in.post(REGISTER, form_data(kinds=["lycee_professionnel"], place_opened_on="", uai="0140013n"))
    assert Organisation.objects.get().uai == "0140013N"


def test_qualiopi_needs_its_date_and_no_date_in_the_future(logged_in, time_machine):
    time_machine.move_to(datetime.datetime(2024, 3, 11, 12, tzinfo=datetime.UTC))
    response = logged_in.post(REGISTER, form_data(qualiopi="True", created_on="2024-03-12"))
    assertContains(response, "Indiquez la date de certification Qualiopi.")
    assertContains(response, "La date de création ne peut pas être dans le futur.")


def test_at_least_one_kind_is_required(logged_in):
    response = logged_in.post(REGISTER, form_data(kinds=None))
    assertContains(response, "Cochez au moins un type de structure.", count=1)


def test_an_unknown_commune_keeps_every_other_field(logged_in):
    response = logged_in.post(REGISTER, form_data(commune="Atlantide", address="3 place du Château"))

    assertContains(
        response, "Commune inconnue : saisissez son nom ou son code postal, puis choisissez-la dans la liste."
    )
    assertContains(response, 'value="Atlantide"')
    assertContains(response, 'value="3 place du Château"')
    assertContains(response, 'value="732 829 320 00074"')
    assertContains(response, 'value="2020-09-15"')
    assertContains(response, 'aria-invalid="true"')
    assert not Organisation.objects.exists()


def test_the_commune_can_be_typed_by_name(logged_in):
    caen()
    logged_in.post(REGISTER, form_data(commune="Vire Normandie"))
    assert Organisation.objects.get().commune_id == "14762"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(REGISTER)
    assertRedirects(response, f"{reverse('account_login')}?next={REGISTER}", fetch_redirect_response=False)
