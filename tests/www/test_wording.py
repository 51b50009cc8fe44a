"""Words a reader notices: the group is a « collectif », counts agree, no stray space, no wrong agreement."""

import datetime as dt

from django.template.loader import render_to_string
from django.urls import reverse

from deffinov.calls.models import PARIS
from deffinov.instruction.models import Message
from deffinov.territories.models import Department
from deffinov.utils.text import of
from tests.accounts.factories import UserFactory
from tests.applications.factories import draft
from tests.calls.factories import normandy_wave
from tests.demo.fixtures import page_text
from tests.instruction.factories import make_application, make_wave


def test_the_instruction_says_there_is_no_message_yet(client, instructor):
    application = make_application(make_wave())
    client.force_login(instructor)

    text = page_text(client.get(reverse("instruction:dossier", args=[application.number])))

    assert "Échanges avec le collectif (aucun message)" in text
    assert "0 message" not in text


def test_the_author_of_a_message_is_followed_by_a_comma_without_a_space(client, instructor):
    application = make_application(make_wave())
    author = UserFactory(first_name="Claire", last_name="Lemonnier")
    Message.objects.create(
        application=application, author=author, body="Bonjour.", created_at=dt.datetime(2024, 3, 2, 9, 30, tzinfo=PARIS)
    )
    client.force_login(instructor)

    text = page_text(client.get(reverse("instruction:messages", args=[application.number])))

    assert "Claire Lemonnier, 2 mars 2024 à 9 h 30" in text
    assert "Lemonnier ," not in text


def test_a_removed_document_is_marked_without_a_gender_to_agree_with():
    changes = [
        {"section": "Pièces", "label": "Pièce justificative : statuts", "kind": "removed", "before": "x", "after": ""},
        {"section": "Pièces", "label": "Pièce justificative : RIB", "kind": "added", "before": "", "after": "y"},
    ]

    html = render_to_string("instruction/partials/changes.html", {"changes": changes, "caption": "Modifications"})

    assert "retrait" in html and "ajout" in html
    assert "retiré" not in html and "ajouté" not in html


def test_pages_call_the_group_a_collectif(client, instructor, db):
    application, _lead, admin = draft(normandy_wave(2))
    client.force_login(admin)
    dossier = page_text(client.get(reverse("applications:detail", args=[application.number])))
    group = page_text(client.get(reverse("applications:consortium", args=[application.number])))
    submitted = make_application(make_wave())
    client.force_login(instructor)
    staff = page_text(client.get(reverse("instruction:dossier", args=[submitted.number])))

    assert "Collectif du dossier" in group
    for text in (dossier, group, staff):
        assert "onsortium" not in text


def test_department_names_elide_and_agree_after_de():
    names = {"14": "Calvados", "27": "Eure", "50": "Manche", "61": "Orne", "76": "Seine-Maritime", "78": "Yvelines"}
    written = [Department(code=code, name=name).of_name for code, name in names.items()]

    assert written == [
        "du Calvados",
        "de l'Eure",
        "de la Manche",
        "de l'Orne",
        "de la Seine-Maritime",
        "des Yvelines",
    ]


def test_proper_names_after_de_elide():
    assert [of(name) for name in ("Évreux", "Caen", "Élise Duval", "Le Tiers-Lieu du Bocage", "Les Ateliers")] == [
        "d'Évreux",
        "de Caen",
        "d'Élise Duval",
        "du Tiers-Lieu du Bocage",
        "des Ateliers",
    ]


def test_an_invitation_is_addressed_to_an_address_not_owned_by_it(client, lead_admin, lead):
    lead.invite("expert@exemple.fr", "member", lead_admin)
    client.force_login(lead_admin)

    text = page_text(client.get(lead.get_absolute_url()))

    assert "Annuler l'invitation adressée à expert@exemple.fr" in text
    assert "de expert@" not in text
