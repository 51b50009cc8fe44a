"""Journey: a signed-in person registers a tiers-lieu by its SIRET and lands on its page."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from deffinov.accounts.models import User
from deffinov.organisations.models import Membership, Organisation
from tests.organisations.factories import vire_normandie
from tests.organisations.sirene_stub import recorded


class RecordedSirene(BaseHTTPRequestHandler):
    """The SIRENE register on localhost, answering what recherche-entreprises.api.gouv.fr answered."""

    def do_GET(self):
        siret = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        body = json.dumps(recorded(siret)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def sirene_register(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordedSirene)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SIRENE_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    yield
    server.shutdown()
    server.server_close()
    thread.join()


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_a_tiers_lieu_registers_by_siret(page, live_server, check_accessibility, transactional_db, sirene_register):
    vire_normandie()
    user = User.objects.create_user(email="claire@fabrique-bocage.fr", password="tiers-lieu-Vire-2024")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    log_in(page, live_server, user)

    page.goto("/structures/inscrire/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrire une structure")
    check_accessibility(page, "register-structure")

    # Typing the SIRET fills the identity and the address from the SIRENE register.
    page.get_by_label("SIRET").fill("732 829 320 00074")
    expect(page.locator("#sirene-status")).to_contain_text("Identité lue au répertoire SIRENE : LA FABRIQUE DU BOCAGE")
    expect(page.get_by_label("Raison sociale")).to_have_value("LA FABRIQUE DU BOCAGE")
    expect(page.get_by_label("Forme juridique")).to_have_value("association")
    expect(page.get_by_label("Date de création de la structure")).to_have_value("2019-03-01")
    expect(page.get_by_label("Adresse (obligatoire)", exact=True)).to_have_value("12 rue du Calvados")
    expect(page.get_by_label("Code postal")).to_have_value("14500")
    commune = page.get_by_role("combobox", name=re.compile("Commune"))
    expect(commune).to_have_value("Vire Normandie (14500) – 14762")
    check_accessibility(page, "register-structure-sirene")
    page.get_by_role("checkbox", name="Tiers-lieu").check()
    page.get_by_label("Date d'ouverture du lieu").fill("2020-09-15")
    page.get_by_role("radio", name="Non").check()
    page.get_by_label("Présentation", exact=True).fill("Coworking, fablab et salle de visio au cœur du Bocage.")

    # Forgetting the opening date of a tiers-lieu is explained on the field, and nothing typed is lost.
    page.get_by_label("Date d'ouverture du lieu").fill("")
    page.get_by_role("button", name="Inscrire la structure").click()
    opening = page.get_by_label("Date d'ouverture du lieu")
    expect(opening).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_place_opened_on_error")).to_contain_text("obligatoire pour un tiers-lieu")
    expect(page.get_by_label("Raison sociale")).to_have_value("LA FABRIQUE DU BOCAGE")
    check_accessibility(page, "register-structure-error")

    opening.fill("2020-09-15")
    page.get_by_role("button", name="Inscrire la structure").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("LA FABRIQUE DU BOCAGE")
    expect(
        page.get_by_text("La structure LA FABRIQUE DU BOCAGE est inscrite : vous en êtes administrateur.")
    ).to_be_visible()
    expect(page.get_by_text("Vérifiée au répertoire SIRENE le")).to_be_visible()
    expect(page.get_by_text("Vire Normandie (Calvados)")).to_be_visible()
    check_accessibility(page, "register-structure-done")

    # The new administrator invites a colleague from the structure's page.
    page.get_by_role("link", name=re.compile("Inviter")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inviter un collègue à rejoindre LA FABRIQUE DU BOCAGE")
    check_accessibility(page, "register-structure-invite")
    page.get_by_label("Adresse électronique de la personne invitée").fill("paul@fabrique-bocage.fr")
    page.get_by_role("radio", name="Membre").check()
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("Invitation envoyée à paul@fabrique-bocage.fr.")).to_be_visible()
    expect(page.get_by_role("cell", name="paul@fabrique-bocage.fr", exact=True)).to_be_visible()
    check_accessibility(page, "register-structure-invited")

    organisation = Organisation.objects.get()
    assert organisation.siret == "73282932000074"
    assert organisation.identity_verified
    assert organisation.memberships.get().role == Membership.Role.ADMIN
