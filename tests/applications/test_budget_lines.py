"""Budget lines: changed in place, removed after a confirmation, in-kind contributions entered once."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from deffinov.applications.models import ExpenseLine, ResourceLine
from tests.organisations.helpers import page_text

pytestmark = pytest.mark.django_db


def visible(response):
    """The page's text without its tags, spaces collapsed, as a screen reader reads it."""
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(text).split())


def url(application, name, *args):
    return reverse(f"applications:{name}", args=[application.number, *args])


def expense_data(participation, label, amount, in_kind=False, category="personnel"):
    data = {
        "depense-participation": participation.pk,
        "depense-category": category,
        "depense-label": label,
        "depense-amount": amount,
    }
    if in_kind:
        data["depense-in_kind"] = "on"
    return data


def test_an_expense_is_changed_from_its_own_form(consortium, client):
    application, lead = consortium["application"], consortium["lead"]
    line = application.expenses.get(label="Animatrice")
    client.force_login(consortium["lead_admin"])

    page = client.get(url(application, "edit_line", "depense", line.pk))
    assert page.status_code == 200
    assert 'value="Animatrice"' in page.content.decode()

    response = client.post(
        url(application, "edit_line", "depense", line.pk), expense_data(lead, "Animatrice à mi-temps", "60 000")
    )

    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.label, line.amount) == ("Animatrice à mi-temps", Decimal(60_000))
    follow = client.get(response["Location"])
    assert "Dépense « Animatrice à mi-temps » modifiée." in page_text(follow)


def test_a_wrong_amount_in_the_change_form_is_refused_in_french_and_nothing_changes(consortium, client):
    application, lead = consortium["application"], consortium["lead"]
    line = application.expenses.get(label="Animatrice")
    client.force_login(consortium["lead_admin"])

    response = client.post(url(application, "edit_line", "depense", line.pk), expense_data(lead, "Animatrice", "-5"))

    assert response.status_code == 422
    assert "Un montant ne peut pas être négatif" in page_text(response)
    line.refresh_from_db()
    assert line.amount == Decimal(100_000)


def test_a_resource_is_changed_from_its_own_form(consortium, client):
    application = consortium["application"]
    line = application.resources.get(label="Fonds propres")
    client.force_login(consortium["lead_admin"])

    client.post(
        url(application, "edit_line", "ressource", line.pk),
        {"ressource-kind": "own_funds", "ressource-label": "Fonds propres du collectif", "ressource-amount": "40 000"},
    )

    line.refresh_from_db()
    assert (line.label, line.amount) == ("Fonds propres du collectif", Decimal(40_000))


def test_a_line_of_another_dossier_cannot_be_changed(consortium, client):
    from tests.applications.factories import eligible_application

    other = eligible_application()
    line = other["application"].expenses.first()
    client.force_login(consortium["lead_admin"])

    response = client.get(url(consortium["application"], "edit_line", "depense", line.pk))

    assert response.status_code == 404


def test_removing_a_line_asks_first_and_the_question_names_it(consortium, client):
    application = consortium["application"]
    line = application.expenses.get(label="Ordinateurs")
    client.force_login(consortium["lead_admin"])

    dossier = visible(client.get(application.get_absolute_url()))
    assert "Confirmer la suppression de la dépense « Ordinateurs »" in dossier

    question = client.get(url(application, "delete_line", "depense", line.pk))
    assert question.status_code == 200
    assert "Supprimer la dépense « Ordinateurs » ?" in page_text(question)
    assert ExpenseLine.objects.filter(pk=line.pk).exists()  # asking removes nothing

    client.post(url(application, "delete_line", "depense", line.pk))
    assert not ExpenseLine.objects.filter(pk=line.pk).exists()


def test_an_in_kind_contribution_is_entered_once_and_balances_itself(consortium, client):
    application, lead = consortium["application"], consortium["lead"]
    client.force_login(consortium["lead_admin"])

    client.post(url(application, "add_expense"), expense_data(lead, "Salle mise à disposition", "15 000", in_kind=True))

    expense = application.expenses.get(label="Salle mise à disposition")
    resource = ResourceLine.objects.get(application=application, kind="in_kind")
    assert (resource.label, resource.amount, resource.in_kind_expense) == (
        "Salle mise à disposition",
        Decimal(15_000),
        expense,
    )
    assert "Écart équilibré ✓" in visible(client.get(application.get_absolute_url()))

    client.post(
        url(application, "edit_line", "depense", expense.pk),
        expense_data(lead, "Salle mise à disposition", "12 000", in_kind=True),
    )
    resource.refresh_from_db()
    assert resource.amount == Decimal(12_000)

    client.post(url(application, "delete_line", "depense", expense.pk))
    assert not ResourceLine.objects.filter(application=application, kind="in_kind").exists()


def test_in_kind_is_no_longer_a_resource_to_type_by_hand(consortium, client):
    client.force_login(consortium["lead_admin"])

    html = client.get(consortium["application"].get_absolute_url()).content.decode()

    resource_kinds = html.split('id="id_ressource-kind"')[1].split("</select>")[0]
    assert "Autofinancement" in resource_kinds
    assert "Apports en nature" not in resource_kinds


def test_the_budget_selects_have_a_french_empty_choice_and_no_dashes(consortium, client):
    client.force_login(consortium["lead_admin"])

    html = client.get(consortium["application"].get_absolute_url()).content.decode()

    assert "---------" not in html
    assert "Choisir une catégorie…" in html
    assert "Choisir la nature…" in html
