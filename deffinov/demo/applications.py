"""Demonstration dossiers in the demonstration wave: a complete eligible draft, an incomplete draft, dossiers
submitted (one stays so; the instruction and the committee take the others further) and one withdrawn by its
consortium. Every state is reached through the dossier's workflow. Idempotent: each dossier is found again by its
wave and title."""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from deffinov.accounts.models import User
from deffinov.applications import workflow
from deffinov.applications.budget import follow_in_kind
from deffinov.applications.documents import required_kinds
from deffinov.applications.models import (
    Application,
    CriterionDeclaration,
    Document,
    ExpenseLine,
    Participation,
    ResourceLine,
    State,
)
from deffinov.calls.models import PARIS, Wave
from deffinov.demo.organisations import demo_siret
from deffinov.demo.questions import answer_questions
from deffinov.eligibility.engine import add_months
from deffinov.organisations.models import Organisation
from deffinov.territories.models import Commune

DEMO_WAVE_SLUG = "vague-demonstration"
# Demo structures by their demo number (see deffinov.demo.organisations).
FABRIQUE_BOCAGE, BOCAGE_FORMATION, CAEN_COMPETENCES, CFA_BESSIN = 1, 2, 3, 4
COMPLETE_TITLE = "Espace de compétences du Bocage virois (démo)"
INCOMPLETE_TITLE = "Parcours numériques de la plaine de Caen (démo)"
SUBMITTED_TITLE = "Campus connecté du Bessin (démo)"
PROJECT_MONTHS = 16
WAITING_TITLE = "Fablab partagé du Cotentin (démo)"
WITHDRAWN_TITLE = "Espace numérique du Perche (démo)"
WITHDRAWAL_MOTIVATION = "Le collectif retire son dossier : le local prévu n'est plus disponible cette année."


def pdf(text):
    """A minimal valid PDF page saying `text`."""
    stream = f"BT /F1 18 Tf 60 760 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def project_dates(wave):
    """An honest 16-month project: it starts the first day of the month after the wave closes (so never before
    its filing) and ends within the time the wave leaves its projects."""
    closes_on = wave.closes_at.astimezone(PARIS).date()
    start = (closes_on.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return start, add_months(start, PROJECT_MONTHS) - dt.timedelta(days=1)


def organisation(n):
    return Organisation.objects.get(siret=demo_siret(n))


def get_or_create_draft(wave, title, lead, by):
    application = Application.objects.filter(wave=wave, title=title).first()
    if application:
        return application, False
    application = Application.objects.create(wave=wave, title=title, created_by=by, updated_by=by)
    Participation.objects.create(
        application=application, organisation=lead, role="member", is_lead=True, status="accepted", invited_by=by
    )
    return application, True


def add_partner(application, partner, by, status="accepted", share=Decimal(0)):
    Participation.objects.update_or_create(
        application=application,
        organisation=partner,
        defaults={"role": "member", "status": status, "invited_by": by, "grant_share": share},
    )


def fill_complete(application, lead, partner, by):
    """Every section, the criteria, a balanced budget with 33 % cofinancing and every document."""
    application.summary = "Un espace de formation au cœur du bocage virois, ouvert aux actifs du territoire."
    application.publics = ["demandeurs_emploi", "salaries", "reconversion"]
    application.pedagogy = "Formations hybrides : modules à distance suivis sur place avec une animatrice."
    application.innovation = "Des parcours courts co-construits avec les entreprises du bassin de Vire."
    application.pooling = "La salle de visioconférence et 12 ordinateurs du tiers-lieu sont partagés."
    application.spaces = "Une salle de 12 postes, une cabine de visioconférence, un espace d'accueil."
    application.start_on, application.end_on = project_dates(application.wave)
    application.save()
    application.communes.set(Commune.objects.filter(pk__in=["14762"]))
    answer_questions(application, by)
    lead_participation = application.participations.get(organisation=lead)
    Participation.objects.filter(pk=lead_participation.pk).update(grant_share=Decimal("0.6"))
    application.participations.filter(organisation=partner).update(grant_share=Decimal("0.4"))
    for criterion in application.wave.call.tiers_lieu_criteria.all():
        CriterionDeclaration.objects.get_or_create(
            participation=lead_participation,
            criterion=criterion,
            defaults={"justification": f"{criterion.label} : pratiqué au quotidien depuis l'ouverture du lieu."},
        )
    partner_participation = application.participations.get(organisation=partner)
    if not application.expenses.exists():
        ExpenseLine.objects.create(
            application=application, participation=lead_participation, category="personnel",
            label="Animatrice de l'espace (0,8 ETP sur 16 mois)", amount=Decimal(60_000),
        )  # fmt: skip
        ExpenseLine.objects.create(
            application=application, participation=partner_participation, category="equipement_pedagogique",
            label="12 ordinateurs portables et la cabine de visioconférence", amount=Decimal(30_000),
        )  # fmt: skip
        room = ExpenseLine.objects.create(
            application=application, participation=lead_participation, category="frais_structure",
            label="Mise à disposition de la salle (valorisation)", amount=Decimal(15_000), in_kind=True,
        )  # fmt: skip
        ResourceLine.objects.create(application=application, kind="requested_grant", label="Région", amount=70_000)
        ResourceLine.objects.create(application=application, kind="own_funds", label="Fonds propres", amount=20_000)
        follow_in_kind(room)  # The in-kind resource follows its expense, as when entered on the dossier page.
    for participation in (lead_participation, partner_participation):
        for kind in required_kinds(participation):
            if not participation.documents.filter(kind=kind.code).exists():
                content = pdf(f"{participation.organisation.name} - {kind.label} (demo)")
                document = Document(
                    application=application, participation=participation, kind=kind.code,
                    original_name=f"{kind.code}.pdf", size=len(content), content_type="application/pdf",
                    sha256=hashlib.sha256(content).hexdigest(), uploaded_by=by,
                )  # fmt: skip
                document.file.save(f"{kind.code}.pdf", ContentFile(content), save=False)
                document.save()


def submitted_dossier(wave, title, lead, partner, by, stdout):
    """The demo dossier `title`, complete and submitted through the workflow if it was still a draft."""
    application, _ = get_or_create_draft(wave, title, lead, by)
    if application.state == State.DRAFT:
        add_partner(application, partner, by)
        fill_complete(application, lead, partner, by)
        try:
            workflow.submit(application, by, sworn=True)
        except workflow.TransitionError as error:
            stdout.write(f"Dossier {application.number} non déposé : {error.message}")
    return application


def load_demo_applications(stdout):
    wave = Wave.objects.select_related("call").get(slug=DEMO_WAVE_SLUG)
    candidate = User.objects.get(email="candidat@demo.deffinov.fr")
    fabrique, bocage = organisation(FABRIQUE_BOCAGE), organisation(BOCAGE_FORMATION)
    with transaction.atomic():
        complete, created = get_or_create_draft(wave, COMPLETE_TITLE, fabrique, candidate)
        if complete.state == State.DRAFT:
            add_partner(complete, bocage, candidate)
            fill_complete(complete, fabrique, bocage, candidate)
        stdout.write(f"Dossier {complete.number} complet et éligible : {'créé' if created else 'à jour'}.")

        incomplete, created = get_or_create_draft(wave, INCOMPLETE_TITLE, organisation(CAEN_COMPETENCES), None)
        add_partner(incomplete, fabrique, None, status="invited")
        stdout.write(
            f"Dossier {incomplete.number} incomplet (invitation en attente) : {'créé' if created else 'à jour'}."
        )

        submitted, created = get_or_create_draft(wave, SUBMITTED_TITLE, fabrique, candidate)
        if submitted.state == State.DRAFT:
            add_partner(submitted, organisation(CFA_BESSIN), candidate)
            fill_complete(submitted, fabrique, organisation(CFA_BESSIN), candidate)
            submitted.communes.set(Commune.objects.filter(pk__in=["14047", "14762"]))
            try:
                workflow.submit(submitted, candidate, sworn=True)
            except workflow.TransitionError as error:
                stdout.write(f"Dossier {submitted.number} non déposé : {error.message}")
        stdout.write(f"Dossier {submitted.number} déposé : {'créé' if created else 'à jour'}.")

        waiting = submitted_dossier(wave, WAITING_TITLE, fabrique, bocage, candidate, stdout)
        stdout.write(f"Dossier {waiting.number} : {waiting.get_state_display().lower()}.")

        withdrawn = submitted_dossier(wave, WITHDRAWN_TITLE, fabrique, bocage, candidate, stdout)
        if withdrawn.state == State.SUBMITTED:
            workflow.withdraw(withdrawn, candidate, motivation=WITHDRAWAL_MOTIVATION)
        stdout.write(f"Dossier {withdrawn.number} : {withdrawn.get_state_display().lower()}.")
