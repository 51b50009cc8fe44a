"""The demonstration call's extra questions, and the answers of the demonstration dossiers to them."""

from decimal import Decimal

from django.utils import timezone

from deffinov.applications.models import ExtraAnswer, ExtraQuestion, QuestionKind

LEARNERS = "Nombre d'apprenants visés la première année"
HEARD_OF = "Comment avez-vous connu l'appel à projets ?"
PARTNERS = "Quels partenaires locaux (entreprises, Pôle emploi – France Travail, missions locales) sont associés ?"
HEARD_OF_OPTIONS = [
    "Site de la Région Normandie",
    "Réunion de lancement ou webinaire",
    "Réseau des tiers-lieux",
    "Bouche à oreille",
    "Autre",
]
QUESTIONS = [
    {
        "position": 1,
        "label": LEARNERS,
        "kind": QuestionKind.NUMBER,
        "unit": "apprenants",
        "min_value": Decimal(1),
        "max_value": Decimal(10_000),
        "required": True,
        "help_text": "Personnes formées dans l'espace de compétences pendant les 12 premiers mois.",
    },
    {
        "position": 2,
        "label": HEARD_OF,
        "kind": QuestionKind.CHOICE,
        "options": "\n".join(HEARD_OF_OPTIONS),
        "required": False,
    },
    {
        "position": 3,
        "label": PARTNERS,
        "kind": QuestionKind.LONG_TEXT,
        "required": False,
        "help_text": "Leur rôle dans l'orientation des publics ou la construction des parcours.",
    },
]
ANSWERS = {
    LEARNERS: {"number": Decimal(120)},
    HEARD_OF: {"choice": "Réunion de lancement ou webinaire"},
    PARTNERS: {
        "text": "La mission locale du Bocage oriente les jeunes ; "
        "trois entreprises du bassin de Vire co-construisent les parcours."
    },
}


def load_questions(tally, call):
    """The demonstration call's questions, found again by their label."""
    for question in QUESTIONS:
        _, created = ExtraQuestion.objects.update_or_create(call=call, label=question["label"], defaults=question)
        tally.record("questions complémentaires", created)


def answer_questions(application, by):
    """The answers of a complete demonstration dossier to the questions of its call."""
    for question in ExtraQuestion.objects.active().filter(call_id=application.wave.call_id, label__in=ANSWERS):
        ExtraAnswer.objects.get_or_create(
            application=application,
            question=question,
            defaults={**ANSWERS[question.label], "updated_by": by, "updated_at": timezone.now()},
        )
