from django.urls import reverse

from deffinov.applications.models import Application
from tests.applications.factories import draft, person


def url(application, name="detail", *args):
    return reverse(f"applications:{name}", args=[application.number, *args])


def section_data(client, application, key):
    """What the section form holds as loaded: its hidden version and fingerprint."""
    response = client.get(url(application))
    form = response.context["sections"]
    section = next(s for s in form if s["key"] == key)["form"]
    return {f"{key}-version": section["version"].value(), f"{key}-fingerprint": section["fingerprint"].value()}


def test_dossier_page_shows_sections_and_eligibility_panel(consortium, login):
    client = login(consortium["lead_admin"])
    response = client.get(url(consortium["application"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Toutes les règles bloquantes sont respectées" in html
    for title in ["Territoire", "Publics visés", "Critères des tiers-lieux", "Budget", "Pièces justificatives"]:
        assert title in html
    assert "150\xa0000\xa0€" in html
    assert "33,3\xa0%" in html


def test_autosave_with_htmx_answers_saved_at_and_refreshes_panel(db, login):
    application, _lead, admin = draft()
    client = login(admin)
    data = {
        **section_data(client, application, "identite"),
        "identite-title": "Nouveau titre",
        "identite-summary": "Un résumé.",
    }
    response = client.post(url(application, "section", "identite"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enregistré à" in html
    assert 'id="eligibility-panel"' in html and 'hx-swap-oob="true"' in html
    application.refresh_from_db()
    assert application.title == "Nouveau titre"
    assert application.version == 2


def test_save_without_javascript_redirects_with_a_message(db, login):
    application, _lead, admin = draft()
    client = login(admin)
    data = {
        **section_data(client, application, "pedagogie"),
        "pedagogie-pedagogy": "Hybride",
        "pedagogie-innovation": "",
    }
    response = client.post(url(application, "section", "pedagogie"), data, follow=True)
    assert "Partie « Approche pédagogique et innovation » enregistrée" in response.content.decode()
    application.refresh_from_db()
    assert application.pedagogy == "Hybride"


def test_concurrent_edit_of_the_same_field_is_refused_and_nothing_is_lost(db, login, client, django_user_model):
    application, lead, alice = draft()
    bob = person(lead.organisation, role="member")
    from django.test import Client

    alice_client, bob_client = login(alice), Client()
    bob_client.force_login(bob)
    loaded_by_alice = section_data(alice_client, application, "pedagogie")
    loaded_by_bob = section_data(bob_client, application, "pedagogie")
    alice_client.post(
        url(application, "section", "pedagogie"),
        {**loaded_by_alice, "pedagogie-pedagogy": "Version d'Alice", "pedagogie-innovation": ""},
    )
    response = bob_client.post(
        url(application, "section", "pedagogie"),
        {**loaded_by_bob, "pedagogie-pedagogy": "Version de Bob", "pedagogie-innovation": ""},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Vos modifications de cette partie n'ont pas été enregistrées" in html
    assert "Version d&#x27;Alice" in html  # their value
    assert html.count("Version de Bob") >= 2  # in the diff and still in the form
    application.refresh_from_db()
    assert application.pedagogy == "Version d'Alice"
    # Saving again, knowingly, replaces the other value.
    form = response.context["sections"]
    section = next(s for s in form if s["key"] == "pedagogie")["form"]
    retry = {
        "pedagogie-version": section["version"].value(),
        "pedagogie-fingerprint": section["fingerprint"].value(),
        "pedagogie-pedagogy": "Version de Bob",
        "pedagogie-innovation": "",
    }
    assert bob_client.post(url(application, "section", "pedagogie"), retry).status_code == 302
    application.refresh_from_db()
    assert application.pedagogy == "Version de Bob"


def test_concurrent_edits_of_different_sections_both_go_through(db, login):
    application, _lead, alice = draft()
    client = login(alice)
    identity = section_data(client, application, "identite")
    spaces = section_data(client, application, "espaces")
    client.post(
        url(application, "section", "identite"), {**identity, "identite-title": "Titre A", "identite-summary": ""}
    )
    response = client.post(url(application, "section", "espaces"), {**spaces, "espaces-spaces": "Une salle"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.title, application.spaces) == ("Titre A", "Une salle")


def test_territory_accepts_communes_one_per_line_and_reports_unknown_ones(consortium, login):
    application = consortium["application"]
    client = login(consortium["lead_admin"])
    loaded = section_data(client, application, "territoire")
    response = client.post(
        url(application, "section", "territoire"),
        {**loaded, "territoire-communes": "Caen (14000)\nAtlantide", "territoire-epci": ""},
    )
    assert response.status_code == 422
    assert "« Atlantide » : Commune inconnue" in response.content.decode()
    assert "Atlantide" in response.context["sections"][1]["form"]["communes"].value()
    response = client.post(
        url(application, "section", "territoire"),
        {**loaded, "territoire-communes": "Caen (14000)\n14762", "territoire-epci": ""},
    )
    assert response.status_code == 302
    assert sorted(application.communes.values_list("code", flat=True)) == ["14118", "14762"]


def test_submitted_dossier_cannot_be_edited(consortium, login):
    application = consortium["application"]
    Application.objects.filter(pk=application.pk).update(state="submitted", submitted_at="2024-03-11T22:00:00Z")
    client = login(consortium["lead_admin"])
    response = client.post(
        url(application, "section", "identite"),
        {"identite-version": 99, "identite-title": "Changé", "identite-summary": ""},
        follow=True,
    )
    assert "il ne peut plus être modifié" in response.content.decode()
    application.refresh_from_db()
    assert application.title != "Changé"
