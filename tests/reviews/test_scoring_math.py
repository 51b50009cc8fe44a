"""The arithmetic of the grid, without a database."""

from decimal import Decimal

from deffinov.reviews.scoring import disagreements, mean, spread, weighted_score

WEIGHTS = {
    "territoire": 20,
    "partenariat": 20,
    "innovation": 15,
    "publics": 15,
    "mutualisation": 10,
    "perennite": 10,
    "budget": 10,
}


def test_weighted_score_uses_the_weights():
    values = {
        "territoire": 5,
        "partenariat": 5,
        "innovation": 0,
        "publics": 0,
        "mutualisation": 0,
        "perennite": 0,
        "budget": 0,
    }
    # (20·5 + 20·5) / 100
    assert weighted_score(values, WEIGHTS) == Decimal("2.00")


def test_a_blank_criterion_counts_neither_in_the_score_nor_in_the_weights():
    values = {"territoire": 4, "partenariat": 2, "innovation": None}
    # (20·4 + 20·2) / 40 = 3, not 120 / 55
    assert weighted_score(values, WEIGHTS) == Decimal("3.00")


def test_nothing_scored_gives_no_score():
    assert weighted_score({"territoire": None}, WEIGHTS) is None
    assert weighted_score({}, WEIGHTS) is None


def test_weighted_score_is_rounded_to_two_decimals():
    values = {"territoire": 5, "innovation": 4}  # (100 + 60) / 35 = 4.5714…
    assert weighted_score(values, WEIGHTS) == Decimal("4.57")


def test_mean_and_spread_ignore_blanks():
    assert mean([Decimal("3.5"), None, Decimal("2.5")]) == Decimal("3.00")
    assert mean([None]) is None
    assert spread([Decimal("4.2"), Decimal("1.7"), None]) == Decimal("2.5")
    assert spread([Decimal("4.2")]) is None


def test_reviewers_disagree_from_two_points_apart():
    values = {"territoire": [5, 3], "partenariat": [4, 3], "innovation": [1, None, 4], "publics": [None, 2]}
    assert disagreements(values) == ["territoire", "innovation"]
