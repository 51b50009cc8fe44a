from decimal import Decimal

import pytest
from django.urls import reverse

from deffinov.applications.models import Application
from deffinov.reviews.models import ensure_default_grid
from deffinov.reviews.reviewing import save_review
from deffinov.reviews.scoring import annotate_weighted_mean
from tests.reviews.helpers import staff

pytestmark = pytest.mark.django_db


def scores_by_code(criteria, values, comments=None):
    comments = comments or {}
    by_code = {c.code: c for c in criteria}
    return {by_code[code]: (value, comments.get(code, "")) for code, value in values.items()}


def test_the_default_grid_has_seven_weighted_criteria_created_once(dossier):
    call = dossier["application"].wave.call
    criteria = ensure_default_grid(call)
    assert [c.label for c in criteria] == [
        "Pertinence territoriale",
        "Qualité du partenariat",
        "Innovation pédagogique",
        "Publics touchés",
        "Mutualisation des ressources",
        "Pérennité",
        "Cohérence budgétaire",
    ]
    assert sum(c.weight for c in criteria) == 100
    ensure_default_grid(call)
    assert call.scoring_criteria.count() == 7


def test_an_instructor_scores_and_sees_everyones_scores_with_mean_spread_and_disagreements(client, dossier, instructor):
    application = dossier["application"]
    criteria = ensure_default_grid(application.wave.call)
    colleague = staff(first_name="Paul", last_name="Collègue")
    paul = {c.code: 3 for c in criteria} | {"pertinence_territoriale": 2}
    save_review(application, colleague, scores_by_code(criteria, paul))
    client.force_login(instructor)
    url = reverse("reviews:scoring", args=[application.number])
    data = {f"score_{c.code}": "4" for c in criteria}
    data["score_pertinence_territoriale"] = "5"
    data["comment_pertinence_territoriale"] = "Très bon ancrage dans le Bocage."
    data["score_coherence_budgetaire"] = ""  # left blank
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Votre notation est enregistrée." in page
    board = response.context["board"]
    weighted = sorted(str(column.weighted) for column in board.columns)
    # Inès: (20·5 + 20·4 + 15·4 + 15·4 + 10·4 + 10·4) / 90 = 4.22 ; Paul: (20·2 + 80·3) / 100 = 2.80
    assert weighted == ["2.80", "4.22"]
    assert board.mean == Decimal("3.51")
    assert board.spread == Decimal("1.42")
    assert "Très bon ancrage dans le Bocage." in page
    assert board.disagreeing == {"pertinence_territoriale"}
    assert "divergence" in page
    assert "3,51 / 5" in page


def test_a_wrong_score_is_refused_and_what_was_typed_is_kept(client, dossier, instructor):
    application = dossier["application"]
    criteria = ensure_default_grid(application.wave.call)
    client.force_login(instructor)
    data = {"score_pertinence_territoriale": "9", "comment_publics": "Publics bien ciblés"}
    response = client.post(reverse("reviews:scoring", args=[application.number]), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Sélectionnez un choix valide" in page
    assert "Publics bien ciblés" in page
    assert not application.reviews.exists()
    assert len(criteria) == 7


def test_annotate_weighted_mean_matches_the_page(dossier, instructor):
    application = dossier["application"]
    criteria = ensure_default_grid(application.wave.call)
    save_review(application, instructor, scores_by_code(criteria, {"pertinence_territoriale": 5, "publics": 2}))
    save_review(application, staff(), scores_by_code(criteria, {c.code: 3 for c in criteria}))
    annotated = annotate_weighted_mean(Application.objects.filter(pk=application.pk)).get()
    # (20·5 + 15·2) / 35 = 3.714… and 3 → 3.357…
    assert annotated.weighted_mean == pytest.approx((130 / 35 + 3) / 2)
    assert (
        annotate_weighted_mean(Application.objects.exclude(pk=application.pk))
        .filter(weighted_mean__isnull=False)
        .count()
        == 0
    )


def test_annotate_weighted_mean_costs_one_query_whatever_the_number_of_dossiers(
    dossier, instructor, django_assert_num_queries
):
    application = dossier["application"]
    criteria = ensure_default_grid(application.wave.call)
    save_review(application, instructor, scores_by_code(criteria, {"publics": 4}))
    with django_assert_num_queries(1):
        rows = list(annotate_weighted_mean(Application.objects.all()))
    assert [row.weighted_mean for row in rows] == [4.0]
