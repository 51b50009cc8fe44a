from decimal import Decimal

import pytest
from django.urls import reverse

from deffinov.applications.models import State
from deffinov.audit.models import AuditEvent
from deffinov.committee.decisions import DecisionError, record_decision
from deffinov.committee.models import AgendaItem, Decision
from tests.reviews.helpers import quick_dossier, staff

pytestmark = pytest.mark.django_db


def decide(client, session, application, **data):
    url = reverse("committee:decide", args=[session.pk, application.number])
    return client.post(url, data, follow=True)


def test_the_committee_accepts_with_a_reduced_amount(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    client.force_login(instructor)
    response = decide(client, session, application, outcome="accepted", amount_granted="80 000")
    assert "Décision enregistrée pour" in response.text
    assert "Accepté pour 80\xa0000\xa0€" in response.text
    application.refresh_from_db()
    assert application.state == State.ACCEPTED
    decision = Decision.objects.get(application=application)
    assert (decision.amount_granted, decision.session, decision.decided_by) == (Decimal(80_000), session, instructor)
    assert application.transitions.filter(from_state="in_review", to_state="accepted", by=instructor).exists()
    event = AuditEvent.objects.get(action="committee.decision.accepted")
    assert event.data["amount_granted"] == "80000" and event.object_id == str(application.pk)


def test_more_than_requested_is_refused_on_the_amount_field(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    client.force_login(instructor)
    response = decide(client, session, application, outcome="accepted", amount_granted="120000")
    assert response.status_code == 422
    assert "ne peut pas dépasser le montant demandé (100\xa0000\xa0€)" in response.text
    assert 'value="120000"' in response.text
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW


def test_a_refusal_needs_a_motivation(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    client.force_login(instructor)
    response = decide(client, session, application, outcome="rejected", motivation=" ")
    assert response.status_code == 422
    assert "Motivez le refus" in response.text
    response = decide(client, session, application, outcome="rejected", motivation="Ancrage territorial insuffisant.")
    assert "Refusé" in response.text
    application.refresh_from_db()
    assert application.state == State.REJECTED
    assert Decision.objects.get().motivation == "Ancrage territorial insuffisant."


def test_a_dismissal_moves_the_dossier(decidable, instructor):
    record_decision(decidable["application"], instructor, "dismissed", motivation="Projet abandonné.")
    decidable["application"].refresh_from_db()
    assert decidable["application"].state == State.DISMISSED


@pytest.fixture
def low_cofinancing(decidable):
    """125 000 € asked for on a 150 000 € budget: 16,7 % of cofinancing at the full amount."""
    application = quick_dossier(
        decidable["session"].wave, "Tiers-lieu peu cofinancé", Decimal(125_000), Decimal(150_000)
    )
    AgendaItem.objects.create(session=decidable["session"], application=application)
    return application


def test_below_the_cofinancing_floor_the_committee_must_grant_the_exception(instructor, low_cofinancing):
    with pytest.raises(DecisionError) as error:
        record_decision(low_cofinancing, instructor, "accepted", amount=Decimal(115_000))
    assert "le cofinancement serait de 23,3\xa0%, sous le plancher de 30\xa0%" in error.value.message
    assert "dérogation" in error.value.message
    decision = record_decision(low_cofinancing, instructor, "accepted", amount=Decimal(115_000), exception=True)
    assert decision.cofinancing_exception


def test_the_exception_floor_itself_cannot_be_crossed(client, decidable, instructor, low_cofinancing):
    client.force_login(instructor)
    response = decide(
        client,
        decidable["session"],
        low_cofinancing,
        outcome="accepted",
        amount_granted="125000",
        cofinancing_exception="on",
    )
    assert response.status_code == 422
    assert "Même avec la dérogation, le cofinancement doit atteindre 20\xa0%" in response.text
    assert "il serait de 16,7\xa0%" in response.text
    low_cofinancing.refresh_from_db()
    assert low_cofinancing.state == State.IN_REVIEW


def test_two_people_deciding_at_once_one_wins_and_the_other_is_told(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    other = staff(first_name="Marc", last_name="Rival")
    from django.test import Client

    rival = Client()
    rival.force_login(other)
    client.force_login(instructor)
    url = reverse("committee:decide", args=[session.pk, application.number])
    assert client.get(url).status_code == 200 and rival.get(url).status_code == 200  # both open the form
    decide(client, session, application, outcome="accepted", amount_granted="90000")
    response = rival.post(url, {"outcome": "rejected", "motivation": "Trop cher."})
    assert response.status_code == 409
    assert "a déjà été décidé : Accepté pour 90\xa0000\xa0€ par Inès Instructrice" in response.text
    assert Decision.objects.filter(application=application).count() == 1
    application.refresh_from_db()
    assert application.state == State.ACCEPTED


def test_a_dossier_not_on_the_agenda_cannot_be_decided_from_this_session(client, decidable, instructor):
    elsewhere = quick_dossier(decidable["session"].wave, "Hors séance", Decimal(50_000), Decimal(100_000))
    client.force_login(instructor)
    response = client.get(reverse("committee:decide", args=[decidable["session"].pk, elsewhere.number]))
    assert response.status_code == 404
