"""« Équipements mutualisés »: the members' items lent over a report's period, the report form's first value."""

import datetime as dt

import pytest
from django.urls import reverse

from deffinov.loans.indicators import pooled_equipment
from tests.accounts.factories import UserFactory
from tests.grants.helpers import funded_project
from tests.loans.conftest import TODAY
from tests.loans.factories import ItemFactory, days, loan_in_state
from tests.reports.conftest import countersigned


@pytest.fixture
def project(db):
    functional_admin = UserFactory(functional_admin=True)
    project, data = funded_project(UserFactory(instructor=True), functional_admin)
    project.starts_on, project.ends_on = TODAY, TODAY + dt.timedelta(days=360)
    project.save()
    countersigned(project, data, functional_admin)
    return project, data


def test_items_lent_by_the_members_count_once_each_within_the_period(client, project, borrower, borrower_admin):
    project, data = project
    lead = project.application.lead.organisation
    lead_admin = data["lead_admin"]
    headset, laptop, _never_lent, declined = (ItemFactory(organisation=lead) for _ in range(4))
    loan_in_state(headset, borrower, borrower_admin, lead_admin, *days(TODAY, 1, 3), state="returned")
    loan_in_state(headset, borrower, borrower_admin, lead_admin, *days(TODAY, 10, 3), state="reserved")
    loan_in_state(laptop, borrower, borrower_admin, lead_admin, *days(TODAY, 200, 3), state="active")
    loan_in_state(declined, borrower, borrower_admin, lead_admin, *days(TODAY, 1, 3), state="cancelled")
    # An outsider's items lent do not count.
    stranger_item = ItemFactory(organisation=borrower)
    loan_in_state(stranger_item, lead, lead_admin, borrower_admin, *days(TODAY, 1, 3), state="reserved")
    assert pooled_equipment(project, project.starts_on, project.ends_on) == 2
    assert pooled_equipment(project, project.starts_on, project.interim_report_due) == 1
    # The interim report's form starts from the count; a figure typed later is kept instead.
    report = project.reports.get(kind="interim")
    client.force_login(lead_admin)
    html = client.get(reverse("reports:edit", args=[project.number, "interim"])).text
    assert 'name="ind_equipements_mutualises" value="1"' in html
    assert report.values.count() == 0
