import pytest
from django.urls import reverse

from deffinov.audit.models import AuditEvent
from deffinov.instruction.models import Annotation, Assignment, Label
from tests.instruction.factories import make_application
from tests.organisations.helpers import page_text

pytestmark = pytest.mark.django_db


def url(name, application, *args):
    return reverse(f"instruction:{name}", args=[application.number, *args])


def test_assign_instructors_and_find_them_in_my_dossiers(client, instructor, other_instructor, application, wave):
    other = make_application(wave, title="Un autre dossier")
    client.force_login(instructor)
    response = client.post(url("assign", application), {"instructor": instructor.pk}, follow=True)
    assert "Le dossier est attribué à Lucie Bernard." in page_text(response)
    client.post(url("assign", application), {"instructor": other_instructor.pk})
    response = client.post(url("assign", application), {"instructor": instructor.pk}, follow=True)
    assert "Lucie Bernard instruit déjà ce dossier." in page_text(response)
    assert Assignment.objects.filter(application=application).count() == 2
    mine = page_text(client.get(reverse("instruction:my_dossiers")))
    assert application.number in mine
    assert other.number not in mine
    assert AuditEvent.objects.filter(action="instruction.assigned", object_id=str(application.pk)).count() == 2


def test_only_instructors_can_be_assigned(client, instructor, lead_admin, application):
    client.force_login(instructor)
    response = client.post(url("assign", application), {"instructor": lead_admin.pk})
    assert "Sélectionnez un choix valide" in page_text(response)
    assert not Assignment.objects.exists()


def test_unassign(client, instructor, application):
    assignment = Assignment.objects.create(application=application, instructor=instructor)
    client.force_login(instructor)
    client.post(url("unassign", application, assignment.pk))
    assert not Assignment.objects.exists()
    assert AuditEvent.objects.filter(action="instruction.unassigned").count() == 1


def test_labels_are_per_call_and_changes_are_audited(client, instructor, application):
    client.force_login(instructor)
    client.post(url("new_label", application), {"name": "À revoir", "colour": "orange"})
    label = Label.objects.get(name="À revoir")
    assert label.call == application.wave.call
    response = client.post(url("new_label", application), {"name": "à revoir", "colour": "blue"})
    assert "Une étiquette porte déjà ce nom dans cet appel." in page_text(response)
    assert list(application.labels.all()) == [label]
    client.post(url("labels", application), {"labels": []})
    assert list(application.labels.all()) == []
    client.post(url("labels", application), {"labels": [label.pk]})
    assert list(application.labels.all()) == [label]
    actions = list(AuditEvent.objects.filter(action="instruction.labels_changed").values_list("data", flat=True))
    assert [d["added"] for d in actions] == [["À revoir"], [], ["À revoir"]]


def test_a_colour_outside_the_presets_is_refused(client, instructor, application):
    client.force_login(instructor)
    response = client.post(url("new_label", application), {"name": "Fluo", "colour": "#ff0"})
    assert "Sélectionnez un choix valide" in page_text(response)
    assert not Label.objects.exists()


def test_annotations(client, instructor, application):
    client.force_login(instructor)
    response = client.post(url("annotate", application), {"body": ""})
    assert "Ce champ est obligatoire." in page_text(response)
    client.post(url("annotate", application), {"body": "Appeler le chef de file sur le budget."})
    annotation = Annotation.objects.get()
    assert annotation.author == instructor
    page = page_text(client.get(url("dossier", application)))
    assert "Appeler le chef de file sur le budget." in page
    assert AuditEvent.objects.get(action="instruction.annotated").object_id == str(annotation.pk)
