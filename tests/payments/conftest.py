import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project, signed

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def countersigned(project, data, functional_admin):
    """The lead uploads the signed convention, the Region countersigns it."""
    from deffinov.grants import convention

    upload = SimpleUploadedFile("convention-signee.pdf", PDF, content_type="application/pdf")
    convention.upload_signed(project, upload, data["lead_admin"])
    return signed(project, functional_admin)


@pytest.fixture
def instructor(db):
    return UserFactory(instructor=True, first_name="Inès", last_name="Instructrice")


@pytest.fixture
def functional_admin(db):
    return UserFactory(functional_admin=True, first_name="Fanny", last_name="Fonctionnelle")


@pytest.fixture
def finance_officer(db):
    return UserFactory(finance_officer=True, first_name="Firmin", last_name="Finances")


@pytest.fixture
def funded(instructor, functional_admin):
    """A project granted 90 000 € (budget 150 000 €: 100 000 € by the lead, 50 000 € by its partner, shares
    60 % / 40 %), its convention countersigned: the 45 000 € advance is requestable."""
    project, data = funded_project(instructor, functional_admin)
    countersigned(project, data, functional_admin)
    return project, data
