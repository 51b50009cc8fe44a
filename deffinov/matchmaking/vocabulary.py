"""The fixed lists an ad picks from: training domains (NSF) and what a structure brings to a partnership.

The domains are the 17 two-digit « sous-domaines » of the Nomenclature des spécialités de formation (NSF, INSEE –
CNIS, décret n° 94-522 du 21 juin 1994), shipped as data in data/nsf-domaines.csv. See docs/matchmaking.md."""

import csv
from pathlib import Path

from django.db import models

from deffinov.organisations.kinds import TRAINING_KINDS, Kind

DOMAINS_FILE = Path(__file__).resolve().parent / "data" / "nsf-domaines.csv"


def _read_domains():
    with DOMAINS_FILE.open(encoding="utf-8", newline="") as file:
        return {row["code"]: row["libelle"] for row in csv.DictReader(file)}


DOMAINS = _read_domains()
DOMAIN_CHOICES = [(code, f"{code} – {label}") for code, label in DOMAINS.items()]


def domain_label(code):
    return DOMAINS.get(code, code)


class Contribution(models.TextChoices):
    """What a structure brings to a consortium, or looks for in one."""

    PREMISES = "locaux", "Des locaux et salles pour former"
    EQUIPMENT = "equipements", "Des équipements numériques (ordinateurs, visioconférence)"
    TRAINERS = "formateurs", "Des formateurs et des contenus de formation"
    ENGINEERING = "ingenierie", "De l'ingénierie pédagogique"
    LEARNERS = "publics", "L'accueil et l'accompagnement des publics"
    CERTIFICATION = "certification", "Des formations certifiantes (Qualiopi)"
    NETWORK = "reseau", "Un réseau local d'entreprises et de partenaires"


# « propose des locaux », written after a structure's name in a suggestion's reason.
CONTRIBUTION_PHRASES = {
    Contribution.PREMISES: "des locaux",
    Contribution.EQUIPMENT: "des équipements numériques",
    Contribution.TRAINERS: "des formateurs",
    Contribution.ENGINEERING: "de l'ingénierie pédagogique",
    Contribution.LEARNERS: "l'accueil des publics",
    Contribution.CERTIFICATION: "des formations certifiantes",
    Contribution.NETWORK: "un réseau local",
}

# Places where people come to train, complemented by those who train them (and the other way round).
PLACE_KINDS = frozenset({Kind.TIERS_LIEU, Kind.EPN})

# « organisme de formation », « tiers-lieu »: a kind inside a sentence.
KIND_PHRASES = {
    Kind.TIERS_LIEU: "tiers-lieu",
    Kind.EPN: "espace public numérique",
    Kind.ORGANISME_FORMATION: "organisme de formation",
    Kind.CFA: "CFA",
    Kind.LYCEE_PROFESSIONNEL: "lycée professionnel",
    Kind.ETABLISSEMENT_SCOLAIRE: "établissement scolaire",
    Kind.EDTECH: "EdTech",
    Kind.BRANCHE: "branche professionnelle",
    Kind.ENTREPRISE: "entreprise",
    Kind.SIAE: "structure d'insertion",
    Kind.CAE: "coopérative d'activité et d'emploi",
    Kind.ENSEIGNEMENT_SUPERIEUR: "établissement d'enseignement supérieur",
    Kind.TETE_DE_RESEAU: "tête de réseau",
    Kind.COLLECTIVITE: "collectivité",
}


def kind_phrase(kinds):
    """The first kind of a structure, as a sentence names it; training kinds first, then places."""
    ordered = [kind for kind in Kind.values if kind in kinds]
    for kind in ordered:
        if kind in TRAINING_KINDS:
            return KIND_PHRASES[kind]
    return KIND_PHRASES[ordered[0]] if ordered else "structure"


def is_place(kinds):
    return bool(PLACE_KINDS.intersection(kinds))


def is_training(kinds):
    return bool(TRAINING_KINDS.intersection(kinds))


def complementary(kinds, other_kinds):
    """A tiers-lieu or an EPN is complemented by a training actor, and the other way round."""
    return (is_place(kinds) and is_training(other_kinds)) or (is_training(kinds) and is_place(other_kinds))
