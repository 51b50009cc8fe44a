"""A budget line removed by mistake comes back: « Annuler », for ten minutes, by the person who removed it, while
the dossier can still be edited; the same line, with its member, category, amount and in-kind resource."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from deffinov.applications.models import ExpenseLine, ResourceLine, State
from tests.applications.factories import person
from tests.applications.test_budget_lines import expense_data, url, visible
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def remove(client, application, kind, line, **headers):
    response = client.post(url(application, "delete_line", kind, line.pk), **headers)
    assert response.status_code == 302
    return client.get(response["Location"])


def undo_token(page):
    html = page.content.decode()
    return html.split('name="token" value="', 1)[1].split('"', 1)[0]


def undo(client, application, token, **headers):
    return client.post(url(application, "undo_delete_line"), {"token": token}, follow=True, **headers)


def test_a_removed_expense_comes_back_as_it_was_with_its_in_kind_resource(consortium, client):
    application, partner = consortium["application"], consortium["partner"]
    client.force_login(consortium["lead_admin"])
    client.post(
        url(application, "add_expense"),
        expense_data(partner, "Salle mise à disposition", "12 000,50", in_kind=True, category="amenagement_leger"),
    )
    line = ExpenseLine.objects.get(label="Salle mise à disposition")

    page = remove(client, application, "depense", line)

    text = visible(page)
    assert "Ligne « Salle mise à disposition » et la ressource en nature qui la suivait supprimées. Annuler" in text
    assert not ExpenseLine.objects.filter(pk=line.pk).exists()
    assert not ResourceLine.objects.filter(application=application, kind="in_kind").exists()
    # Shown once: the next visit of the dossier no longer offers it.
    assert "Annuler la suppression" not in visible(client.get(application.get_absolute_url()))

    back = undo(client, application, undo_token(page))

    assert "Ligne « Salle mise à disposition » rétablie." in visible(back)
    restored = ExpenseLine.objects.get(pk=line.pk)
    assert (restored.participation, restored.category, restored.label, restored.amount, restored.in_kind) == (
        partner,
        "amenagement_leger",
        "Salle mise à disposition",
        Decimal("12000.50"),
        True,
    )
    resource = ResourceLine.objects.get(application=application, kind="in_kind")
    assert (resource.in_kind_expense, resource.label, resource.amount) == (
        restored,
        "Salle mise à disposition",
        Decimal("12000.50"),
    )


def test_a_removed_resource_comes_back(consortium, client):
    application = consortium["application"]
    line = application.resources.get(label="Fonds propres")
    client.force_login(consortium["partner_admin"])

    page = remove(client, application, "ressource", line)
    undo(client, application, undo_token(page))

    restored = ResourceLine.objects.get(pk=line.pk)
    assert (restored.kind, restored.label, restored.amount) == ("own_funds", "Fonds propres", Decimal(50_000))


def test_with_htmx_the_budget_section_says_it_and_offers_to_undo(consortium, client):
    application = consortium["application"]
    line = application.expenses.get(label="Ordinateurs")
    client.force_login(consortium["lead_admin"])

    page = remove(client, application, "depense", line, HTTP_HX_REQUEST="true")
    budget = page.content.decode().split('id="budget"', 1)[1]
    assert 'hx-post="' + url(application, "undo_delete_line") in budget.split("</section>", 1)[0]

    back = undo(client, application, undo_token(page), HTTP_HX_REQUEST="true")
    assert "Ligne « Ordinateurs » rétablie." in visible(back)
    assert ExpenseLine.objects.filter(pk=line.pk).exists()


def test_a_replayed_undo_restores_nothing_twice(consortium, client):
    application = consortium["application"]
    line = application.expenses.get(label="Ordinateurs")
    client.force_login(consortium["lead_admin"])
    token = undo_token(remove(client, application, "depense", line))
    undo(client, application, token)

    again = undo(client, application, token)

    assert "Cette suppression a déjà été annulée : « Ordinateurs » est au budget." in visible(again)
    assert ExpenseLine.objects.filter(application=application, label="Ordinateurs").count() == 1


@pytest.mark.parametrize("forge", [lambda token: token[:-2] + "xx", lambda token: "abc", lambda token: ""])
def test_a_forged_undo_is_refused_in_french(consortium, client, forge):
    application = consortium["application"]
    line = application.expenses.get(label="Ordinateurs")
    client.force_login(consortium["lead_admin"])
    token = undo_token(remove(client, application, "depense", line))

    response = undo(client, application, forge(token))

    assert "Ce lien d'annulation n'est pas valable : aucune ligne n'a été rétablie." in visible(response)
    assert not ExpenseLine.objects.filter(pk=line.pk).exists()


def test_the_undo_belongs_to_the_person_and_the_dossier(consortium, client):
    application = consortium["application"]
    line = application.expenses.get(label="Ordinateurs")
    client.force_login(consortium["lead_admin"])
    token = undo_token(remove(client, application, "depense", line))

    client.force_login(consortium["partner_admin"])  # a member who may edit, but did not remove it
    assert "n'est pas valable" in visible(undo(client, application, token))

    outsider = person(OrganisationFactory())
    client.force_login(outsider)
    assert client.post(url(application, "undo_delete_line"), {"token": token}).status_code == 404
    assert not ExpenseLine.objects.filter(pk=line.pk).exists()


def test_after_ten_minutes_the_line_is_not_put_back(consortium, client):
    application = consortium["application"]
    line = application.expenses.get(label="Ordinateurs")
    client.force_login(consortium["lead_admin"])
    token = undo_token(remove(client, application, "depense", line))

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10, seconds=5)):
        response = undo(client, application, token)

    assert "Le délai de 10 minutes pour annuler cette suppression est passé" in visible(response)
    assert not ExpenseLine.objects.filter(pk=line.pk).exists()


def test_once_the_dossier_is_submitted_nothing_is_put_back(consortium, client):
    application = consortium["application"]
    line = application.expenses.get(label="Ordinateurs")
    client.force_login(consortium["lead_admin"])
    token = undo_token(remove(client, application, "depense", line))
    application.__class__.objects.filter(pk=application.pk).update(state=State.SUBMITTED, submitted_at=timezone.now())

    response = undo(client, application, token)

    assert "il ne peut plus être modifié" in visible(response)
    assert not ExpenseLine.objects.filter(pk=line.pk).exists()


def test_the_undo_is_a_form_that_works_without_javascript(consortium, client):
    application = consortium["application"]
    line = application.expenses.get(label="Ordinateurs")
    client.force_login(consortium["lead_admin"])

    html = remove(client, application, "depense", line).content.decode()

    form = html.split('class="notice notice--success budget-notice"', 1)[1].split("</form>", 1)[0]
    assert f'method="post" action="{reverse("applications:undo_delete_line", args=[application.number])}"' in form
    assert 'name="csrfmiddlewaretoken"' in form
