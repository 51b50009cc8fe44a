from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from deffinov.applications.models import State
from deffinov.audit.models import AuditEvent
from deffinov.committee.decisions import DecisionError, record_decision
from deffinov.committee.models import AgendaItem, Decision, SessionState
from tests.applications.factories import UserFactory
from tests.committee.conftest import new_session
from tests.reviews.helpers import quick_dossier

pytestmark = pytest.mark.django_db


def decide(client, session, application, **data):
    url = reverse("committee:decide", args=[session.pk, application.number])
    return client.post(url, data, follow=True)


def test_the_committee_accepts_with_a_reduced_amount_pending_validation(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    client.force_login(instructor)
    response = decide(client, session, application, outcome="accepted", amount_granted="80 000")
    assert "Décision enregistrée pour" in response.text
    assert "Accepté pour 80\xa0000\xa0€" in response.text
    assert "une fois les décisions de la séance validées" in response.text
    decision = Decision.objects.get(application=application)
    assert (decision.amount_granted, decision.session, decision.decided_by) == (Decimal(80_000), session, instructor)
    assert not decision.is_final
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW  # final only once validated with the deliberation
    event = AuditEvent.objects.get(action="committee.decision.accepted")
    assert event.data["amount_granted"] == "80000" and event.object_id == str(application.pk)


def test_more_than_requested_is_refused_on_the_amount_field(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    client.force_login(instructor)
    response = decide(client, session, application, outcome="accepted", amount_granted="120000")
    assert response.status_code == 422
    assert "ne peut pas dépasser le montant demandé (100\xa0000\xa0€)" in response.text
    assert 'value="120000"' in response.text
    assert not Decision.objects.exists()


def test_a_refusal_needs_a_motivation(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    client.force_login(instructor)
    response = decide(client, session, application, outcome="rejected", motivation=" ")
    assert response.status_code == 422
    assert "Motivez le refus" in response.text
    response = decide(client, session, application, outcome="rejected", motivation="Ancrage territorial insuffisant.")
    assert "Refusé" in response.text
    assert Decision.objects.get().motivation == "Ancrage territorial insuffisant."


def test_a_dismissal_is_recorded(decidable, instructor):
    decision = record_decision(
        decidable["application"], instructor, "dismissed", motivation="Projet abandonné.", session=decidable["session"]
    )
    assert decision.outcome == "dismissed" and decision.amount_granted is None


@pytest.fixture
def low_cofinancing(decidable):
    """125 000 € asked for on a 150 000 € budget: 16,7 % of cofinancing at the full amount."""
    application = quick_dossier(
        decidable["session"].wave, "Tiers-lieu peu cofinancé", Decimal(125_000), Decimal(150_000)
    )
    AgendaItem.objects.create(session=decidable["session"], application=application)
    return application


def test_below_the_cofinancing_floor_the_committee_must_grant_the_exception(decidable, instructor, low_cofinancing):
    session = decidable["session"]
    with pytest.raises(DecisionError) as error:
        record_decision(low_cofinancing, instructor, "accepted", amount=Decimal(115_000), session=session)
    assert "le cofinancement serait de 23,3\xa0%, sous le plancher de 30\xa0%" in error.value.message
    assert "dérogation" in error.value.message
    decision = record_decision(
        low_cofinancing, instructor, "accepted", amount=Decimal(115_000), exception=True, session=session
    )
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
    assert "il serait de 16,6\xa0%" in response.text  # 16,67 % rounded down, as everywhere
    assert not Decision.objects.filter(application=low_cofinancing).exists()


def test_the_committee_applies_the_engines_exact_floor_and_never_reads_30_percent(client, decidable, instructor):
    """70 040 € on 100 000 € of expenses leaves 29,96 % of cofinancing: under the 30 % floor, whatever the rounding."""
    session = decidable["session"]
    application = quick_dossier(session.wave, "Presque trente pour cent", Decimal(70_040), Decimal(100_000))
    AgendaItem.objects.create(session=session, application=application)
    client.force_login(instructor)
    page = client.get(reverse("committee:decide", args=[session.pk, application.number])).text
    assert "29,9\xa0%" in page
    response = decide(client, session, application, outcome="accepted", amount_granted="70 040")
    assert response.status_code == 422
    assert "le cofinancement serait de 29,9\xa0%, sous le plancher de 30\xa0%" in response.text
    for text in (page, response.text):
        assert "Cofinancement au montant demandé</dt><dd>30\xa0%" not in text
        assert "serait de 30\xa0%" not in text
    assert not Decision.objects.exists()
    decision = record_decision(application, instructor, "accepted", amount=Decimal(70_000), session=session)
    assert decision.amount_granted == Decimal(70_000)  # exactly the floor passes


def test_two_people_deciding_at_once_one_wins_and_the_other_is_told(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    rival = Client()
    rival.force_login(UserFactory(instructor=True, first_name="Marc", last_name="Rival"))
    client.force_login(instructor)
    url = reverse("committee:decide", args=[session.pk, application.number])
    assert client.get(url).status_code == 200 and rival.get(url).status_code == 200  # both open the form
    decide(client, session, application, outcome="accepted", amount_granted="90000")
    response = rival.post(url, {"outcome": "rejected", "motivation": "Trop cher."})
    assert response.status_code in (200, 409)
    assert "a déjà été décidé : Accepté pour 90\xa0000\xa0€ par Inès Instructrice" in response.text or (
        "Accepté" in response.text and "Enregistrer la décision" not in response.text
    )
    assert Decision.objects.filter(application=application).count() == 1
    with pytest.raises(DecisionError, match="a déjà été décidé : Accepté pour 90\xa0000\xa0€ par Inès Instructrice"):
        record_decision(application, instructor, "rejected", motivation="Trop cher.", session=session)


def test_a_dossier_not_on_the_agenda_cannot_be_decided_from_this_session(client, decidable, instructor):
    elsewhere = quick_dossier(decidable["session"].wave, "Hors séance", Decimal(50_000), Decimal(100_000))
    client.force_login(instructor)
    response = client.get(reverse("committee:decide", args=[decidable["session"].pk, elsewhere.number]))
    assert response.status_code == 404
    with pytest.raises(DecisionError, match="n'est pas à l'ordre du jour"):
        record_decision(elsewhere, instructor, "dismissed", session=decidable["session"])


def test_no_decision_outside_a_session(decidable, instructor):
    with pytest.raises(DecisionError, match="s'enregistre dans une séance du comité"):
        record_decision(decidable["application"], instructor, "accepted", amount=Decimal(90_000))
    assert not Decision.objects.exists()


def test_no_decision_before_the_session_took_place(client, instructor):
    from tests.reviews.helpers import in_review

    data = in_review(instructor=instructor)
    session = new_session(data["application"].wave)  # next week, planned
    AgendaItem.objects.create(session=session, application=data["application"])
    with pytest.raises(DecisionError, match="n'a pas encore eu lieu"):
        record_decision(data["application"], instructor, "accepted", amount=Decimal(90_000), session=session)
    client.force_login(instructor)
    url = reverse("committee:decide", args=[session.pk, data["application"].number])
    page = client.get(url).text
    assert "n'a pas encore été déclarée tenue" in page and "Enregistrer la décision" not in page
    response = client.post(url, {"outcome": "accepted", "amount_granted": "90000"})
    assert response.status_code == 422
    assert "pas encore eu lieu" in response.text
    assert not Decision.objects.exists()
    assert session.state == SessionState.PLANNED


def test_a_committee_member_sitting_on_the_session_records_a_decision(client, decidable):
    from deffinov.committee.models import CommitteeMember

    session = decidable["session"]
    member = UserFactory(committee_member=True, first_name="Claire", last_name="Durand")
    CommitteeMember.objects.create(session=session, name="Claire Durand", institution="dreets", user=member)
    client.force_login(member)
    response = decide(client, session, decidable["application"], outcome="accepted", amount_granted="90 000")
    assert "Décision enregistrée" in response.text
    assert Decision.objects.get().decided_by == member
    elsewhere = Client()
    elsewhere.force_login(UserFactory(committee_member=True))  # a committee member who does not sit on it
    url = reverse("committee:decide", args=[session.pk, decidable["application"].number])
    assert elsewhere.get(url).status_code == 404


def test_a_decision_recorded_by_mistake_is_cancelled_before_validation(client, decidable, instructor):
    application, session = decidable["application"], decidable["session"]
    record_decision(application, instructor, "accepted", amount=Decimal(90_000), session=session)
    client.force_login(instructor)
    response = client.post(reverse("committee:cancel_decision", args=[session.pk, application.number]), follow=True)
    assert "est annulée" in response.text
    assert not Decision.objects.exists()
    assert AuditEvent.objects.filter(action="committee.decision.cancelled").exists()
