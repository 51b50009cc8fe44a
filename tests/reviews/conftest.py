import pytest

from tests.reviews.helpers import in_review, staff


@pytest.fixture
def instructor(db):
    return staff(first_name="Inès", last_name="Instructrice")


@pytest.fixture
def dossier(db, instructor):
    return in_review(instructor=instructor)
