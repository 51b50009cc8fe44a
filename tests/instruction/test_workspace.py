from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deffinov.applications.models import Application, State
from deffinov.instruction.models import ApplicationLabel, Assignment, Label
from tests.instruction.factories import alencon, make_application, saint_lo
from tests.organisations.helpers import page_text

pytestmark = pytest.mark.django_db


def workspace(client, wave, **params):
    return client.get(reverse("instruction:workspace", args=[wave.slug]), params)


@pytest.fixture
def dossiers(wave, instructor, other_instructor):
    """Four dossiers in three départements and three states, plus a draft nobody at the Region may see."""
    vire = make_application(wave, title="Bocage numérique")
    saint_lo_dossier = make_application(
        wave, title="Campus de la Manche", commune=saint_lo(), state=State.IN_REVIEW, eligible=False
    )
    alencon_dossier = make_application(
        wave, title="Fablab d'Alençon", commune=alencon(), state=State.CORRECTION_REQUESTED, warning=True
    )
    big = make_application(wave, title="Grand projet", grant=Decimal(150_000), expenses=Decimal(180_000))
    draft = Application.objects.create(wave=wave, title="Brouillon secret")
    Assignment.objects.create(application=saint_lo_dossier, instructor=instructor)
    Assignment.objects.create(application=alencon_dossier, instructor=other_instructor)
    return {"vire": vire, "saint_lo": saint_lo_dossier, "alencon": alencon_dossier, "big": big, "draft": draft}


def listed_titles(response):
    return [application.title for application in response.context["page"].object_list]


def test_lists_submitted_dossiers_with_their_columns_and_never_drafts(client, instructor, wave, dossiers):
    client.force_login(instructor)
    response = workspace(client, wave)
    text = page_text(response)
    assert response.status_code == 200
    assert "4 dossiers" in text
    assert "Brouillon secret" not in text
    assert dossiers["vire"].number in text
    assert "80\xa0000\xa0€" in text  # amount requested
    assert "60\xa0%" in text  # cofinancing of 80 000 on 200 000
    assert "✗</span> Non éligible" in text
    assert "⚠</span> Éligible, avec des points à examiner" in text
    assert "✓</span> Éligible</span>" in text
    lead = dossiers["vire"].participations.get(is_lead=True).organisation.name
    assert f"<strong>{lead}</strong>" in text
    assert "Lucie Bernard" in text
    assert "Non attribué" in text


def test_counts_per_state_ignore_the_state_filter(client, instructor, wave, dossiers):
    client.force_login(instructor)
    response = workspace(client, wave, state=State.IN_REVIEW)
    counts = {state: count for state, _label, count in response.context["counts"]}
    assert counts[State.SUBMITTED] == 2
    assert counts[State.IN_REVIEW] == 1
    assert counts[State.CORRECTION_REQUESTED] == 1
    assert listed_titles(response) == ["Campus de la Manche"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"departement": "50"}, ["Campus de la Manche"]),
        ({"departement": "14", "state": State.SUBMITTED}, ["Bocage numérique", "Grand projet"]),
        ({"eligibility": "ineligible"}, ["Campus de la Manche"]),
        ({"eligibility": "eligible", "departement": "61"}, ["Fablab d'Alençon"]),
        ({"instructor": "me"}, ["Campus de la Manche"]),
        ({"instructor": "none"}, ["Bocage numérique", "Grand projet"]),
        ({"q": "fablab"}, ["Fablab d'Alençon"]),
        ({"q": "Structure inconnue"}, []),
    ],
)
def test_filters(client, instructor, wave, dossiers, params, expected):
    client.force_login(instructor)
    assert sorted(listed_titles(workspace(client, wave, **params))) == sorted(expected)


def test_filter_by_instructor_label_number_and_structure_name(client, instructor, other_instructor, wave, dossiers):
    label = Label.objects.create(call=wave.call, name="Territoire rural", colour="green")
    ApplicationLabel.objects.create(application=dossiers["big"], label=label)
    client.force_login(instructor)
    assert listed_titles(workspace(client, wave, instructor=other_instructor.pk)) == ["Fablab d'Alençon"]
    assert listed_titles(workspace(client, wave, label=label.pk)) == ["Grand projet"]
    assert listed_titles(workspace(client, wave, q=dossiers["vire"].number)) == ["Bocage numérique"]
    organisation = dossiers["big"].participations.get(is_lead=True).organisation
    assert listed_titles(workspace(client, wave, q=organisation.name)) == ["Grand projet"]


def test_sorts(client, instructor, wave, dossiers):
    client.force_login(instructor)
    assert listed_titles(workspace(client, wave, sort="-amount"))[0] == "Grand projet"
    assert listed_titles(workspace(client, wave, sort="cofinancing"))[0] == "Grand projet"  # 16,7 %
    assert listed_titles(workspace(client, wave, sort="title")) == sorted(listed_titles(workspace(client, wave)))


def test_filters_live_in_the_url_and_survive_paging(client, instructor, wave):
    for index in range(52):
        make_application(wave, title=f"Projet {index:02d}")
    client.force_login(instructor)
    response = workspace(client, wave, state=State.SUBMITTED, sort="title")
    assert len(response.context["page"].object_list) == 50
    text = page_text(response)
    assert "Page 1 sur 2" in text
    assert "?state=submitted&amp;sort=title&amp;page=2" in response.content.decode()
    second = workspace(client, wave, state=State.SUBMITTED, sort="title", page=2)
    assert listed_titles(second) == ["Projet 50", "Projet 51"]


def test_the_number_of_queries_does_not_grow_with_the_page(client, instructor, wave, other_instructor):
    label = Label.objects.create(call=wave.call, name="À revoir")

    def add(count):
        for _ in range(count):
            application = make_application(wave)
            Assignment.objects.create(application=application, instructor=other_instructor)
            ApplicationLabel.objects.create(application=application, label=label)

    client.force_login(instructor)
    add(5)
    with CaptureQueriesContext(connection) as five:
        assert workspace(client, wave).status_code == 200
    add(55)
    with CaptureQueriesContext(connection) as sixty:
        response = workspace(client, wave)
    assert len(response.context["page"].object_list) == 50
    assert len(sixty) == len(five)


def test_query_budget(client, instructor, wave, django_assert_max_num_queries):
    for _ in range(60):
        make_application(wave)
    client.force_login(instructor)
    with django_assert_max_num_queries(16):
        workspace(client, wave, state=State.SUBMITTED)


def test_wave_index_counts(client, instructor, wave, dossiers):
    client.force_login(instructor)
    response = client.get(reverse("instruction:index"))
    row = response.context["rows"][0]
    assert row["total"] == 4
    assert ("En instruction", 1) in row["states"]


def test_score_filter_uses_the_reviews_weighted_mean(client, instructor, wave, dossiers):
    from deffinov.instruction.workspace import score_hook

    client.force_login(instructor)
    response = workspace(client, wave)
    if score_hook() is None:
        assert "score_min" not in response.context["form"].fields
        return
    assert "Note moyenne minimale" in page_text(response)
    # No dossier has been scored yet: none reaches any minimum.
    assert listed_titles(workspace(client, wave, score_min="0")) == []
