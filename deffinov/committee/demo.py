"""Expertise and committee in the demonstration wave: the default grid, an expert's opinion, two instructors'
scores; a session held three days ago whose decision was validated with the Commission permanente's deliberation
(letters sent), and a session planned in two weeks with a dossier on its agenda (amounts are proposals).
Idempotent: run it as often as the demo is loaded, after the instruction's part (it needs the dossier in review).

`decide_in_session` is the one way the demo gets decided dossiers (accepted, rejected, dismissed): through a session
that took place, its decisions recorded and validated, as in real life."""

import datetime as dt
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from deffinov.accounts.models import User
from deffinov.applications import workflow
from deffinov.applications.models import Application, State
from deffinov.calls.models import Wave
from deffinov.committee import workflow as session_workflow
from deffinov.committee.decisions import record_decision
from deffinov.committee.models import AgendaItem, CommitteeMember, CommitteeSession, SessionState
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
PAST_SESSION_TITLE = "Comité de sélection – vague de démonstration (séance tenue)"
DELIBERATION = "CP-DEMO-2026-001"
SIGNATORY = ("Claire Besnard", "Vice-présidente de la Région Normandie, par délégation du Président")
COMMITTEE_MEMBER_EMAIL = "comite@demo.deffinov.fr"
VALIDATOR_EMAILS = ("fonctionnel@demo.deffinov.fr", "admin@demo.deffinov.fr")
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
            workflow.submit(application, candidate, sworn=True)
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


def seat_members(session, instructor):
    """The secretariat (the demo instructor), the demo committee member (who may record decisions once the session
    is held) and a DREETS member without an account."""
    CommitteeMember.objects.get_or_create(
        session=session, name=instructor.get_full_name(), defaults={"institution": "region", "user": instructor}
    )
    member = User.objects.filter(email=COMMITTEE_MEMBER_EMAIL).first()
    if member is not None:
        CommitteeMember.objects.get_or_create(
            session=session, user=member,
            defaults={"name": member.get_full_name(), "institution": "region", "function": member.job_title},
        )  # fmt: skip
    CommitteeMember.objects.get_or_create(
        session=session, name="Yann Le Goff", defaults={"institution": "dreets", "function": "Chargé de mission FSE"}
    )


def session_with_agenda(wave, instructor, applications, title=SESSION_TITLE, days=14):
    session, _ = CommitteeSession.objects.get_or_create(
        wave=wave, title=title,
        defaults={"date": timezone.now() + dt.timedelta(days=days), "created_by": instructor},
    )  # fmt: skip
    seat_members(session, instructor)
    if session.state == SessionState.PLANNED:
        for application in applications:
            if application.state == State.IN_REVIEW:
                AgendaItem.objects.get_or_create(session=session, application=application)
    return session


def ensure_signatory(call):
    """Letters are signed by the call's signatory: the demo call gets a fictitious one when it has none."""
    if not call.signatory_name or not call.signatory_title:
        call.signatory_name, call.signatory_title = SIGNATORY
        call.save(update_fields=["signatory_name", "signatory_title"])


def validator():
    """The demo's functional administrator (the platform administrator before that account existed)."""
    return next((user for email in VALIDATOR_EMAILS for user in User.objects.filter(email=email)), None)


def decide_in_session(wave, instructor, decisions, title=PAST_SESSION_TITLE, days_ago=3, stdout=None):
    """Record `decisions` — (application, outcome, amount or None, motivation) — in a session held `days_ago` days
    ago, then validate them with the demo deliberation (dated today): the dossiers move and the letters go out.

    Dossiers not in review are skipped; idempotent (a validated session is left as it is)."""
    session, _ = CommitteeSession.objects.get_or_create(
        wave=wave, title=title,
        defaults={"date": timezone.now() - dt.timedelta(days=days_ago), "created_by": instructor},
    )  # fmt: skip
    if session.state == SessionState.VALIDATED:
        return session
    seat_members(session, instructor)
    wanted = [(a, outcome, amount, motivation) for a, outcome, amount, motivation in decisions if a is not None]
    if session.state == SessionState.PLANNED:
        for application, *_rest in wanted:
            if application.state == State.IN_REVIEW:
                AgendaItem.objects.get_or_create(session=session, application=application)
        if session.agenda.exists():
            session_workflow.hold(session, instructor)
    if session.state != SessionState.HELD:
        return session
    for application, outcome, amount, motivation in wanted:
        application.refresh_from_db()
        on_agenda = session.agenda.filter(application=application).exists()
        if (
            on_agenda
            and application.state == State.IN_REVIEW
            and not session.decisions.filter(application=application).exists()
        ):
            record_decision(application, instructor, outcome, amount=amount, motivation=motivation, session=session)
    by = validator()
    if by is not None:
        ensure_signatory(wave.call)
        try:
            session_workflow.validate(session, by, DELIBERATION, timezone.localdate())
        except session_workflow.SessionError as error:
            if stdout is not None:
                stdout.write(f"Décisions de « {session.title} » non validées : {error.message}")
    session.refresh_from_db()
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
        past = decide_in_session(
            wave, instructor,
            [(decided, "accepted", Decimal(60_000), "Projet retenu ; montant ajusté au calendrier des dépenses.")],
            stdout=stdout,
        )  # fmt: skip
        session = session_with_agenda(wave, instructor, [reviewed] if reviewed is not None else [])
        decided.refresh_from_db()
        stdout.write(
            f"Comité « {past.title} » ({past.get_state_display().lower()}) : {decided.number} "
            f"{decided.get_state_display().lower()}. Comité « {session.title} » : {session.agenda.count()} "
            f"dossier(s) à l'ordre du jour. Expert : {EXPERT_EMAIL}."
        )
