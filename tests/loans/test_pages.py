"""The catalogue, an item's page, asking to borrow and answering: each person gets exactly what they should."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deffinov.loans.models import Item, Loan, LoanState
from tests.accounts.factories import UserFactory
from tests.applications.factories import eligible_application
from tests.loans.conftest import TODAY
from tests.loans.factories import ItemFactory, days, loan_in_state
from tests.network.factories import PlaceFactory
from tests.organisations.factories import OrganisationFactory


def request_url(item):
    return reverse("loans:request", args=[item.pk])


def ask(client, item, borrower, start, end, message="Pour l'atelier du mercredi"):
    return client.post(
        request_url(item),
        {"borrower": borrower, "starts_on": start.isoformat(), "ends_on": end.isoformat(), "message": message},
    )


def test_the_item_page_shows_its_conditions_and_when_it_is_free(client, item, borrower, borrower_admin, lead_admin):
    item.pickup_place = PlaceFactory(organisation=item.organisation, name="La Fabrique – fablab")
    item.save()
    loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 2, 3), state="reserved")
    html = client.get(item.get_absolute_url()).text
    assert "150\u00a0€" in html
    assert "Tout le réseau" in html
    assert "La Fabrique – fablab" in html
    assert "du 2 décembre 2026 au 4 décembre 2026" in html
    assert "<caption>novembre 2026</caption>" in html and "<caption>décembre 2026</caption>" in html
    assert '3<span class="visually-hidden"> : réservé</span>' in html
    assert '5<span class="visually-hidden"> : libre</span>' in html
    # The history and the borrower's name are for the owner only.
    assert "Historique des prêts" not in html and "Les Ateliers de Falaise" not in html
    client.force_login(lead_admin)
    html = client.get(item.get_absolute_url()).text
    assert "Historique des prêts" in html and "Les Ateliers de Falaise" in html


def test_a_structure_asks_the_owner_accepts_and_the_dates_are_then_taken(
    client, item, borrower, borrower_admin, lead_admin
):
    client.force_login(borrower_admin)
    response = ask(client, item, borrower.pk, *days(TODAY, 3, 4))
    loan = Loan.objects.get()
    assert response.status_code == 302 and response.url == loan.get_absolute_url()
    assert loan.borrower == borrower and loan.message == "Pour l'atelier du mercredi"
    client.force_login(lead_admin)
    html = client.get(reverse("loans:organisation", args=[item.organisation_id])).text
    assert "Demandes reçues en attente de réponse" in html and "Les Ateliers de Falaise" in html
    response = client.post(reverse("loans:transition", args=[loan.pk, "accept"]), follow=True)
    assert "La demande est acceptée" in response.text
    loan.refresh_from_db()
    assert loan.state == LoanState.RESERVED
    client.force_login(borrower_admin)
    response = ask(client, item, borrower.pk, *days(TODAY, 5, 2))
    assert response.status_code == 200
    assert "est déjà réservé du 3 décembre 2026 au 6 décembre 2026" in response.text
    assert "Pour l&#x27;atelier du mercredi" in response.text  # nothing lost
    assert Loan.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "length", "message"),
    [
        (-1, 2, "Indiquez une date entre le 30 novembre 2026 et le 30 novembre 2027."),
        (400, 2, "Indiquez une date entre le 30 novembre 2026 et le 30 novembre 2027."),
        (10, 91, "Un prêt dure au plus 90 jours"),
    ],
)
def test_dates_in_the_past_too_far_or_too_long_are_refused_in_french(
    client, item, borrower, borrower_admin, start, length, message
):
    client.force_login(borrower_admin)
    response = ask(client, item, borrower.pk, *days(TODAY, start, length))
    assert response.status_code == 200
    assert message in response.text
    assert not Loan.objects.exists()


def test_reversed_dates_are_refused_and_what_was_typed_is_kept(client, item, borrower, borrower_admin):
    client.force_login(borrower_admin)
    start, end = days(TODAY, 10, 3)
    response = ask(client, item, borrower.pk, end, start)
    assert "précède la date de retrait" in response.text and "inversez-les" in response.text
    assert f'value="{end.isoformat()}"' in response.text
    assert not Loan.objects.exists()


def test_acting_for_a_structure_one_does_not_administer_or_a_forged_id_gives_404(client, item, borrower, lead_member):
    member = UserFactory()
    OrganisationFactory(members=[member])
    client.force_login(member)
    assert ask(client, item, borrower.pk, *days(TODAY, 1, 2)).status_code == 404
    assert ask(client, item, 999_999, *days(TODAY, 1, 2)).status_code == 404
    assert client.get(request_url(Item(pk=999_999))).status_code == 404
    assert not Loan.objects.exists()


def test_a_consortium_item_is_refused_to_a_structure_outside_the_collectif(
    client, lead, lead_admin, borrower, borrower_admin
):
    item = ItemFactory(organisation=lead, consortium_only=True, name="Kit robotique")
    client.force_login(borrower_admin)
    response = ask(client, item, borrower.pk, *days(TODAY, 1, 2))
    assert "réservé au collectif de La Fabrique du Bocage" in response.text
    assert "Les Ateliers de Falaise n&#x27;en fait pas partie" in response.text
    assert not Loan.objects.exists()


def test_a_consortium_item_is_lent_to_a_partner_of_the_same_dossier(client, db):
    data = eligible_application()
    application = data["application"]
    lead = application.lead.organisation
    partner_participation = application.participations.exclude(is_lead=True).first()
    partner_admin = next(m.user for m in partner_participation.organisation.memberships.all() if m.is_admin)
    item = ItemFactory(organisation=lead, consortium_only=True)
    client.force_login(partner_admin)
    response = ask(client, item, partner_participation.organisation_id, *days(TODAY, 1, 2))
    assert response.status_code == 302
    assert Loan.objects.get().borrower_id == partner_participation.organisation_id


def test_a_network_item_is_not_lent_to_a_person_without_a_structure_but_a_public_one_is(client, lead):
    person = UserFactory()
    client.force_login(person)
    network_item = ItemFactory(organisation=lead)
    assert "il faut être administrateur d'une structure" in client.get(request_url(network_item)).text
    assert ask(client, network_item, "personnel", *days(TODAY, 1, 2)).status_code == 200
    public_item = ItemFactory(organisation=lead, public=True, kind="elearning", name="Module « Bureautique »")
    assert ask(client, public_item, "personnel", *days(TODAY, 1, 2)).status_code == 302
    loan = Loan.objects.get()
    assert loan.borrower is None and loan.requested_by == person


def test_permissions_of_the_pages(
    client, item, lead, lead_admin, lead_member, outsider, instructor, borrower, borrower_admin
):
    loan = loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 1, 2))
    structure = reverse("loans:organisation", args=[lead.pk])
    create = reverse("loans:item_create", args=[lead.pk])
    edit = reverse("loans:item_edit", args=[item.pk])
    matrix = {
        # person: (structure page, new item, edit item, loan page)
        None: (302, 302, 302, 302),
        outsider: (404, 404, 404, 404),
        instructor: (403, 403, 403, 404),
        lead_member: (403, 403, 403, 404),
        borrower_admin: (404, 404, 404, 200),
        lead_admin: (200, 200, 200, 200),
    }
    for person, expected in matrix.items():
        client.logout()
        if person:
            client.force_login(person)
        got = tuple(client.get(url).status_code for url in (structure, create, edit, loan.get_absolute_url()))
        assert got == expected, person
    client.force_login(outsider)
    assert client.post(reverse("loans:transition", args=[loan.pk, "accept"])).status_code == 404
    client.force_login(borrower_admin)
    response = client.post(reverse("loans:transition", args=[loan.pk, "accept"]), follow=True)
    assert "Vous n&#x27;avez pas le droit" in response.text
    assert Loan.objects.get(pk=loan.pk).state == LoanState.PENDING


def test_an_item_withdrawn_from_the_catalogue_is_seen_by_its_owner_only(client, item, lead_admin, outsider):
    Item.objects.filter(pk=item.pk).update(available=False)
    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(request_url(item)).status_code == 404
    client.force_login(lead_admin)
    assert client.get(item.get_absolute_url()).status_code == 200


def test_the_owner_lists_an_item_with_a_bounded_deposit_and_keeps_what_was_typed(client, lead, lead_admin):
    client.force_login(lead_admin)
    url = reverse("loans:item_create", args=[lead.pk])
    data = {
        "kind": "laptop",
        "name": "Ordinateur portable n° 4",
        "description": "",
        "deposit": "1e9",
        "audience": "network",
        "available": "on",
    }
    response = client.post(url, data)
    assert "Écrivez le montant en chiffres" in response.text
    assert 'value="Ordinateur portable n° 4"' in response.text
    data["deposit"] = "250,50"
    response = client.post(url, data)
    item = Item.objects.get()
    assert response.url == item.get_absolute_url()
    assert str(item.deposit) == "250.50"


def test_the_catalogue_filters_by_kind_and_free_dates_in_constant_queries(
    client, lead, borrower, borrower_admin, lead_admin
):
    busy = ItemFactory(organisation=lead, name="Casque occupé")
    ItemFactory(organisation=lead, name="Casque libre")
    ItemFactory(organisation=borrower, kind="laptop", name="Portable du réseau")
    loan_in_state(busy, borrower, borrower_admin, lead_admin, *days(TODAY, 5, 5), state="reserved")
    url = reverse("loans:catalogue")
    html = client.get(url, {"kind": "vr_headset", "free_from": days(TODAY, 6, 1)[0].isoformat()}).text
    assert "Casque libre" in html and "Casque occupé" not in html and "Portable du réseau" not in html
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(6):
        ItemFactory(organisation=OrganisationFactory(), name=f"Kit n° {number}", kind="kit")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).text
    assert "Kit n° 5" in html
    assert len(many) == len(few)


def test_the_catalogue_refuses_a_reversed_period_in_french(client, item):
    start, end = days(TODAY, 5, 3)
    html = client.get(reverse("loans:catalogue"), {"free_from": end.isoformat(), "free_to": start.isoformat()}).text
    assert "La date de fin précède la date de début" in html


def test_my_loans_lists_the_requests_made_for_me_and_my_structures(client, item, borrower, borrower_admin, lead_admin):
    loan_in_state(item, borrower, borrower_admin, lead_admin, *days(TODAY, 1, 2))
    client.force_login(borrower_admin)
    html = client.get(reverse("loans:mine")).text
    assert "Casque Meta Quest 3 n° 1" in html and "Prêts de Les Ateliers de Falaise" in html
    assert reverse("loans:mine") in client.get(reverse("accounts:dashboard")).text
    assert reverse("loans:organisation", args=[borrower.pk]) in client.get(borrower.get_absolute_url()).text
