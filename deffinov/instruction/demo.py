"""The instruction in the demonstration wave: one dossier in review, one sent back for a correction, one
classified without further action, with instructors, labels, annotations and a message thread. Idempotent: run it
as often as the demo is loaded."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deffinov.accounts.models import User
from deffinov.applications.models import Application, State
from deffinov.calls.models import Wave
from deffinov.demo.applications import (
    BOCAGE_FORMATION,
    DEMO_WAVE_SLUG,
    FABRIQUE_BOCAGE,
    SUBMITTED_TITLE,
    organisation,
    submitted_dossier,
)
from deffinov.instruction import transitions
from deffinov.instruction.models import Annotation, ApplicationLabel, Assignment, Label, Message

CORRECTION_TITLE = "Atelier numérique du Bocage (démo)"
DISMISSED_TITLE = "Tiers-lieu des bords de Seine (démo)"
DISMISSAL_MOTIVATION = "Le projet relève de l'appel « Tiers-lieux culturels » : le collectif y est réorienté."
LABELS = [("Territoire rural", "green"), ("Budget à vérifier", "orange"), ("Dossier prioritaire", "purple")]


def _submitted(wave, title, candidate, stdout):
    """The demo dossier `title`, submitted if it was still a draft (the demo wave is open)."""
    return submitted_dossier(
        wave, title, organisation(FABRIQUE_BOCAGE), organisation(BOCAGE_FORMATION), candidate, stdout
    )


def _tools(application, instructor, labels, note, stdout):
    Assignment.objects.get_or_create(
        application=application, instructor=instructor, defaults={"assigned_by": instructor}
    )
    for label in labels:
        ApplicationLabel.objects.get_or_create(application=application, label=label, defaults={"added_by": instructor})
    Annotation.objects.get_or_create(application=application, body=note, defaults={"author": instructor})


def _thread(application, candidate, instructor):
    if application.messages.exists():
        return
    now = timezone.now()
    Message.objects.create(
        application=application, author=candidate, body="Bonjour, avez-vous bien reçu nos statuts mis à jour ?",
        created_at=now - dt.timedelta(hours=3),
    )  # fmt: skip
    Message.objects.create(
        application=application, author=instructor, from_region=True, created_at=now - dt.timedelta(hours=1),
        body="Bonjour, oui, merci. Nous revenons vers vous après l'examen du budget.",
    )  # fmt: skip


def load_demo_instruction(stdout):
    wave = Wave.objects.select_related("call").get(slug=DEMO_WAVE_SLUG)
    candidate = User.objects.get(email="candidat@demo.deffinov.fr")
    instructor = User.objects.get(email="instructeur@demo.deffinov.fr")
    with transaction.atomic():
        labels = [
            Label.objects.get_or_create(
                call=wave.call, name=name, defaults={"colour": colour, "created_by": instructor}
            )[0]
            for name, colour in LABELS
        ]
        in_review = Application.objects.filter(wave=wave, title=SUBMITTED_TITLE).first()
        if in_review is None or in_review.state == State.DRAFT:
            in_review = _submitted(wave, SUBMITTED_TITLE, candidate, stdout)
        if in_review.state == State.SUBMITTED:
            transitions.start_review(in_review, instructor)
        if in_review.state != State.DRAFT:
            _tools(in_review, instructor, labels[::2], "Collectif solide ; vérifier le calendrier des achats.", stdout)
            _thread(in_review, candidate, instructor)
        stdout.write(f"Dossier {in_review.number} : {in_review.get_state_display().lower()}.")

        correction = _submitted(wave, CORRECTION_TITLE, candidate, stdout)
        if correction.state == State.SUBMITTED:
            transitions.start_review(correction, instructor)
        if correction.state == State.IN_REVIEW and not correction.correction_requests.exists():
            transitions.request_correction(
                correction, instructor, "incomplete",
                "Le RIB de La Fabrique du Bocage est illisible : merci d'en déposer un nouveau.",
                timezone.localdate() + dt.timedelta(days=15),
            )  # fmt: skip
        if correction.state != State.DRAFT:
            _tools(
                correction, instructor, labels[1:2], "Relancer le chef de file si rien n'arrive sous 10 jours.", stdout
            )
        stdout.write(f"Dossier {correction.number} : {correction.get_state_display().lower()}.")

        dismissed = _submitted(wave, DISMISSED_TITLE, candidate, stdout)
        if dismissed.state == State.SUBMITTED:
            transitions.start_review(dismissed, instructor)
        if dismissed.state == State.IN_REVIEW:
            transitions.dismiss(dismissed, instructor, DISMISSAL_MOTIVATION)
        stdout.write(f"Dossier {dismissed.number} : {dismissed.get_state_display().lower()}.")
