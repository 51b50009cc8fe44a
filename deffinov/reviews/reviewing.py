"""Saving one person's scores on a dossier."""

from django.db import transaction
from django.utils import timezone

from deffinov.audit.models import record
from deffinov.reviews.models import Review, Score


def save_review(application, reviewer, scores, is_expert=False):
    """`scores` maps each criterion to (value or None, comment). Returns the review; one per person and dossier."""
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(
            application=application, reviewer=reviewer, defaults={"is_expert": is_expert}
        )
        existing = {score.criterion_id: score for score in review.scores.all()}
        for criterion, (value, comment) in scores.items():
            score = existing.get(criterion.pk) or Score(review=review, criterion=criterion)
            score.value = value
            score.comment = comment
            score.save()
        review.updated_at = timezone.now()
        review.save(update_fields=["updated_at"])
        record(
            "review.scored",
            actor=reviewer,
            target=application,
            summary=f"{application.number} : notation enregistrée par {reviewer}",
            data={"number": application.number, "scores": {c.code: v for c, (v, _comment) in scores.items()}},
        )
    return review


def scores_of(application, reviewer):
    """{criterion_id: score} of `reviewer` on `application`, for the form's initial values."""
    return {
        score.criterion_id: score
        for score in Score.objects.filter(review__application=application, review__reviewer=reviewer)
    }
