"""The arithmetic of the scoring grid: plain functions on numbers, plus the same mean computed in SQL for lists.

Scores are on a 0–5 scale. A review's weighted score is Σ weight·score / Σ weight over the criteria it
scored: a criterion left blank counts neither in the numerator nor in the weights.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, F, FloatField, OuterRef, Subquery, Sum
from django.db.models.functions import Cast

DISAGREEMENT = 2  # points of spread on a criterion from which reviewers disagree
TWO_PLACES = Decimal("0.01")


def weighted_score(values, weights):
    """`values` and `weights` map a criterion code to a score (or None) and a weight. None when nothing is scored."""
    scored = [(weights[code], value) for code, value in values.items() if value is not None and code in weights]
    total_weight = sum(weight for weight, _value in scored)
    if not total_weight:
        return None
    return (Decimal(sum(weight * value for weight, value in scored)) / total_weight).quantize(TWO_PLACES, ROUND_HALF_UP)


def mean(numbers):
    numbers = [Decimal(n) for n in numbers if n is not None]
    if not numbers:
        return None
    return (sum(numbers) / len(numbers)).quantize(TWO_PLACES, ROUND_HALF_UP)


def spread(numbers):
    """max − min of the given numbers (blanks ignored); None with fewer than two."""
    numbers = [Decimal(n) for n in numbers if n is not None]
    if len(numbers) < 2:
        return None
    return max(numbers) - min(numbers)


def disagreements(values_by_criterion, threshold=DISAGREEMENT):
    """Codes of the criteria whose scores spread over `threshold` points or more."""
    return [
        code for code, values in values_by_criterion.items() if (gap := spread(values)) is not None and gap >= threshold
    ]


@dataclass
class ReviewerColumn:
    review: object
    values: dict  # criterion code -> value or None
    comments: dict
    weighted: Decimal | None


@dataclass
class Board:
    """Everything the scoring page shows for one dossier."""

    criteria: list
    columns: list = field(default_factory=list)

    @property
    def weighted_scores(self):
        return [column.weighted for column in self.columns]

    @property
    def mean(self):
        return mean(self.weighted_scores)

    @property
    def spread(self):
        return spread(self.weighted_scores)

    def values_by_criterion(self):
        return {c.code: [column.values.get(c.code) for column in self.columns] for c in self.criteria}

    @property
    def disagreeing(self):
        return set(disagreements(self.values_by_criterion()))

    def rows(self):
        disagreeing = self.disagreeing
        by_criterion = self.values_by_criterion()
        for criterion in self.criteria:
            values = by_criterion[criterion.code]
            yield {
                "criterion": criterion,
                "cells": [
                    (value, column.comments.get(criterion.code, ""))
                    for value, column in zip(values, self.columns, strict=True)
                ],
                "mean": mean(values),
                "disagree": criterion.code in disagreeing,
            }


def board_for(application, criteria, reviews):
    """`reviews` with their scores prefetched (`scores__criterion`)."""
    weights = {criterion.code: criterion.weight for criterion in criteria}
    board = Board(criteria=list(criteria))
    for review in reviews:
        scores = {score.criterion.code: score for score in review.scores.all()}
        values = {code: scores[code].value if code in scores else None for code in weights}
        comments = {code: score.comment for code, score in scores.items()}
        board.columns.append(ReviewerColumn(review, values, comments, weighted_score(values, weights)))
    return board


def criterion_means(reviews, criteria):
    """{code: mean score} over the reviews (prefetched), for exports."""
    values = {criterion.code: [] for criterion in criteria}
    for review in reviews:
        for score in review.scores.all():
            if score.criterion.code in values:
                values[score.criterion.code].append(score.value)
    return {code: mean(scored) for code, scored in values.items()}


def _review_weighted_subquery():
    from deffinov.reviews.models import Score

    per_review = (
        Score.objects.filter(review=OuterRef("pk"), value__isnull=False)
        .order_by()
        .values("review")
        .annotate(
            weighted=Cast(Sum(F("value") * F("criterion__weight")), FloatField())
            / Cast(Sum("criterion__weight"), FloatField())
        )
        .values("weighted")
    )
    return Subquery(per_review, output_field=FloatField())


def annotate_weighted_mean(queryset):
    """Annotate each application of `queryset` with `weighted_mean`: the mean of its reviews' weighted scores
    (a float on the 0–5 scale, None when nobody scored it). One subquery, whatever the number of rows."""
    from deffinov.reviews.models import Review

    per_application = (
        Review.objects.filter(application=OuterRef("pk"))
        .annotate(weighted=_review_weighted_subquery())
        .order_by()
        .values("application")
        .annotate(average=Avg("weighted"))
        .values("average")
    )
    return queryset.annotate(weighted_mean=Subquery(per_application, output_field=FloatField()))
