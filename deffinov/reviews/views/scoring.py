"""The scoring page of a dossier: each instructor scores it on the call's grid and sees everyone's scores."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render

from deffinov.reviews.access import get_dossier_for_staff, staff_required
from deffinov.reviews.forms import ScoreForm
from deffinov.reviews.models import Score, ensure_default_grid
from deffinov.reviews.reviewing import save_review, scores_of
from deffinov.reviews.scoring import board_for


def reviews_with_scores(application):
    scores = Score.objects.select_related("criterion")
    return application.reviews.select_related("reviewer").prefetch_related(Prefetch("scores", queryset=scores))


@staff_required
def scoring(request, number):
    """Region staff only."""
    application = get_dossier_for_staff(request.user, number)
    criteria = ensure_default_grid(application.wave.call)
    own = scores_of(application, request.user)
    form = ScoreForm(request.POST or None, criteria=criteria, initial_scores=own)
    if request.method == "POST" and form.is_valid():
        save_review(application, request.user, form.scores())
        messages.success(request, "Votre notation est enregistrée.")
        return redirect("reviews:scoring", number=application.number)
    board = board_for(application, criteria, reviews_with_scores(application))
    context = {"application": application, "form": form, "board": board, "has_own": bool(own)}
    return render(request, "reviews/scoring.html", context, status=422 if form.errors else 200)
