"""A refused dossier in the demonstration wave, decided as the committee decides (deffinov.committee.demo's
`decide_in_session`): on the agenda of a session that took place, the refusal recorded with its motivation, then
validated with the deliberation of the Commission permanente, which moves the dossier and sends the letter.
Idempotent: run it as often as the demo is loaded, after the committee's own part."""

from django.db import transaction

from deffinov.accounts.models import User
from deffinov.applications.models import Application, State
from deffinov.calls.models import Wave
from deffinov.committee.demo import decide_in_session
from deffinov.demo.applications import (
    BOCAGE_FORMATION,
    DEMO_WAVE_SLUG,
    FABRIQUE_BOCAGE,
    organisation,
    submitted_dossier,
)
from deffinov.instruction import transitions

REJECTED_TITLE = "Espace de coworking des falaises d'Étretat (démo)"
SESSION_TITLE = "Comité de sélection – séance complémentaire (démo)"
REFUSAL = (
    "Le projet ne démontre pas de parcours de formation qualifiants : les actions prévues relèvent de l'animation "
    "du lieu. Le collectif peut déposer un dossier retravaillé lors d'une prochaine vague."
)


def load_demo_decisions(stdout):
    wave = Wave.objects.select_related("call").get(slug=DEMO_WAVE_SLUG)
    candidate = User.objects.get(email="candidat@demo.deffinov.fr")
    instructor = User.objects.get(email="instructeur@demo.deffinov.fr")
    with transaction.atomic():
        refused = Application.objects.filter(wave=wave, title=REJECTED_TITLE).first()
        if refused is None or refused.state == State.DRAFT:
            refused = submitted_dossier(
                wave, REJECTED_TITLE, organisation(FABRIQUE_BOCAGE), organisation(BOCAGE_FORMATION), candidate, stdout
            )
        if refused.state == State.SUBMITTED:
            transitions.start_review(refused, instructor)
        decide_in_session(
            wave, instructor, [(refused, "rejected", None, REFUSAL)], title=SESSION_TITLE, days_ago=1, stdout=stdout
        )
        refused.refresh_from_db(fields=["state"])
        stdout.write(f"Dossier {refused.number} : {refused.get_state_display().lower()}.")
