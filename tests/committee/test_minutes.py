from decimal import Decimal

import pytest
from django.urls import reverse

from deffinov.committee.decisions import record_decision
from deffinov.committee.documents import minutes_html
from deffinov.committee.models import CommitteeMember

pytestmark = pytest.mark.django_db


def test_the_minutes_list_members_scores_decisions_and_totals(client, ranked_session, instructor):
    session, d = ranked_session
    CommitteeMember.objects.create(session=session, name="Claire Durand", institution="dreets")
    record_decision(d["a"], instructor, "accepted", amount=Decimal(140_000), session=session)
    record_decision(d["b"], instructor, "rejected", motivation="Public cible trop restreint.", session=session)
    html = minutes_html(session)
    assert "Claire Durand" in html and "DREETS Normandie" in html
    assert d["a"].number in html and "4,50" in html
    assert "140\xa0000\xa0€" in html  # granted, and the total granted
    assert "Refusé" in html and "Public cible trop restreint." in html
    assert "450\xa0000\xa0€" in html  # total requested
    client.force_login(instructor)
    response = client.get(reverse("committee:minutes", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_minutes_are_provisional_until_validated_then_cite_the_deliberation(
    ranked_session, instructor, functional_admin
):
    from tests.committee.conftest import REFERENCE, validated

    session, d = ranked_session
    record_decision(d["a"], instructor, "accepted", amount=Decimal(140_000), session=session)
    for key in "bcd":
        record_decision(d[key], instructor, "rejected", motivation="Hors enveloppe.", session=session)
    html = minutes_html(session)
    assert "Document provisoire" in html and REFERENCE not in html
    validated(session, functional_admin)
    html = minutes_html(session)
    assert "Document provisoire" not in html
    assert f"n° {REFERENCE} de la Commission permanente" in html
    assert "Décisions validées" in html
