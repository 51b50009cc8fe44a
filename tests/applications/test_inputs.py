"""Every figure of a dossier is bounded: dates in a sane window, amounts finite, positive, in cents, French-typed.

A refused value gets a French message beside its field, and the form keeps everything that was typed.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deffinov.applications.forms.fields import EurosField
from deffinov.applications.models import Application, ExpenseLine, Participation, ResourceLine
from deffinov.formatting import euros as format_euros
from tests.applications.factories import draft, eligible_application
from tests.applications.test_dossier import section_data
from tests.organisations.helpers import page_text


def url(application, name="detail", *args):
    return reverse(f"applications:{name}", args=[application.number, *args])


def expense_data(data, amount, label="Animatrice"):
    return {
        "depense-participation": data["lead"].pk,
        "depense-category": "communication",
        "depense-label": label,
        "depense-amount": amount,
    }


# Dates.


@pytest.mark.parametrize("end_on", ["9999-12-31", "1900-01-01", "2999-06-30"])
def test_a_date_outside_the_window_is_refused_in_french(consortium, client, end_on):
    application = consortium["application"]
    before = (application.start_on, application.end_on)
    client.force_login(consortium["lead_admin"])
    data = {
        **section_data(client, application, "calendrier"),
        "calendrier-start_on": application.start_on.isoformat(),
        "calendrier-end_on": end_on,
    }
    response = client.post(url(application, "section", "calendrier"), data)
    assert response.status_code == 422
    text = page_text(response)
    assert "Indiquez une date entre le 1er janvier " in text
    assert end_on in text  # what was typed is still there, to be corrected
    application.refresh_from_db()
    assert (application.start_on, application.end_on) == before


def test_the_calendar_knows_the_window(consortium, client):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    html = client.get(url(application)).content.decode()
    opens = application.wave.opens_at.year - 1
    assert f'min="{opens}-01-01"' in html
    assert f'max="{application.wave.call.programme_ends_on.year + 5}-12-31"' in html


def test_a_date_stored_out_of_the_window_does_not_break_the_dossier(consortium, client):
    application = consortium["application"]
    Application.objects.filter(pk=application.pk).update(end_on=dt.date(9999, 12, 31))
    for person in (consortium["lead_admin"], consortium["partner_admin"]):
        client.force_login(person)
        response = client.get(url(application))
        assert response.status_code == 200
        text = page_text(response)
        assert "Indiquez une date entre le 1er janvier " in text
        assert client.get(url(application, "eligibility")).status_code == 200


# Amounts typed the French way.


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1 500,50", Decimal("1500.50")),
        ("1,5", Decimal("1.50")),
        ("1500.5", Decimal("1500.50")),
        ("12 000 €", Decimal("12000.00")),
        ("12\u202f000,00\xa0€", Decimal("12000.00")),
        ("1.500.000", Decimal("1500000.00")),
        ("0", Decimal("0.00")),
    ],
)
def test_budget_amounts_are_read_the_french_way(consortium, client, typed, stored):
    application = consortium["application"]
    client.force_login(consortium["lead_admin"])
    response = client.post(url(application, "add_expense"), expense_data(consortium, typed, label="Affiches"))
    assert response.status_code == 302
    assert ExpenseLine.objects.get(application=application, label="Affiches").amount == stored
    response = client.post(
        url(application, "add_resource"),
        {"ressource-kind": "private", "ressource-label": "Mécénat", "ressource-amount": typed},
    )
    assert response.status_code == 302
    assert ResourceLine.objects.get(application=application, label="Mécénat").amount == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "ne peut pas être négatif"),
        ("NaN", "Écrivez le montant en chiffres"),
        ("Infinity", "Écrivez le montant en chiffres"),
        ("1e-30", "Écrivez le montant en chiffres"),
        ("12345678901.5", "dépasse la limite de 99\xa0999\xa0999,99\xa0€"),
        ("100 000 000", "dépasse la limite"),
        ("12,345", "est ambigu"),
        ("12,3456", "au plus deux décimales"),
        ("\u0663\u0660\u0660", "Écrivez le montant en chiffres"),  # Arabic-Indic digits
        ("douze", "Écrivez le montant en chiffres"),
    ],
)
def test_an_unsound_amount_is_refused_and_the_form_keeps_what_was_typed(consortium, client, typed, message):
    application = consortium["application"]
    lines = ExpenseLine.objects.count()
    client.force_login(consortium["lead_admin"])
    response = client.post(url(application, "add_expense"), expense_data(consortium, typed, label="Affiches"))
    assert response.status_code == 422
    text = page_text(response)
    assert message in text
    form = response.context["expense_form"]
    assert form["amount"].value() == typed
    assert form["label"].value() == "Affiches"
    assert form["category"].value() == "communication"
    assert ExpenseLine.objects.count() == lines


def test_shares_and_de_minimis_are_read_the_french_way(db, client):
    data = eligible_application()
    application = data["application"]
    client.force_login(data["lead_admin"])
    lead, partner = data["lead"], data["partner"]
    loaded = section_data(client, application, "repartition")
    response = client.post(
        url(application, "section", "repartition"),
        {
            **loaded,
            f"repartition-share_{lead.pk}": "66,67",
            f"repartition-share_{partner.pk}": "33,33 %",
            f"repartition-minimis_{lead.pk}": "12 500,50 €",
            f"repartition-minimis_{partner.pk}": "",
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    partner.refresh_from_db()
    assert (lead.grant_share, partner.grant_share) == (Decimal("0.6667"), Decimal("0.3333"))
    assert lead.de_minimis_received == Decimal("12500.50")
    response = client.post(
        url(application, "section", "repartition"),
        {**section_data(client, application, "repartition"), f"repartition-minimis_{lead.pk}": "Infinity"},
    )
    assert response.status_code == 422
    assert "Écrivez le montant en chiffres" in page_text(response)
    assert Participation.objects.get(pk=lead.pk).de_minimis_received == Decimal("12500.50")


def test_the_database_refuses_an_amount_out_of_bounds(db):
    from django.db import IntegrityError, transaction

    application, lead, _admin = draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpenseLine.objects.create(
            application=application, participation=lead, category="autre", label="Erreur", amount=Decimal(10**9)
        )


# Property: whatever is typed, the field either stores exactly what it read, or says why not.

FIELD = EurosField()
amount_texts = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="0123456789 ,.€-+eE\u00a0\u202fNaInfity\u0663", max_size=16),
    st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2).map(format_euros),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=amount_texts)
def test_any_text_is_stored_exactly_as_read_or_refused_with_a_message(text):
    try:
        value = FIELD.clean(text)
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return
    assert isinstance(value, Decimal) and value.is_finite()
    assert Decimal(0) <= value < Decimal(100_000_000)
    assert value == value.quantize(Decimal("0.01"))
    # Stored in the dossier's column (12 digits, 2 decimals): read back identical.
    assert Decimal(f"{value:.2f}") == value


@settings(max_examples=300, deadline=None)
@given(amount=st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2))
def test_every_amount_written_the_french_way_reads_back_the_same(amount):
    assert FIELD.clean(format_euros(amount)) == amount
    assert FIELD.clean(FIELD.prepare_value(amount)) == amount


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=amount_texts)
def test_what_the_budget_form_accepts_is_what_the_database_holds(text):
    application, lead, _admin = draft() if not Application.objects.exists() else _first_draft()
    from deffinov.applications.forms.budget import ExpenseForm

    form = ExpenseForm(
        {"depense-participation": lead.pk, "depense-category": "autre", "depense-label": "L", "depense-amount": text},
        application=application,
    )
    if not form.is_valid():
        assert form.errors["amount"] and all(message.strip() for message in form.errors["amount"])
        return
    form.instance.application = application
    line = form.save()
    assert ExpenseLine.objects.get(pk=line.pk).amount == form.cleaned_data["amount"]


def _first_draft():
    application = Application.objects.first()
    return application, application.participations.first(), None
