import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deffinov.committee.decisions import record_decision
from deffinov.committee.models import AgendaItem
from deffinov.committee.ranking import session_ranking
from deffinov.formatting import percent
from tests.reviews.helpers import quick_dossier

pytestmark = pytest.mark.django_db


def test_the_agenda_is_ranked_by_weighted_mean_with_cumulative_amounts_against_the_envelope(ranked_session):
    session, d = ranked_session
    ranking = session_ranking(session)
    assert [row.application for row in ranking.rows] == [d["a"], d["c"], d["b"], d["d"]]
    assert [row.score for row in ranking.rows] == [4.5, 4.0, 3.0, None]
    assert [row.cumulative_requested for row in ranking.rows] == [150_000, 270_000, 370_000, 450_000]
    assert [row.crosses_envelope for row in ranking.rows] == [False, False, True, False]
    assert [row.beyond_envelope for row in ranking.rows] == [False, False, True, True]
    assert ranking.remaining == Decimal(-150_000)


def test_a_reduced_proposed_amount_moves_the_envelope_line(client, ranked_session, instructor):
    session, d = ranked_session
    item = session.agenda.get(application=d["b"])
    client.force_login(instructor)
    response = client.post(
        reverse("committee:proposed_amount", args=[session.pk, item.pk]),
        {f"item{item.pk}-proposed_amount": "30 000"},
        follow=True,
    )
    assert "Montant proposé pour" in response.text
    ranking = session_ranking(session)
    assert [row.cumulative_proposed for row in ranking.rows] == [150_000, 270_000, 300_000, 380_000]
    assert [row.crosses_envelope for row in ranking.rows] == [False, False, False, True]
    assert [row.cumulative_requested for row in ranking.rows][-1] == 450_000


def test_a_bad_proposed_amount_is_explained_next_to_the_field_and_kept(client, ranked_session, instructor):
    session, d = ranked_session
    item = session.agenda.get(application=d["b"])
    client.force_login(instructor)
    response = client.post(
        reverse("committee:proposed_amount", args=[session.pk, item.pk]), {f"item{item.pk}-proposed_amount": "trente"}
    )
    assert response.status_code == 422
    assert "Écrivez le montant en chiffres" in response.text
    assert 'value="trente"' in response.text
    assert f'aria-describedby="item{item.pk}-error"' in response.text


def test_the_session_page_shows_the_ranking_the_envelope_flag_and_the_departements(
    client, ranked_session, instructor, django_assert_max_num_queries
):
    session, d = ranked_session
    client.force_login(instructor)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("committee:session", args=[session.pk]))
    page = response.text
    assert response.status_code == 200
    order = [page.index(d[key].number) for key in ("a", "c", "b", "d")]
    assert order == sorted(order)
    assert "Enveloppe dépassée" in page
    assert "4,50" in page and "450\xa0000\xa0€" in page
    assert "Aucun projet de l'Orne n'est à l'ordre du jour." in html.unescape(page)
    assert "Orne (61)" in page


def test_the_session_page_costs_the_same_queries_with_more_dossiers(
    client, ranked_session, instructor, django_assert_num_queries
):
    session, _d = ranked_session
    client.force_login(instructor)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("committee:session", args=[session.pk]))
    for n in range(5):
        extra = quick_dossier(session.wave, f"Dossier {n}", Decimal(10_000), Decimal(40_000))
        AgendaItem.objects.create(session=session, application=extra)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(reverse("committee:session", args=[session.pk]))


def test_the_departement_table_counts_amounts_and_shares(ranked_session):
    session, _d = ranked_session
    lines = {line.department.code: line for line in session_ranking(session).departments}
    assert (lines["14"].count, lines["14"].requested) == (3, Decimal(350_000))
    assert (lines["50"].count, lines["50"].requested) == (1, Decimal(100_000))
    assert percent(lines["50"].share) == "33,3\xa0%"
    assert lines["61"].count == 0
    assert [d.code for d in session_ranking(session).missing_departments] == ["61"]


def test_the_envelope_left_counts_granted_amounts_for_decided_dossiers_and_proposals_for_the_others(
    client, ranked_session, instructor
):
    """Envelope 300 000 €. « a » asked 150 000 €, proposed 150 000 €, granted 100 000 €; « b » rejected; « c » and
    « d » undecided, proposed 120 000 € and 80 000 €: 300 000 − (100 000 + 0 + 120 000 + 80 000) = 0 €."""
    session, d = ranked_session
    record_decision(d["a"], instructor, "accepted", amount=Decimal(100_000), session=session)
    record_decision(d["b"], instructor, "rejected", motivation="Hors sujet.", session=session)
    ranking = session_ranking(session)
    assert ranking.total_proposed == Decimal(450_000)
    assert ranking.remaining == Decimal(0)
    client.force_login(instructor)
    page = client.get(reverse("committee:session", args=[session.pk])).text
    assert "Reste sur l'enveloppe <strong>0\xa0€</strong>" in page
