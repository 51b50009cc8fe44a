"""Journey: an expert gives an opinion, two instructors score; once the session has taken place, the secretariat
declares it held and records the committee's acceptance with a reduced amount; the functional administrator
validates it with the Commission permanente's deliberation; only then does a member of the collective see the
decision and download the letter, signed by the call's signatory."""

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from deffinov.committee.models import AgendaItem, CommitteeSession, Decision
from deffinov.reviews import experts
from deffinov.reviews.models import ExpertInvitation, Review
from tests.applications.factories import UserFactory
from tests.reviews.helpers import in_review


def log_in(page, live_server, user):
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def score_dossier(page, number, values):
    page.goto(f"/expertise/dossiers/{number}/notation/")
    for label, value in values.items():
        page.get_by_label(re.compile(rf"^{label} \(pondération")).select_option(value)
    page.get_by_role("button", name="Enregistrer ma notation").click()
    expect(page.get_by_text("Votre notation est enregistrée.")).to_be_visible()


def test_expert_opinion_scores_and_committee_decision(page, live_server, check_accessibility, run_tasks):
    first = UserFactory(instructor=True, first_name="Inès", last_name="Instructrice")
    second = UserFactory(instructor=True, first_name="Paul", last_name="Second")
    validator = UserFactory(functional_admin=True, first_name="Fanny", last_name="Fonctionnelle")
    data = in_review(instructor=first)
    application = data["application"]
    number = application.number
    expert = UserFactory(email="elise.experte@exemple.fr", first_name="Élise", last_name="Experte")
    invitation = ExpertInvitation.objects.create(
        application=application, email=expert.email, deadline=timezone.now().date() + dt.timedelta(days=10)
    )
    experts.take_up(invitation, expert)
    call = application.wave.call
    call.signatory_name, call.signatory_title = "Claire Besnard", "Vice-présidente de la Région Normandie"
    call.save(update_fields=["signatory_name", "signatory_title"])
    session = CommitteeSession.objects.create(
        wave=application.wave, title="Comité de sélection – vague 1", date=timezone.now() - dt.timedelta(hours=2)
    )
    AgendaItem.objects.create(session=session, application=application)

    # The expert declares no conflict of interest, reads the dossier and gives a reserved opinion.
    log_in(page, live_server, expert)
    page.goto(f"/expertise/avis/{invitation.pk}/")
    check_accessibility(page, "expertise-declaration")
    page.get_by_label(re.compile("aucun conflit d'intérêts")).check()
    page.get_by_role("button", name="Enregistrer ma déclaration").click()
    expect(page.get_by_role("heading", name="Le budget")).to_be_visible()
    page.get_by_label("Réservé").check()
    page.get_by_label("Avis motivé").fill("Partenariat solide ; le budget de communication reste à préciser.")
    check_accessibility(page, "expertise-avis")
    page.get_by_role("button", name="Enregistrer mon avis").click()
    expect(page.get_by_text("Votre avis est enregistré. Merci.")).to_be_visible()

    # Two instructors score the dossier on the grid.
    log_in(page, live_server, first)
    score_dossier(page, number, {"Pertinence territoriale": "5", "Qualité du partenariat": "4", "Publics touchés": "4"})
    log_in(page, live_server, second)
    score_dossier(page, number, {"Pertinence territoriale": "2", "Qualité du partenariat": "4", "Publics touchés": "3"})
    expect(page.get_by_text("divergence")).to_be_visible()
    check_accessibility(page, "notation")
    page.get_by_role("link", name="Avis d'experts").click()
    expect(page.get_by_text("Partenariat solide ; le budget de communication reste à préciser.")).to_be_visible()
    check_accessibility(page, "avis-experts")
    assert Review.objects.filter(application=application).count() == 2

    # The session took place: its secretariat declares it held, then records the committee's decision.
    log_in(page, live_server, first)
    page.goto("/comite/")
    check_accessibility(page, "comite-index")
    expect(page.get_by_label(re.compile("^Vague"))).to_be_visible()
    page.get_by_role("link", name="Comité de sélection – vague 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comité de sélection – vague 1")
    check_accessibility(page, "comite-seance")
    page.get_by_role("button", name="Déclarer la séance tenue").click()
    expect(page.get_by_text("La séance est déclarée tenue")).to_be_visible()
    page.get_by_role("link", name=f"Décider – {number}").click()
    check_accessibility(page, "comite-decision")
    page.get_by_label("Accepté").check()
    page.get_by_label("Montant accordé (€)").fill("120 000")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator("#id_amount_granted_error")).to_contain_text("ne peut pas dépasser le montant demandé")
    check_accessibility(page, "comite-decision-erreur")
    page.get_by_label("Montant accordé (€)").fill("85 000")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text(re.compile(r"Décision enregistrée pour .* Accepté pour 85\s000\s€"))).to_be_visible()
    check_accessibility(page, "comite-seance-decidee")
    assert Decision.objects.get(application=application).amount_granted == Decimal(85_000)
    run_tasks()

    # Nothing shows to the collective until the decision is validated.
    log_in(page, live_server, data["partner_admin"])
    page.goto(f"/dossiers/{number}/")
    expect(page.locator(".dossier-meta")).not_to_contain_text("Accepté")
    assert page.request.get(f"/comite/dossiers/{number}/lettre-de-decision.pdf").status == 404

    # The functional administrator validates with the Commission permanente's deliberation.
    log_in(page, live_server, validator)
    page.goto(f"/comite/seances/{session.pk}/")
    page.get_by_label("Référence de la délibération").fill("CP-2026-11-042")
    page.get_by_label("Date de la délibération").fill(timezone.localdate().isoformat())
    check_accessibility(page, "comite-validation")
    page.get_by_role("button", name="Valider les décisions").click()
    expect(page.get_by_text(re.compile("Décisions validées \\(délibération CP-2026-11-042"))).to_be_visible()

    run_tasks()  # the letters are made and emailed, in one batch

    # A member of the consortium sees the decision and downloads the letter.
    log_in(page, live_server, data["partner_admin"])
    page.goto(f"/dossiers/{number}/")
    expect(page.locator(".dossier-meta")).to_contain_text("Accepté")
    letter = page.request.get(f"/comite/dossiers/{number}/lettre-de-decision.pdf")
    assert letter.status == 200
    assert letter.body().startswith(b"%PDF")
    assert letter.headers["content-disposition"].startswith("attachment")
