import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from deffinov.grants import convention
from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project, signed

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def countersigned(project, data, functional_admin, on=None):
    """The lead uploads the signed convention, the Region countersigns it: the reports are owed."""
    upload = SimpleUploadedFile("convention-signee.pdf", PDF, content_type="application/pdf")
    convention.upload_signed(project, upload, data["lead_admin"])
    return signed(project, functional_admin, on=on)


@pytest.fixture
def instructor(db):
    return UserFactory(instructor=True, first_name="Inès", last_name="Instructrice", email="ines@normandie.fr")


@pytest.fixture
def functional_admin(db):
    return UserFactory(functional_admin=True, first_name="Fanny", last_name="Fonctionnelle")


@pytest.fixture
def finance_officer(db):
    return UserFactory(finance_officer=True, first_name="Firmin", last_name="Finances")


@pytest.fixture
def funded(instructor, functional_admin):
    """A project granted 90 000 €, its convention countersigned today: (project, data)."""
    project, data = funded_project(instructor, functional_admin)
    countersigned(project, data, functional_admin)
    return project, data


@pytest.fixture
def project(funded):
    return funded[0]


@pytest.fixture
def lead_admin(funded):
    return funded[1]["lead_admin"]


@pytest.fixture
def quiet(funded, run_tasks):
    """The emails of the project's opening (letters, convention) sent and forgotten: the outbox starts empty."""
    run_tasks()
    mail.outbox.clear()
