"""Every committee amount is finite, positive, in cents, bounded, within the request and the call's maximum; French
input is read; the database refuses what the forms would."""

from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from deffinov.committee.amounts import AmountError, parse_amount
from deffinov.committee.decisions import DecisionError, record_decision
from deffinov.committee.models import AgendaItem, Decision
from tests.reviews.helpers import quick_dossier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 500,50", Decimal("1500.50")),
        ("1\u202f500,50", Decimal("1500.50")),
        ("1500,5", Decimal("1500.5")),
        ("95 000 €", Decimal(95_000)),
        ("95\xa0000\xa0€", Decimal(95_000)),
        ("1500.5", Decimal("1500.5")),
        ("", None),
    ],
)
def test_french_amounts_are_read(typed, expected):
    assert parse_amount(typed) == expected


@pytest.mark.parametrize(
    "typed", ["NaN", "nan", "Infinity", "-Infinity", "inf", "1e-30", "1E5", "-5", "+5", "1,2,3", "٣٠٠", "３００"]
)
def test_what_is_not_an_amount_is_refused_in_french(typed):
    with pytest.raises(AmountError, match="Écrivez le montant en chiffres"):
        parse_amount(typed)


def post_decision(client, session, application, amount):
    url = reverse("committee:decide", args=[session.pk, application.number])
    return client.post(url, {"outcome": "accepted", "amount_granted": amount})


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("NaN", "Écrivez le montant en chiffres"),
        ("Infinity", "Écrivez le montant en chiffres"),
        ("1e-30", "Écrivez le montant en chiffres"),
        ("0", "supérieur à 0"),
        ("0,001", "au plus deux décimales"),
        ("12345678901.5", "hors de proportion"),
        ("250 000", "ne peut pas dépasser le montant demandé"),
    ],
)
def test_an_unsound_granted_amount_is_refused_and_nothing_is_recorded(client, decidable, instructor, typed, message):
    client.force_login(instructor)
    response = post_decision(client, decidable["session"], decidable["application"], typed)
    assert response.status_code == 422
    assert message in response.text
    assert not Decision.objects.exists()
    assert client.get(reverse("committee:session", args=[decidable["session"].pk])).status_code == 200


def test_a_tiny_amount_is_never_an_acceptance_of_0_euro(decidable, instructor):
    with pytest.raises(DecisionError, match="au plus deux décimales"):
        record_decision(
            decidable["application"], instructor, "accepted", amount=Decimal("1e-30"), session=decidable["session"]
        )
    for amount in (Decimal("NaN"), Decimal("Infinity"), Decimal(0), Decimal("-1")):
        with pytest.raises(DecisionError):
            record_decision(
                decidable["application"], instructor, "accepted", amount=amount, session=decidable["session"]
            )
    assert not Decision.objects.exists()


def test_a_french_amount_with_cents_is_granted(client, decidable, instructor):
    client.force_login(instructor)
    response = post_decision(client, decidable["session"], decidable["application"], "95 000,50 €")
    assert response.status_code == 302
    assert Decision.objects.get().amount_granted == Decimal("95000.50")


def test_above_the_calls_maximum_is_never_granted_below_its_minimum_is_a_warning(client, decidable, instructor):
    session = decidable["session"]
    call = session.wave.call
    big = quick_dossier(session.wave, "Très gros projet", Decimal(300_000), Decimal(600_000))
    AgendaItem.objects.create(session=session, application=big)
    with pytest.raises(DecisionError, match="ne peut pas dépasser le maximum de l'appel"):
        record_decision(big, instructor, "accepted", amount=call.grant_max + 1, session=session)
    client.force_login(instructor)
    response = client.post(
        reverse("committee:decide", args=[session.pk, decidable["application"].number]),
        {"outcome": "accepted", "amount_granted": "30 000"},
        follow=True,
    )
    assert "inférieur au montant habituel" in response.text and "au cas par cas" in response.text
    assert Decision.objects.get(application=decidable["application"]).amount_granted == Decimal(30_000)


def propose(client, session, item, typed, follow=False):
    url = reverse("committee:proposed_amount", args=[session.pk, item.pk])
    return client.post(url, {f"item{item.pk}-proposed_amount": typed}, follow=follow)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12345678901.5", "hors de proportion"),
        ("NaN", "Écrivez le montant en chiffres"),
        ("Infinity", "Écrivez le montant en chiffres"),
        ("1e-30", "Écrivez le montant en chiffres"),
        ("0", "supérieur à 0"),
        ("150 000,001", "au plus deux décimales"),
        ("150 001", "ne peut pas dépasser le montant demandé"),
    ],
)
def test_an_unsound_proposed_amount_is_refused_and_the_pages_keep_working(
    client, ranked_session, instructor, typed, message
):
    session, d = ranked_session
    item = session.agenda.get(application=d["a"])
    client.force_login(instructor)
    response = propose(client, session, item, typed)
    assert response.status_code == 422
    assert message in response.text
    item.refresh_from_db()
    assert item.proposed_amount is None
    assert client.get(reverse("committee:session", args=[session.pk])).status_code == 200
    assert client.get(reverse("committee:minutes", args=[session.pk])).status_code == 200


def test_a_proposed_amount_with_cents_is_kept_to_the_cent(client, ranked_session, instructor):
    session, d = ranked_session
    item = session.agenda.get(application=d["a"])
    client.force_login(instructor)
    response = propose(client, session, item, "1 500,50", follow=True)
    assert "Montant proposé pour" in response.text
    item.refresh_from_db()
    assert item.proposed_amount == Decimal("1500.50")
    assert 'value="1500,50"' in response.text
    assert "inférieur au montant habituel" in response.text


@pytest.mark.parametrize("amount", [Decimal(0), Decimal(-5), Decimal("12345678901.5")])
def test_the_database_refuses_unsound_amounts(ranked_session, instructor, amount):
    session, d = ranked_session
    # A CHECK constraint refuses it, or (PostgreSQL, too many digits) the column's precision does.
    refused = (IntegrityError, DataError)
    with pytest.raises(refused), transaction.atomic():
        AgendaItem.objects.filter(session=session, application=d["a"]).update(proposed_amount=amount)
    with pytest.raises(refused), transaction.atomic():
        Decision.objects.create(
            application=d["a"], session=session, outcome="accepted", amount_granted=amount, decided_by=instructor
        )
