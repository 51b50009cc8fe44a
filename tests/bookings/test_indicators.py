import datetime as dt

import pytest

from deffinov.bookings import booking as service
from deffinov.bookings import slots
from deffinov.bookings.indicators import attendance_by_public, report_initial
from deffinov.bookings.workflow import apply
from deffinov.formatting import PARIS
from deffinov.reports.models import Report, ReportKind
from tests.accounts.factories import UserFactory
from tests.bookings.conftest import TUESDAY
from tests.bookings.factories import ResourceFactory
from tests.grants.helpers import funded_project


@pytest.fixture
def project(db, now):
    instructor = UserFactory(instructor=True)
    functional_admin = UserFactory(functional_admin=True)
    project, _ = funded_project(instructor, functional_admin)
    project.starts_on, project.ends_on = dt.date(2026, 9, 1), dt.date(2027, 8, 31)
    project.save()
    return project


def test_attendance_by_public_prefills_the_report(project, now):
    organisation = project.application.lead.organisation
    host = organisation.memberships.filter(role="admin").first().user
    resource = ResourceFactory(place__organisation=organisation)
    slot = slots.open_slots(resource.place, TUESDAY, TUESDAY)[0]
    people = [UserFactory() for _ in range(3)]
    bookings = [
        service.book(slot.pk, email=person.email, learner=person, public=public)
        for person, public in zip(people, ["salaries", "salaries", "apprentis"], strict=True)
    ]
    now.move_to(dt.datetime(2026, 12, 1, 9, 30, tzinfo=PARIS))
    apply(bookings[0], "attended", by=host)
    apply(bookings[1], "attended", by=host)
    apply(bookings[2], "no_show", by=host)
    assert attendance_by_public(project, dt.date(2026, 11, 1), dt.date(2026, 12, 31)) == {"salaries": 2}
    assert attendance_by_public(project, dt.date(2027, 1, 1), dt.date(2027, 1, 31)) == {}
    report = Report.objects.create(project=project, kind=ReportKind.INTERIM, due_on=dt.date(2027, 3, 1))
    assert report_initial(report) == {"ind_apprenants__salaries": 2}
    final = Report.objects.create(project=project, kind=ReportKind.FINAL, due_on=dt.date(2027, 10, 31))
    assert report_initial(final) == {}  # the final report covers from mid-term on
