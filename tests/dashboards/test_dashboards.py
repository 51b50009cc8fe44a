"""The programme's dashboard (Region) and the public page of the projects supported."""

from decimal import Decimal

import pytest
from django.urls import reverse

from deffinov.dashboards import figures
from deffinov.grants import workflow
from deffinov.payments.models import Tranche, TrancheState
from tests.applications.factories import UserFactory
from tests.grants.helpers import funded_project, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructor(db):
    return UserFactory(instructor=True)


@pytest.fixture
def functional_admin(db):
    return UserFactory(functional_admin=True)


@pytest.fixture
def two_projects(instructor, functional_admin):
    first, _ = funded_project(instructor, functional_admin, amount=Decimal(90_000))
    second, _ = funded_project(instructor, functional_admin, amount=Decimal(60_000), wave=first.application.wave)
    signed(first, functional_admin)
    # The advance of the first one is paid.
    Tranche.objects.filter(project=first, position=1).update(state=TrancheState.PAID, amount_paid=Decimal(45_000))
    return first, second


def test_per_wave_committed_paid_and_still_to_pay_against_the_envelope(two_projects):
    first, _ = two_projects
    table = figures.by_wave()
    row = next(row for row in table.rows if row[0] == first.application.wave.title)
    envelope = first.application.wave.envelope
    assert row[1:] == (2, 2, envelope, Decimal(150_000), Decimal(45_000), Decimal(105_000), Decimal(0))


def test_a_terminated_project_no_longer_counts_as_committed(two_projects, functional_admin):
    _, second = two_projects
    assert workflow.apply(second, "terminate", functional_admin, motivation="Consortium dissous.")
    row = next(row for row in figures.by_wave().rows if row[0] == second.application.wave.title)
    assert row[4] == Decimal(90_000)


def test_the_tables_cost_the_same_queries_for_one_project_or_many(
    two_projects, instructor, functional_admin, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        for build in figures.TABLES.values():
            build()
        figures.project_places()
    funded_project(instructor, functional_admin, amount=Decimal(70_000))
    with django_assert_max_num_queries(16):
        for build in figures.TABLES.values():
            build()
        figures.project_places()


def test_the_dashboard_shows_each_chart_with_its_table_and_exports(client, two_projects, instructor):
    client.force_login(instructor)
    page = client.get(reverse("dashboards:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'role="img"' in text and "Dossiers et subventions par vague" in text
    assert "150\u202f000\xa0€" in text or "150\xa0000\xa0€" in text
    csv = b"".join(client.get(reverse("dashboards:export", args=["vagues", "csv"])).streaming_content).decode()
    assert csv.startswith("\ufeffVague;Dossiers déposés")
    assert ";150000,00;" in csv
    xlsx = client.get(reverse("dashboards:export", args=["departements", "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(xlsx.streaming_content).startswith(b"PK")  # read to the end: the client then closes it
    assert client.get(reverse("dashboards:export", args=["inconnu", "csv"])).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "applicant", "expert", "staff_without_role"])
def test_only_the_region_reads_the_dashboard(client, who):
    if who == "anonymous":
        assert client.get(reverse("dashboards:index")).status_code == 302
        return
    user = {
        "applicant": UserFactory,
        "expert": lambda: UserFactory(expert=True),
        "staff_without_role": lambda: UserFactory(is_staff=True),
    }[who]()
    client.force_login(user)
    assert client.get(reverse("dashboards:index")).status_code == 404
    assert client.get(reverse("dashboards:export", args=["vagues", "csv"])).status_code == 404


def test_the_public_page_lists_the_laureates_but_not_a_terminated_project(client, two_projects, functional_admin):
    first, second = two_projects
    assert workflow.apply(second, "terminate", functional_admin, motivation="Consortium dissous.")
    page = client.get(reverse("dashboards:supported"))
    assert page.status_code == 200
    text = page.content.decode()
    assert first.application.title in text
    assert "Projets soutenus" in text and "Carte des lauréats" in text
    assert text.count(second.application.title) == 0 or second.application.title == first.application.title


def test_indicators_add_up_across_projects_and_late_reports_are_listed(two_projects, instructor):
    import datetime as dt

    import time_machine

    from tests.reports.helpers import handed_in, report

    first, _ = two_projects
    lead = first.application.participations.get(is_lead=True).organisation.memberships.first().user
    handed_in(report(first), lead)
    indicators = {row[0]: row[1] for row in figures.by_indicator().rows}
    assert indicators["Apprenants accueillis : Demandeurs d'emploi (personnes)"] == 12
    assert indicators["Heures de formation dispensées (heures)"] == Decimal("120.5")
    final = report(first, "final")
    with time_machine.travel(dt.datetime.combine(final.due_on, dt.time(12)) + dt.timedelta(days=20)):
        rows = figures.late_reports().rows
    assert [(row[0], row[4], row[5]) for row in rows] == [(first.number, 20, "très en retard")]


def test_the_laureates_page_costs_the_same_queries_for_any_number_of_projects(
    client, two_projects, instructor, functional_admin, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("dashboards:supported"))
    funded_project(instructor, functional_admin, amount=Decimal(70_000))
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(reverse("dashboards:supported"))
    assert "Structures impliquées" in page.content.decode()
