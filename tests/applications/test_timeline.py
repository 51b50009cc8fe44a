"""A dossier's dated history: what its collectif sees, what the Region sees besides, in a constant number of queries."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from deffinov import formatting
from deffinov.applications import workflow
from deffinov.applications.models import ApplicationTransition
from deffinov.instruction import transitions
from deffinov.instruction.models import ApplicationLabel, Assignment, Label
from tests.accounts.factories import UserFactory
from tests.applications.factories import join, person
from tests.organisations.factories import OrganisationFactory
from tests.organisations.helpers import page_text as page_html


def page_text(response):
    """What a person reads: the words of the page, without its tags, spaces collapsed."""
    return " ".join(strip_tags(page_html(response)).split())


def timeline_url(application):
    return reverse("applications:timeline", args=[application.number])


def corrected(consortium, instructor):
    application = consortium["application"]
    assert workflow.submit(application, consortium["lead_admin"]) is True
    transitions.start_review(application, instructor)
    Assignment.objects.create(application=application, instructor=instructor, assigned_by=instructor)
    label = Label.objects.create(call=application.wave.call, name="Territoire rural", created_by=instructor)
    ApplicationLabel.objects.create(application=application, label=label, added_by=instructor)
    due_on = timezone.localdate() + dt.timedelta(days=10)
    transitions.request_correction(application, instructor, "incorrect", "Le titre est erroné.", due_on)
    transitions.resubmit(application, consortium["lead_admin"])
    return application


def test_the_collectif_reads_the_dossiers_dated_history(consortium, instructor, client):
    application = corrected(consortium, instructor)
    client.force_login(consortium["partner_admin"])
    response = client.get(timeline_url(application))
    text = page_text(response)
    submitted = ApplicationTransition.objects.get(application=application, to_state="submitted")
    expected = [
        "Dossier créé",
        "Le Tiers-Lieu du Bocage rejoint le collectif",
        "Formations du Calvados rejoint le collectif",
        f"{' '.join(formatting.datetime(submitted.at).split())} Dossier déposé – {consortium['lead_admin']}",
        "Correction demandée par la Région",
        "Informations erronées : Le titre est erroné.",
        "Dossier corrigé renvoyé",
    ]
    positions = [text.index(item) for item in expected]
    assert positions == sorted(positions)
    # The instruction's own events stay with the Region.
    assert "Instruction commencée" not in text
    assert "Territoire rural" not in text
    assert "attribué" not in text


def test_the_region_also_reads_assignments_labels_and_the_start_of_the_instruction(consortium, instructor, client):
    application = corrected(consortium, instructor)
    client.force_login(instructor)
    text = page_text(client.get(timeline_url(application)))
    assert f"Dossier attribué à {instructor}" in text
    assert "Étiquette « Territoire rural » ajoutée" in text
    assert "Instruction commencée" in text


def test_a_decision_appears_once_the_committee_made_it_final(consortium, instructor, client):
    application = corrected(consortium, instructor)
    client.force_login(consortium["lead_admin"])
    assert "Dossier accepté" not in page_text(client.get(timeline_url(application)))
    workflow.apply(application, "accept", UserFactory(functional_admin=True))
    text = page_text(client.get(timeline_url(application)))
    assert "Dossier accepté – Région Normandie" in text


def test_outsiders_do_not_read_the_history(consortium, outsider, client):
    client.force_login(outsider)
    assert client.get(timeline_url(consortium["application"])).status_code == 404


def test_the_history_costs_the_same_queries_however_long_it_is(
    consortium, instructor, client, django_assert_max_num_queries
):
    application = corrected(consortium, instructor)
    client.force_login(instructor)
    with django_assert_max_num_queries(40) as few:
        client.get(timeline_url(application))
    for index in range(3):
        organisation = OrganisationFactory(name=f"Structure {index}")
        person(organisation)
        join(application, organisation)
        other = UserFactory(instructor=True, email=f"instructeur{index}@normandie.fr")
        Assignment.objects.create(application=application, instructor=other, assigned_by=instructor)
        label = Label.objects.create(call=application.wave.call, name=f"Étiquette {index}")
        ApplicationLabel.objects.create(application=application, label=label, added_by=other)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(timeline_url(application))
    assert "Structure 2 rejoint le collectif" in page_text(response)


def test_the_instructor_reaches_the_history_from_the_instruction_page(consortium, instructor, client):
    application = corrected(consortium, instructor)
    client.force_login(instructor)
    page = page_html(client.get(reverse("instruction:dossier", args=[application.number])))
    assert f'href="{timeline_url(application)}">Historique</a>' in page


def test_the_region_does_not_read_the_history_of_a_draft(consortium, instructor, client):
    application = consortium["application"]
    client.force_login(instructor)
    assert client.get(timeline_url(application)).status_code == 404
    client.force_login(consortium["lead_admin"])
    assert "Dossier créé" in page_text(client.get(timeline_url(application)))
