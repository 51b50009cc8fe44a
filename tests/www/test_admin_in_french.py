"""The admin speaks French: section and model names, titles, inline buttons, with correct elision."""

import contextlib
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.accounts.factories import UserFactory

# English the admin used to show, and French that came out wrong (« de Appels », « un objet Vague »).
ENGLISH = (
    "Accounts",
    "Applications",
    "Emails",
    "Territories",
    "Eligibility",
    "Tasks Database Backend",
    "Task Result",
    "Task Results",
    "Add another",
    "Utils",
    "Demo",
    "Www",
    "enqueued at",
    "queue name",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
)
CLUMSY_FRENCH = ("Ajouter un objet", "supplémentaire", "e-mail", "E-mail", "Email")
# « de » before a vowel or a mute h must elide: « d'Appels », never « de Appels ».
NO_ELISION = re.compile(r"\b(?:de|De|le|Le|la|La|que) [AEIOUYÉÈÊÂaeiouyéèêâHh]")


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def headings(html):
    """The title, the page heading and the breadcrumbs: where the admin composes sentences around names."""
    parts = re.findall(r"<title>(.*?)</title>|<h1[^>]*>(.*?)</h1>|<div class=\"breadcrumbs\">(.*?)</div>", html, re.S)
    return visible_text(" | ".join(" ".join(part) for part in parts))


def admin_pages():
    pages = [reverse("admin:index")]
    labels = sorted({model._meta.app_label for model in admin.site._registry})
    pages += [reverse("admin:app_list", args=[label]) for label in labels]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        with contextlib.suppress(NoReverseMatch):
            pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    return pages


@pytest.mark.django_db
def test_every_admin_page_of_our_models_is_in_french(client):
    client.force_login(UserFactory(email="admin@normandie.fr", is_staff=True, is_superuser=True))
    problems = []
    for url in admin_pages():
        response = client.get(url)
        if response.status_code == 403:  # a model without an add page (read-only admin)
            continue
        assert response.status_code == 200, url
        html = response.content.decode()
        text = visible_text(html)
        words = [word for word in (*ENGLISH, *CLUMSY_FRENCH) if re.search(rf"\b{re.escape(word)}\b", text)]
        words += re.findall(NO_ELISION, headings(html))
        if words:
            problems.append((url, words))

    assert problems == []


@pytest.mark.django_db
def test_an_app_page_and_an_add_page_name_their_subject_without_elision_trouble(client):
    client.force_login(UserFactory(email="admin@normandie.fr", is_staff=True, is_superuser=True))

    app_page = headings(client.get(reverse("admin:app_list", args=["calls"])).content.decode())
    add_page = client.get(reverse("admin:calls_call_add")).content.decode()

    assert "Administration : Appels à projets" in app_page
    assert "Ajout : appel à projets" in headings(add_page)
    assert "Ajouter une ligne : Vague" in add_page
