"""Expertise and committee in the demonstration wave: the default grid, an expert's opinion, two instructors'
scores, a session with its agenda and one decision. Idempotent: run it as often as the demo is loaded, after
the instruction's part (it needs the dossier in review)."""

import datetime as dt
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from deffinov.accounts.models import User
from deffinov.applications import workflow
from deffinov.applications.models import Application, State
from deffinov.calls.models import Wave
from deffinov.committee.decisions import record_decision
from deffinov.committee.models import AgendaItem, CommitteeMember, CommitteeSession
from deffinov.demo.accounts import DEMO_PASSWORD
from deffinov.demo.applications import (
    BOCAGE_FORMATION,
    DEMO_WAVE_SLUG,
    FABRIQUE_BOCAGE,
    SUBMITTED_TITLE,
    add_partner,
    fill_complete,
    get_or_create_draft,
    organisation,
)
from deffinov.reviews import experts
from deffinov.reviews.models import ExpertInvitation, Review, ensure_default_grid
from deffinov.reviews.reviewing import save_review

DECIDED_TITLE = "Tiers-lieu nomade du Pays d'Auge (démo)"
SESSION_TITLE = "Comité de sélection – vague de démonstration"
EXPERT_EMAIL = "expert@demo.deffinov.fr"
SCORES = {
    "instructeur@demo.deffinov.fr": [5, 4, 3, 4, 4, 3, 4],
    "admin@demo.deffinov.fr": [3, 4, 4, 4, 3, 3, 4],
}


def expert_account():
    user, created = User.objects.get_or_create(
        email=EXPERT_EMAIL,
        defaults={"first_name": "Élise", "last_name": "Duval", "job_title": "Experte en ingénierie de formation"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=EXPERT_EMAIL, defaults={"verified": True, "primary": True})
    return user


def in_review(wave, title, candidate, instructor, stdout):
    """The demo dossier `title`, submitted and taken into instruction if needed."""
    application, _ = get_or_create_draft(wave, title, organisation(FABRIQUE_BOCAGE), candidate)
    if application.state == State.DRAFT:
        add_partner(application, organisation(BOCAGE_FORMATION), candidate)
        fill_complete(application, organisation(FABRIQUE_BOCAGE), organisation(BOCAGE_FORMATION), candidate)
        try:
            workflow.submit(application, candidate)
        except workflow.TransitionError as error:
            stdout.write(f"Dossier {application.number} non déposé : {error.message}")
    if application.state == State.SUBMITTED:
        workflow.apply(application, "start_review", instructor)
    return application


def score(application, criteria):
    for email, values in SCORES.items():
        reviewer = User.objects.get(email=email)
        if not Review.objects.filter(application=application, reviewer=reviewer).exists():
            save_review(application, reviewer, {c: (v, "") for c, v in zip(criteria, values, strict=True)})


def opinion(application, expert, instructor):
    invitation = ExpertInvitation.objects.filter(application=application, email=EXPERT_EMAIL).first()
    if invitation is None:
        invitation = ExpertInvitation.objects.create(
            application=application, email=EXPERT_EMAIL, deadline=timezone.localdate() + dt.timedelta(days=10),
            invited_by=instructor,
        )  # fmt: skip
    if invitation.user_id is None:
        experts.take_up(invitation, expert)
    if invitation.status == ExpertInvitation.Status.INVITED:
        experts.declare(invitation, expert, no_conflict=True)
    if invitation.status == ExpertInvitation.Status.ACCEPTED:
        experts.answer(
            invitation, expert, "favourable",
            "Consortium complémentaire et bien ancré dans le Bessin. Le calendrier des achats mérite d'être "
            "précisé avant la convention.", {},
        )  # fmt: skip


def session_with_agenda(wave, instructor, applications):
    session, _ = CommitteeSession.objects.get_or_create(
        wave=wave, title=SESSION_TITLE,
        defaults={"date": timezone.now() + dt.timedelta(days=14), "created_by": instructor},
    )  # fmt: skip
    CommitteeMember.objects.get_or_create(
        session=session, name=instructor.get_full_name(), defaults={"institution": "region", "user": instructor}
    )
    CommitteeMember.objects.get_or_create(
        session=session, name="Marc Lebrun", defaults={"institution": "dreets", "function": "Chargé de mission FSE"}
    )
    for application in applications:
        if application.state != State.DRAFT:
            AgendaItem.objects.get_or_create(session=session, application=application)
    return session


def load_demo_committee(stdout):
    wave = Wave.objects.select_related("call").get(slug=DEMO_WAVE_SLUG)
    candidate = User.objects.get(email="candidat@demo.deffinov.fr")
    instructor = User.objects.get(email="instructeur@demo.deffinov.fr")
    with transaction.atomic():
        criteria = ensure_default_grid(wave.call)
        expert = expert_account()
        reviewed = Application.objects.filter(wave=wave, title=SUBMITTED_TITLE).first()
        decided = in_review(wave, DECIDED_TITLE, candidate, instructor, stdout)
        for application in (reviewed, decided):
            if application is not None and application.state != State.DRAFT:
                score(application, criteria)
        if reviewed is not None and reviewed.state != State.DRAFT:
            opinion(reviewed, expert, instructor)
        session = session_with_agenda(wave, instructor, [a for a in (reviewed, decided) if a is not None])
        if decided.state == State.IN_REVIEW and session.agenda.filter(application=decided).exists():
            record_decision(
                decided, instructor, "accepted", amount=Decimal(60_000), session=session,
                motivation="Projet retenu ; montant ajusté au calendrier des dépenses.",
            )  # fmt: skip
        stdout.write(
            f"Comité « {session.title} » : {session.agenda.count()} dossier(s) à l'ordre du jour, "
            f"{decided.number} {decided.get_state_display().lower()}. Expert : {EXPERT_EMAIL}."
        )
